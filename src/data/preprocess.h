// Turning one stored sample into one model input: normalization, layout, reshape, element type.
//
// Float inputs (float32): every stored value (any integer or float dtype) becomes
// (raw * scale - mean[c]) / std[c], with c the value's index on the stored data's channel axis
// (mean and std hold one value, or one per channel). The channel axis of a stored sample (axis 0 of
// the file is the sample index) is its last axis for nhwc and the one three from the end for nchw
// (C of CHW or 1xCxHxW); a sample of rank below 3 has one channel. NaN or Inf in the raw data is an
// error naming the sample.
// Integer inputs get the raw values, which must be integers within the input type's range;
// scale, mean and std do not apply to them.
// Layout: a rank-4 model input is NHWC (TFLite's convention). Stored nchw samples of rank 3 or 4
// are transposed to NHWC for such an input; otherwise layout changes nothing.
// Shape: a sample whose element count equals the input's is reshaped to the input's shape (a 28x28
// image feeds a 1x28x28x1 input); any other count is an error naming both shapes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "io/npy.h"

namespace lq::data {

enum class Layout { kNhwc, kNchw };
Layout parse_layout(const std::string& text);  // "nhwc" or "nchw"


struct Preprocess {
  float scale = 1.0f;
  std::vector<float> mean = {0.0f};
  std::vector<float> std = {1.0f};
  int32_t height = 0, width = 0;  // images are resized to this; 0: the model input's own size
  Layout layout = Layout::kNhwc;  // of the stored arrays (image folders are always nhwc)
  int64_t samples = 0;  // a seeded subset of this many; 0 or >= the data set: all, in order
  uint64_t seed = 0;
};

// What one model input expects.
struct InputSpec {
  std::string name;
  ElementType type = ElementType::kFloat32;
  Shape shape;
};

// `origin` names the file in errors and `index` the sample's index in that file.
io::Array to_model_input(const io::Array& stored, Layout layout, const InputSpec& input,
                         const Preprocess& pre, const std::string& origin, int64_t index);

}  // namespace lq::data
