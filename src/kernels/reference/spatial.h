// Helpers shared by the NHWC kernels (convolutions, pooling, resizing, depth-to-space): rank and
// option checks, window geometry, optional bias inputs and flat offsets.
#pragma once

#include <cstdint>

#include "kernels/reference/common.h"

namespace lq::ref {

// Fails naming the op unless the tensor has the given rank.
void check_rank(const OpContext& ctx, const TensorBuffer& tensor, int rank);
// Fails naming the op and the option unless value > 0.
void check_positive(const OpContext& ctx, int64_t value, const char* what);

// One spatial dimension of a windowed op (conv, pool): checks stride and dilation are positive and
// the padding is SAME or VALID, and fails when the output would be empty. `axis` names the
// dimension in messages ("height", "width").
PaddedDim window_dim(const OpContext& ctx, tflite::Padding padding, int32_t in, int32_t filter,
                     int32_t stride, int32_t dilation, const char* axis);

// Window geometry of a 2-D convolution: strides, dilations, leading padding and output size.
struct ConvGeometry {
  int32_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  int32_t pad_h = 0, pad_w = 0;
  int32_t out_h = 0, out_w = 0;
};

// From Conv2DOptionsT or DepthwiseConv2DOptionsT, which name these fields alike; input NHWC, filter
// [., kh, kw, .].
template <class Options>
ConvGeometry conv_geometry(const OpContext& ctx, const Options& options, const TensorBuffer& input,
                           const TensorBuffer& filter) {
  const PaddedDim h = window_dim(ctx, options.padding, input.dim(1), filter.dim(1),
                                 options.stride_h, options.dilation_h_factor, "height");
  const PaddedDim w = window_dim(ctx, options.padding, input.dim(2), filter.dim(2),
                                 options.stride_w, options.dilation_w_factor, "width");
  return {options.stride_h, options.stride_w, options.dilation_h_factor,
          options.dilation_w_factor, h.pad_before, w.pad_before, h.out, w.out};
}

// Checks the optional bias input `input`: when present (not -1), float32 with `channels` elements.
void check_optional_bias(const OpContext& ctx, int input, int32_t channels);
// The bias data, or null when the op has none.
inline const float* optional_bias(const OpContext& ctx, int input) {
  return ctx.has_input(input) ? ctx.input(input).as<float>() : nullptr;
}

// Flat offset of (a, b, c, d) in a rank-4 row-major shape.
inline int64_t offset4(const Shape& s, int64_t a, int64_t b, int64_t c, int64_t d) {
  return ((a * s[1] + b) * s[2] + c) * s[3] + d;
}

}  // namespace lq::ref
