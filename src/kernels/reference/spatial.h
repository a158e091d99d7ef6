// Helpers shared by the NHWC kernels (convolutions, pooling, resizing, depth-to-space): rank and
// option checks, window geometry, optional bias inputs and flat offsets. Also the shape checks of
// the weighted ops (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED), which their float and int8
// kernels share; each kernel adds only its own type or quantization checks.
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
  int32_t out_channels = 0;
};

// CONV_2D: 2 or 3 inputs, NHWC input, filter [out_ch, kh, kw, in_ch / groups] (a filter with fewer
// input channels than the input makes a grouped convolution; out_ch must be a multiple of the
// groups). Returns out_ch. Kernels check their types and quantization next, then the geometry.
int32_t check_conv_2d_shapes(const OpContext& ctx);
// Checks the options and sets output 0's shape [batch, out_h, out_w, out_channels].
ConvGeometry conv_2d_geometry(OpContext& ctx, int32_t out_channels);

// DEPTHWISE_CONV_2D: 2 or 3 inputs, NHWC input, filter [1, kh, kw, in_ch * multiplier]. Returns
// the filter's channels. As TFLite does, the multiplier comes from the shapes, not the
// depth_multiplier option (some converters leave it inconsistent).
int32_t check_depthwise_shapes(const OpContext& ctx);
struct DepthwiseGeometry : ConvGeometry {
  int32_t multiplier = 1;
};
// Checks the options and sets output 0's shape [batch, out_h, out_w, out_channels].
DepthwiseGeometry depthwise_geometry(OpContext& ctx, int32_t out_channels);

// FULLY_CONNECTED: 2 or 3 inputs, DEFAULT weights [units, depth], an input read as
// [elements / depth, depth]. Sets output 0's shape: [elements / depth, units], or with
// keep_num_dims the input's shape with its last dimension replaced by units. Returns units.
int32_t prepare_fully_connected_shape(OpContext& ctx);
// The sizes its eval walks: input rows, units, and the depth of each dot product.
struct FullyConnectedDims {
  int64_t rows = 0, units = 0, depth = 0;
};
inline FullyConnectedDims fully_connected_dims(const OpContext& ctx) {
  const int64_t depth = ctx.input(1).dim(1);
  return {ctx.input(0).elements() / depth, ctx.input(1).dim(0), depth};
}

// One output pixel of a windowed op, and the input position of its window's top-left tap (which
// may lie in the padding).
struct Window {
  int32_t batch, out_y, out_x, in_y, in_x;
};
// Calls fn(window) for every pixel of the NHWC `output`, in row-major order.
template <class Fn>
void for_each_window(const ConvGeometry& g, const Shape& output, Fn&& fn) {
  for (int32_t b = 0; b < output[0]; ++b) {
    for (int32_t oy = 0; oy < output[1]; ++oy) {
      for (int32_t ox = 0; ox < output[2]; ++ox)
        fn(Window{b, oy, ox, oy * g.stride_h - g.pad_h, ox * g.stride_w - g.pad_w});
    }
  }
}
// Calls fn(fy, fx, iy, ix) for every tap of a [., kh, kw, .] `filter` over `window` that falls
// inside the NHWC `input`, in (fy, fx) order. Taps in the padding are skipped: a float zero, and
// for int8 the same as reading the input zero point.
template <class Fn>
void for_each_tap(const ConvGeometry& g, const Window& window, const Shape& input,
                  const Shape& filter, Fn&& fn) {
  for (int32_t fy = 0; fy < filter[1]; ++fy) {
    const int32_t iy = window.in_y + fy * g.dilation_h;
    if (iy < 0 || iy >= input[1]) continue;
    for (int32_t fx = 0; fx < filter[2]; ++fx) {
      const int32_t ix = window.in_x + fx * g.dilation_w;
      if (ix < 0 || ix >= input[2]) continue;
      fn(fy, fx, iy, ix);
    }
  }
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
