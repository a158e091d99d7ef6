// Helpers for translating ONNX's NCHW spatial ops into TFLite's NHWC ones: each such op is wrapped
// in TRANSPOSE to NHWC and back, and ir::optimize_transposes removes the pairs that cancel. Window
// attributes (kernel, strides, dilations, pads, auto_pad, ceil_mode) become TFLite's SAME or VALID
// padding, with an explicit PAD op in front when neither matches.
#pragma once

#include <array>

#include "frontend/onnx/node_context.h"

namespace lq::frontend {

inline const std::vector<int> kToNhwc = {0, 2, 3, 1};
inline const std::vector<int> kToNchw = {0, 3, 1, 2};

// An NCHW (rank 4) or NCL (rank 3, 1-D op: viewed as NC1L) input as NHWC.
int spatial_input_nhwc(NodeContext& ctx, int tensor);
// The NHWC result back in the node's layout: NCHW, or NCL when the input was rank 3.
int spatial_output(NodeContext& ctx, int nhwc, int input_rank);

struct Window2d {
  std::array<int32_t, 2> kernel{1, 1}, stride{1, 1}, dilation{1, 1};
  std::array<int32_t, 4> pads{0, 0, 0, 0};  // top, left, bottom, right
};

// Window attributes of a Conv/pool node over a rank-3 or rank-4 input (1-D attributes are
// widened to 2-D with a unit height); `kernel` is taken from `kernel_shape` or given.
Window2d window_attributes(NodeContext& ctx, const Shape& input, std::array<int32_t, 2> kernel);

// TFLite padding for the window over NHWC `input`: SAME or VALID when one of them equals the
// node's padding; otherwise VALID after padding `input` explicitly with `pad_value`
// (*input is replaced by the padded tensor); `allow_same` false always pads explicitly. Returns the padding to put in the op's options.
tflite::Padding resolve_padding(NodeContext& ctx, int* input, const Window2d& window, float pad_value,
                                bool allow_same = true);

// The options of a windowed op (Conv2DOptionsT, DepthwiseConv2DOptionsT: strides and dilations;
// Pool2DOptionsT: strides and filter size) for the window and its resolved padding.
template <class Options> Options window_options(const Window2d& w, tflite::Padding padding) {
  Options o;
  o.padding = padding;
  o.stride_h = w.stride[0];
  o.stride_w = w.stride[1];
  if constexpr (requires { o.filter_height; }) {
    o.filter_height = w.kernel[0];
    o.filter_width = w.kernel[1];
  } else {
    o.dilation_h_factor = w.dilation[0];
    o.dilation_w_factor = w.dilation[1];
  }
  return o;
}

}  // namespace lq::frontend
