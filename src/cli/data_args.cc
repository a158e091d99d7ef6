#include "cli/data_args.h"

#include <charconv>
#include <vector>

#include "core/error.h"

namespace lq::cli {

namespace {

float parse_float(const std::string& text, const char* flag) {
  try {
    size_t used = 0;
    const float value = std::stof(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  fail(flag, ": '", text, "' is not a number");
}

std::vector<float> parse_values(const std::string& text, const char* flag) {
  std::vector<float> values;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    values.push_back(parse_float(text.substr(start, comma - start), flag));
    if (comma == std::string::npos) return values;
    start = comma + 1;
  }
}

int32_t parse_dim(const std::string& text) {
  int32_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  LQ_CHECK(ec == std::errc() && end == text.data() + text.size() && value > 0, "--size: '", text,
           "' is not a positive integer (expected HxW, e.g. 224x224)");
  return value;
}

}  // namespace

data::Preprocess DataArgs::preprocess() const {
  data::Preprocess pre;
  pre.scale = scale;
  pre.mean = parse_values(mean, "--mean");
  pre.std = parse_values(std, "--std");
  for (float d : pre.std) LQ_CHECK(d != 0.0f, "--std: a value is 0 (model value = (raw x S - M) / D)");
  if (!size.empty()) {
    const size_t x = size.find('x');
    LQ_CHECK(x != std::string::npos, "--size: '", size, "' is not HxW (e.g. 224x224)");
    pre.height = parse_dim(size.substr(0, x));
    pre.width = parse_dim(size.substr(x + 1));
  }
  pre.layout = data::parse_layout(layout);
  LQ_CHECK(samples >= 0, "--samples: ", samples, " is negative");
  pre.samples = samples;
  pre.seed = seed;
  return pre;
}

std::unique_ptr<data::Dataset> DataArgs::open(const ir::Model& model) const {
  return std::make_unique<data::Dataset>(path, data::model_inputs(model), preprocess());
}

void add_data_args(CLI::App* cmd, DataArgs& data, const std::string& what) {
  cmd->add_option("--data", data.path,
                  what + ": .npy, .npz, IDX (.gz too) or a folder of PNG/JPEG images");
  cmd->add_option("--scale", data.scale, "model value = (raw x S - M) / D: S (default 1)");
  cmd->add_option("--mean", data.mean, "M: one value or one per channel, comma-separated (default 0)");
  cmd->add_option("--std", data.std, "D: one value or one per channel, comma-separated (default 1)");
  cmd->add_option("--size", data.size, "images: resize to HxW (bilinear)");
  cmd->add_option("--layout", data.layout, "layout of the stored data: nhwc (default) or nchw");
  cmd->add_option("--samples", data.samples, "use a seeded random subset of N samples (default: all)");
  cmd->add_option("--seed", data.seed, "seed of the subset (default 0)");
}

}  // namespace lq::cli
