// The data flags `quantize` (calibration) and `eval` share: where the samples are and how a stored
// sample becomes a model input (data/preprocess.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "data/dataset.h"
#include "ir/graph.h"

namespace lq::cli {

struct DataArgs {
  std::string path;
  float scale = 1.0f;
  std::string mean = "0", std = "1";  // one value, or one per channel, comma-separated
  std::string size;                   // HxW, images only
  std::string layout = "nhwc";
  int64_t samples = 0;  // 0: all
  uint64_t seed = 0;

  bool given() const { return !path.empty(); }
  // Fails naming the flag for a malformed --mean, --std, --size or --layout.
  data::Preprocess preprocess() const;
  // The data set for the inputs of `model`.
  std::unique_ptr<data::Dataset> open(const ir::Model& model) const;
};

// Adds --data, --scale, --mean, --std, --size, --layout, --samples, --seed to `cmd`; `what` says
// what the data is for in --data's help ("calibration data").
void add_data_args(CLI::App* cmd, DataArgs& data, const std::string& what);

}  // namespace lq::cli
