// SOFTMAX, int8 (output fixed at scale 1/256, zero point -128), over the last dimension.
// kRuntime: TFLite's builtin (optimized) kernel, a float32 table of exponentials. Measured on
// LiteRT.js 2.5.3 (random int8 rows of 10 to 100 elements under 4 input scales and betas of 1 and
// 0.5): this is what it runs (XNNPACK does not take int8 SOFTMAX).
//   table[d] = expf(f32(-si * beta) * d)                   for d = max - x in [0, 255]
//   sum      = the float32 sum of table[max - x] over the row, in order
//   y        = clamp(int(table[max - x] * f32(1 / (sum * so)) + 0.5) + zo)     (truncation)
// kTfliteReference: TFLite's reference kernel, in gemmlowp's fixed point (no oracle runs it: its
// outputs were checked to stay within one step of the float table, its exp and reciprocal against
// libm to 1e-7):
//   d'   = (x - max) * M                 Q5.26, M = the Q31 multiplier of beta * si * 2^26 (>= 1)
//   e    = exp(d') in Q0.31              exp on [-1/4, 0) by a Taylor polynomial around -1/8, times
//                                        exp(-2^k) for each bit k of the rest (gemmlowp)
//   sum  = the sum of e / 2^12           Q12.19 (rounding shifts)
//   y    = clamp(round_shift(e * (1 / sum), bits of sum above 1 + 23) - 128)
// where 1 / sum is computed by Newton-Raphson in Q2.29 on sum normalized to [1, 2). Differences
// below -31 * 2^26 / 2^shift (the representable range) give -128.
#include "kernels/reference/lut_int8.h"

#include <bit>
#include <limits>

