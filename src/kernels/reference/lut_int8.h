// Shared by the int8 unary kernels (RELU, RELU6, RELU_N1_TO_1, LEAKY_RELU, LOGISTIC, TANH,
// HARD_SWISH, RSQRT): an int8 output that depends only on the int8 input value is a 256-entry
// table, computed once in prepare() with whichever arithmetic the plan's runtime uses (XNNPACK's
// float32 table, or TFLite's fixed point evaluated for each of the 256 inputs), and looked up in
// eval().
#pragma once

#include <array>
#include <cmath>
#include <cstdint>

#include "kernels/reference/quantized.h"

namespace lq::ref {

struct Int8Lut {
  std::array<int8_t, 256> values{};  // values[x + 128] for input x
};

struct Int8UnaryQuant {
  Int8Quant input, output;
};

// Checks one int8 input and one int8 output, each quantized per tensor with a zero point in the
// int8 range (naming the op and the tensor), and gives the output the input's shape.
Int8UnaryQuant prepare_int8_unary(OpContext& ctx);

// Fails, naming the op and the output, unless the output has the parameters the op requires
// (LOGISTIC and SOFTMAX 1/256 and -128, TANH 1/128 and 0).
void check_fixed_int8_output(const OpContext& ctx, Int8Quant output, float scale,
                             int32_t zero_point);

// The Q31 multiplier of a ratio of scales (TFLite's QuantizeMultiplier); fails, naming the op and
// `what`, when the ratio overflowed float32 (scales read from a file may be extreme).
arith::QuantizedMultiplier checked_multiplier(const OpContext& ctx, double real, const char* what);

inline int8_t saturate_int8(int64_t v) {
  return static_cast<int8_t>(std::clamp<int64_t>(v, -128, 127));
}

// Makes the op's state a table of fn(x) (an integer, saturated to int8) for every int8 x.
template <class Fn> Int8Lut& make_int8_lut(OpContext& ctx, Fn fn) {
  Int8Lut& lut = ctx.make_state<Int8Lut>();
  for (int32_t x = -128; x <= 127; ++x)
    lut.values[static_cast<size_t>(x + 128)] = saturate_int8(static_cast<int64_t>(fn(x)));
  return lut;
}

// A table for an int8 op defined by a float function (LOGISTIC, TANH): the input is dequantized
// in float32, fn applied in float32, and the result quantized, as one of the runtimes does it:
//   kXnnpack  table[x] = clamp(rint(y / so) + zo)                  rint: half to even
//   kTflite   table[x] = clamp(round(y * f32(1 / so)) + zo)        round: half away from zero
// with y = fn(f32(si * (x - zi))). XNNPACK's is what LiteRT.js runs for LOGISTIC and TANH (exact
// ties round to even there); TFLite's is its int8 kernels' PopulateLookupTable.
enum class FloatLutRounding { kXnnpack, kTflite };
template <class Fn>
Int8Lut& make_int8_float_lut(OpContext& ctx, Int8UnaryQuant q, FloatLutRounding rounding, Fn fn) {
  const float inverse_scale = 1.0f / q.output.scale;
  return make_int8_lut(ctx, [&](int32_t x) {
    const float y = fn(q.input.scale * static_cast<float>(x - q.input.zero_point));
    const float scaled = rounding == FloatLutRounding::kXnnpack ? std::nearbyint(y / q.output.scale)
                                                                : std::round(y * inverse_scale);
    // Saturated first: converting a float outside int64 (or NaN) is undefined.
    const float bounded = std::isnan(scaled) ? 0.0f : std::clamp(scaled, -1024.0f, 1024.0f);
    return static_cast<int64_t>(bounded) + q.output.zero_point;
  });
}

// prepare() of RELU, RELU6, RELU_N1_TO_1: checks, and tabulates the op as TFLite computes it (which
// LiteRT.js runs under both arithmetics, measured with equal and different input/output
// parameters):
//   table[x] = clamp(zo + requantize(x - zi), lo, hi)
// requantize: the Q31 multiplier of f32(si / so) with double rounding; lo, hi: zo + round(bound /
// so) (half away from zero) within the int8 range; an infinite bound leaves the int8 limit.
void prepare_int8_relu(OpContext& ctx, float lower_bound, float upper_bound);

// Looks every input element up in the op's Int8Lut.
void eval_int8_lut(OpContext& ctx);

}  // namespace lq::ref
