// RSQRT, int8: out = 1 / sqrt(x), in TFLite's fixed point. Measured on LiteRT.js 2.5.3 (every
// non-negative input under 6 quantizations, 3 of them found by search where a float32 evaluation
// rounds 1 or 2 outputs differently): TFLite's kernel under both arithmetics. Inputs below the
// input zero point (negative values) are an error, as in TFLite; the zero point itself gives 127.
//   v     = x - zi > 1, normalized by pairs of bits to [2^27, 2^29) as Q3.28 (times 2^-2k)
//   r     = 1 / sqrt(v) by 5 Newton-Raphson steps r = 1.5 r - (v / 2) r^3 in Q3.28, times sqrt(2)/2
//           (v <= 1: r = INT32_MAX with no shift)
//   data  = 1 * r * 2^(20 - shift)                (Q31 multiply, double rounding)
//   y     = clamp(data * M * 2^-20 + zo)           M: the Q31 multiplier of 1 / (f32(sqrt(si) *
//   so))
#include "kernels/reference/lut_int8.h"

#include <bit>
#include <limits>

namespace lq::ref {
namespace {

int32_t mul(int32_t a, int32_t b) { return arith::saturating_rounding_doubling_high_mul(a, b); }

// x * 2^exponent saturated to int32 (exponent >= 0).
int32_t saturating_shift(int32_t x, int exponent) {
  const int64_t shifted = int64_t{x} * (int64_t{1} << exponent);
  return static_cast<int32_t>(std::clamp<int64_t>(shifted, std::numeric_limits<int32_t>::min(),
                                                  std::numeric_limits<int32_t>::max()));
}

// TFLite's GetInvSqrtQuantizedMultiplierExp: 1 / sqrt(v) as a Q31 multiplier and a left shift.
arith::QuantizedMultiplier inverse_sqrt(int32_t v) {
  if (v <= 1) return {std::numeric_limits<int32_t>::max(), 0};
  int right_shift = 11;
  while (v >= (1 << 29)) {
    v /= 4;
    ++right_shift;
  }
  const int pairs = (std::countl_zero(static_cast<uint32_t>(v)) - 1) / 2 - 1;
  right_shift -= pairs;
  v <<= 2 * pairs;                                                      // now in [2^27, 2^29)
  const int32_t half_input = arith::rounding_divide_by_pot(v >> 1, 1);  // Q3.28
  const int32_t one_and_a_half = (1 << 28) + (1 << 27);
  int32_t r = 1 << 28;  // 1.0 in Q3.28
  for (int i = 0; i < 5; ++i) {
    const int32_t r3 = saturating_shift(mul(mul(r, r), r), 6);  // Q9 product back to Q3
    r = saturating_shift(mul(one_and_a_half, r) - mul(half_input, r3), 3);
  }
  r = mul(r, 1518500250);  // sqrt(2) / 2 in Q0.31
  if (right_shift < 0) {
    r = static_cast<int32_t>(static_cast<uint32_t>(r) << -right_shift);
    right_shift = 0;
  }
  return {r, -right_shift};
}

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
      arith::QuantizedMultiplier r = inverse_sqrt(v);
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
