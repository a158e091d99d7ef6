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
