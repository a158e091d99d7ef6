// The model argument every command takes, with the flags that convert an .onnx file on load.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "ir/graph.h"

namespace lq::cli {

struct ModelArgs {
  std::string path;
  std::vector<std::string> input_shapes;  // NAME=AxBx..., for ONNX inputs with dynamic dimensions
  std::string input_layout = "nhwc";

  ir::Model load() const;
};

// Adds the positional MODEL and --input-shape / --input-layout to `cmd`.
void add_model_args(CLI::App* cmd, ModelArgs& args);

}  // namespace lq::cli