namespace lq::ref {
namespace {

// gemmlowp's fixed point on int32 raw values: Qm.n numbers with m integer bits, n = 31 - m.
namespace fixed {

int32_t mul(int32_t a, int32_t b) { return arith::saturating_rounding_doubling_high_mul(a, b); }

// x * 2^exponent, saturating for exponent > 0, rounding (ties away from zero) for exponent < 0.
int32_t mul_pot(int32_t x, int exponent) {
  if (exponent < 0) return arith::rounding_divide_by_pot(x, -exponent);
  const int64_t shifted = int64_t{x} * (int64_t{1} << exponent);
  return static_cast<int32_t>(std::clamp<int64_t>(shifted, std::numeric_limits<int32_t>::min(),
                                                  std::numeric_limits<int32_t>::max()));
}

constexpr int32_t kOne = std::numeric_limits<int32_t>::max();  // 1.0 in Q0.31 (saturated)

// exp(a) for a in [-1/4, 0), Q0.31: Taylor series around -1/8 up to x^4.
int32_t exp_on_quarter_interval(int32_t a) {
  const int32_t exp_minus_one_eighth = 1895147668, one_third = 715827883;
  const int32_t x = a + (1 << 28);  // a + 1/8
  const int32_t x2 = mul(x, x), x3 = mul(x2, x), x4 = mul(x2, x2);
  const int32_t x4_over_4 = mul_pot(x4, -2);
  const int32_t poly = mul_pot(mul(x4_over_4 + x3, one_third) + x2, -1);  // x^4/24 + x^3/6 + x^2/2
  // gemmlowp adds in int32; wrapping is the same on every two's complement machine.
  return static_cast<int32_t>(static_cast<uint32_t>(exp_minus_one_eighth) +
                              static_cast<uint32_t>(mul(exp_minus_one_eighth, x + poly)));
}

// exp(a) for a <= 0 in Q5.26, as Q0.31.
int32_t exp_on_negative_values(int32_t a) {
  constexpr int kIntegerBits = 5, kFractionalBits = 31 - kIntegerBits;
  const int32_t quarter = 1 << (kFractionalBits - 2);
  const int32_t a_mod_quarter_minus_quarter = (a & (quarter - 1)) - quarter;
  int32_t result = exp_on_quarter_interval(mul_pot(a_mod_quarter_minus_quarter, kIntegerBits));
  const int32_t remainder = a_mod_quarter_minus_quarter - a;  // a whole number of quarters
  // exp(-2^k) in Q0.31 for k = -2 .. 4, applied for each bit of the remainder.
  const int32_t exp_of_minus_pot[] = {1672461947, 1302514674, 790015084, 290630308,
                                      39332535,   720401,     242};
  for (int k = -2; k <= 4; ++k)
    if (remainder & (1 << (kFractionalBits + k))) result = mul(result, exp_of_minus_pot[k + 2]);
  return a == 0 ? kOne : result;
}

// 1 / (1 + a) for a in [0, 1) (Q0.31), as Q0.31: Newton-Raphson in Q2.29 from 48/17 - 32/17 d.
int32_t one_over_one_plus_x(int32_t a) {
  const int64_t sum = int64_t{a} + kOne;
  const int32_t half_denominator = static_cast<int32_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
  int32_t x = 1515870810 + mul(half_denominator, -1010580540);  // Q2.29
  for (int i = 0; i < 3; ++i) {
    const int32_t one_minus_dx = (1 << 29) - mul(half_denominator, x);
    x = x + mul_pot(mul(x, one_minus_dx), 2);  // Q4.27 product back to Q2.29
  }
  return mul_pot(x, 1);  // x / 2 in Q1.30 read as Q0.31
}

}  // namespace fixed

struct State {
  std::array<float, 256> exp_of_difference{};  // indexed by max - x
  float output_scale = 1.0f;
  int32_t output_zero_point = 0;
  // TFLite's reference: the input multiplier and the smallest difference it represents.
  bool fixed_point = false;
  arith::QuantizedMultiplier input_multiplier;
  int32_t diff_min = 0;
};

void prepare(OpContext& ctx) {
  const Int8UnaryQuant q = prepare_int8_unary(ctx);
  check_fixed_int8_output(ctx, q.output, 1.0f / 256.0f, -128);
  ctx.check(ctx.input(0).rank() >= 1, "input '", ctx.input(0).name(),
            "' is a scalar, expected at least one dimension");
  const float beta = ctx.options<tflite::SoftmaxOptionsT>().beta;
  ctx.check(std::isfinite(beta), "has beta ", beta, ", expected a finite value");
  State& s = ctx.make_state<State>();
  const float scale = -(q.input.scale * beta);
  for (size_t d = 0; d < s.exp_of_difference.size(); ++d)
    s.exp_of_difference[d] = std::exp(scale * static_cast<float>(d));
  s.output_scale = q.output.scale;
  s.output_zero_point = q.output.zero_point;
  s.fixed_point = ctx.arithmetic() == arith::Arithmetic::kTfliteReference;
  // Q5.26 differences; the multiplier is capped below 2^31 (TFLite's PreprocessSoftmaxScaling).
  const double real = std::min(
      static_cast<double>(beta) * static_cast<double>(q.input.scale) * static_cast<double>(1 << 26),
      static_cast<double>((int64_t{1} << 31) - 1));
  s.input_multiplier = arith::quantize_multiplier(real);
  ctx.check(s.input_multiplier.shift >= 0, "has beta ", beta, " and input scale ", q.input.scale,
            " whose product is below 2^-26, which TFLite's reference softmax does not take");
  s.diff_min = -static_cast<int32_t>(
      std::floor(31.0 * static_cast<double>(1 << 26) / std::ldexp(1.0, s.input_multiplier.shift)));
}

// TFLite's reference: see the header comment.
void softmax_row_fixed_point(const State& s, const int8_t* x, int8_t* y, int64_t n) {
  const int32_t max = *std::max_element(x, x + n);
  const auto exp_of = [&](int8_t v) {
    const int32_t scaled = arith::multiply_by_quantized_multiplier(
        v - max, s.input_multiplier, arith::Rounding::kDoubleRounding);
    return fixed::exp_on_negative_values(scaled);
  };
  uint32_t sum = 0;  // Q12.19; wraps (as TFLite's int32 sum) only beyond 4096 elements
  for (int64_t i = 0; i < n; ++i)
    if (x[i] - max >= s.diff_min) sum += static_cast<uint32_t>(fixed::mul_pot(exp_of(x[i]), -12));
  // sum >= 1 (the maximum contributes exp(0)): normalize it to [1, 2) for the reciprocal.
  const int headroom = std::countl_zero(sum);
  const int bits_over_unit = 12 - headroom;
  const int32_t sum_minus_one = static_cast<int32_t>((sum << headroom) - (uint32_t{1} << 31));
  const int32_t reciprocal = fixed::one_over_one_plus_x(sum_minus_one);
  for (int64_t i = 0; i < n; ++i) {
    if (x[i] - max < s.diff_min) {
      y[i] = -128;
      continue;
    }
    // A product below 2^31 divided by 2^32 or more (rows of 512 and more near the maximum)
    // rounds to 0.
    const int shift = bits_over_unit + 23;
    const int32_t p =
        shift > 31 ? 0 : arith::rounding_divide_by_pot(fixed::mul(reciprocal, exp_of(x[i])), shift);
    y[i] = saturate_int8(int64_t{p} - 128);
  }
}

void softmax_row(const State& s, const int8_t* x, int8_t* y, int64_t n) {
  const int32_t max = *std::max_element(x, x + n);
  float sum = 0.0f;
  for (int64_t i = 0; i < n; ++i) sum += s.exp_of_difference[static_cast<size_t>(max - x[i])];
  const float inverse = 1.0f / (sum * s.output_scale);
  for (int64_t i = 0; i < n; ++i) {
    const float p = s.exp_of_difference[static_cast<size_t>(max - x[i])] * inverse;
    // p is in [0, 256]: the conversion is defined.
    y[i] = saturate_int8(static_cast<int64_t>(p + 0.5f) + s.output_zero_point);
  }
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  const TensorBuffer& in = ctx.input(0);
  const int64_t depth = in.shape.back();
  if (depth == 0) return;
  const int8_t* x = in.as<int8_t>();
  int8_t* y = ctx.output(0).as<int8_t>();
  for (int64_t offset = 0; offset < in.elements(); offset += depth) {
    if (s.fixed_point)
      softmax_row_fixed_point(s, x + offset, y + offset, depth);
    else
      softmax_row(s, x + offset, y + offset, depth);
  }
}

}  // namespace

LQ_REGISTER_KERNEL(SOFTMAX, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
