// RSQRT, int8: out = 1 / sqrt(x), in TFLite's fixed point. Measured on LiteRT.js 2.5.3 (every
// non-negative input under 6 quantizations, 3 of them found by search where a float32 evaluation
// rounds 1 or 2 outputs differently): TFLite's kernel under both arithmetics. Inputs below the
// input zero point (negative values) are an error, as in TFLite; the zero point itself gives 127.
//   v     = x - zi > 1, normalized by pairs of bits to [2^27, 2^29) as Q3.28 (times 2^-2k)
//   r     = 1 / sqrt(v) by 5 Newton-Raphson steps r = 1.5 r - (v / 2) r^3 in Q3.28, times sqrt(2)/2
//           (v <= 1: r = INT32_MAX with no shift; inverse_sqrt_multiplier, inv_sqrt.h)
//   data  = 1 * r * 2^(20 - shift)                (Q31 multiply, double rounding)
//   y     = clamp(data * M * 2^-20 + zo)           M: the Q31 multiplier of 1 / (f32(sqrt(si) *
//   so))
#include <algorithm>
#include <cmath>

#include "kernels/reference/inv_sqrt.h"
#include "kernels/reference/lut_int8.h"

namespace lq::ref {
namespace {

struct State {
  Int8Lut lut;
  int32_t input_zero_point = 0;
};

void prepare(OpContext& ctx) {
  const Int8UnaryQuant q = prepare_int8_unary(ctx);
  // TFLite: the square root and the product in float32, the reciprocal in double.
  const float denominator = std::sqrt(q.input.scale) * q.output.scale;
  const arith::QuantizedMultiplier output =
      checked_multiplier(ctx, 1.0 / static_cast<double>(denominator), "output multiplier");
  constexpr int kShift = 20;  // keeps the intermediate an integer
  const arith::QuantizedMultiplier rescale{output.multiplier, std::max(output.shift - kShift, -31)};
  State& s = ctx.make_state<State>();
  s.input_zero_point = q.input.zero_point;
  for (int32_t x = -128; x <= 127; ++x) {
    const int32_t v = x - q.input.zero_point;
    int64_t y = 127;
    if (v > 0) {
      arith::QuantizedMultiplier r = inverse_sqrt_multiplier(v);
      r.shift += kShift;
      const int32_t data =
          arith::multiply_by_quantized_multiplier(1, r, arith::Rounding::kDoubleRounding);
      y = int64_t{arith::multiply_by_quantized_multiplier(data, rescale,
                                                          arith::Rounding::kDoubleRounding)} +
          q.output.zero_point;
    }
    s.lut.values[static_cast<size_t>(x + 128)] = saturate_int8(y);
  }
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  const TensorBuffer& in = ctx.input(0);
  const int8_t* pi = in.as<int8_t>();
  int8_t* po = ctx.output(0).as<int8_t>();
  for (int64_t i = 0; i < in.elements(); ++i) {
    ctx.check(pi[i] >= s.input_zero_point, "input '", in.name(), "' element ", i, " is ",
              static_cast<int>(pi[i]), ", below the zero point ", s.input_zero_point,
              ": RSQRT is defined for non-negative values only");
    po[i] = s.lut.values[static_cast<size_t>(pi[i] + 128)];
  }
}

}  // namespace

LQ_REGISTER_KERNEL(RSQRT, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
