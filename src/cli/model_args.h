// The model argument every command takes, with the flags that convert an .onnx file on load.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "ir/graph.h"
#include "runtime/interpreter.h"

namespace lq::cli {

struct ModelArgs {
  std::string path;
  std::vector<std::string> input_shapes;  // NAME=AxBx..., for ONNX inputs with dynamic dimensions
  std::string input_layout = "nhwc";

  ir::Model load() const;
};

// Adds the positional MODEL and --input-shape / --input-layout to `cmd`.
void add_model_args(CLI::App* cmd, ModelArgs& args);

// --threads and --arithmetic, for the commands that run models.
struct InterpreterArgs {
  int threads = 1;
  std::string arithmetic = "runtime";

  // Checks the values (threads >= 1).
  rt::InterpreterOptions options() const;
};
void add_interpreter_args(CLI::App* cmd, InterpreterArgs& args);

}  // namespace lq::cli
