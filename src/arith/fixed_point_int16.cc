#include "arith/fixed_point_int16.h"

#include <algorithm>
#include <array>

#include "arith/requantize.h"

namespace lq::arith {
namespace {

constexpr int16_t kOneQ15 = 32767;  // 1 in Q0.15 saturates to the largest raw value
constexpr int16_t kOneQ2 = 1 << 13;  // 1 in Q2.13

// int16 addition and negation as the fixed-point types do them: two's-complement wrap.
int16_t wrap(int32_t x) { return static_cast<int16_t>(x); }

int16_t saturate(int32_t x) { return static_cast<int16_t>(std::clamp(x, -32768, 32767)); }

// a * b * 2 / 2^16, rounded to nearest with ties away from zero; -1 * -1 saturates.
int16_t multiply(int16_t a, int16_t b) {
  if (a == b && a == INT16_MIN) return INT16_MAX;
  const int32_t product = int32_t{a} * int32_t{b};
  const int32_t nudge = product >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((product + nudge) / (1 << 15));  // truncating division
}

// x * 2^exponent, saturating (exponent > 0) or rounding half away from zero (exponent < 0).
int16_t multiply_by_pot(int16_t x, int exponent) {
  if (exponent < 0) return static_cast<int16_t>(rounding_divide_by_pot(x, -exponent));
  const int32_t threshold = (1 << (15 - exponent)) - 1;
  if (x > threshold) return INT16_MAX;
  if (x < -threshold) return INT16_MIN;
  return wrap(int32_t{x} * (1 << exponent));
}

// A Q31 constant as the 16-bit types hold it: divided by 2^16, rounded.
constexpr int16_t q15_constant(int32_t q31) {
  const int32_t remainder = q31 & 0xFFFF;
  const int32_t threshold = 0x7FFF + (q31 < 0 ? 1 : 0);
  return static_cast<int16_t>((q31 >> 16) + (remainder > threshold ? 1 : 0));
}

// exp(a) for a in [-1/4, 0), Q0.15: Taylor expansion around -1/8 to the fourth power.
int16_t exp_on_last_quarter(int16_t a) {
  constexpr int16_t exp_minus_one_eighth = q15_constant(1895147668);
  constexpr int16_t one_third = q15_constant(715827883);
  const int16_t x = wrap(a + (1 << 12));  // a + 1/8
  const int16_t x2 = multiply(x, x), x3 = multiply(x2, x), x4 = multiply(x2, x2);
  const int16_t x4_over_4 = multiply_by_pot(x4, -2);
  // x^4/24 + x^3/6 + x^2/2 = ((x^4/4 + x^3) / 3 + x^2) / 2
  const int16_t higher_terms =
      multiply_by_pot(wrap(multiply(wrap(x4_over_4 + x3), one_third) + x2), -1);
  return saturate(exp_minus_one_eighth +
                  multiply(exp_minus_one_eighth, wrap(x + higher_terms)));
}

// 1 / d in Q2.13 for d in [1/2, 1] (Q0.15): three Newton-Raphson steps from 48/17 - 32/17 d.
int16_t reciprocal_q2_13(int16_t d) {
  constexpr int16_t c48_over_17 = q15_constant(1515870810);
  constexpr int16_t c_neg_32_over_17 = q15_constant(-1010580540);
  int16_t x = wrap(c48_over_17 + multiply(d, c_neg_32_over_17));
  for (int i = 0; i < 3; ++i) {
    const int16_t one_minus_dx = wrap(kOneQ2 - multiply(d, x));
    x = wrap(x + multiply_by_pot(multiply(x, one_minus_dx), 2));
  }
  return x;
}

// (a + 1) / 2 in Q0.15, rounding half away from zero.
int16_t half_sum_with_one(int16_t a) {
  const int32_t sum = int32_t{a} + kOneQ15;
  return static_cast<int16_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

}  // namespace

int16_t exp_on_negative_values_q15(int16_t x, int integer_bits) {
  // exp(-2^k) in Q31, for k = -2 .. 4.
  static constexpr std::array<int32_t, 7> kExpMinusPowerOfTwo = {
      1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
  const int fraction_bits = 15 - integer_bits;
  const int32_t quarter = 1 << (fraction_bits - 2);
  // x = r + m, r in [-1/4, 0) and m a negative number of whole quarters.
  const int16_t r = wrap((x & (quarter - 1)) - quarter);
  int16_t result = exp_on_last_quarter(multiply_by_pot(r, integer_bits));
  const int32_t whole_quarters = wrap(r - x);
  for (int k = -2; k < integer_bits && k <= 4; ++k) {
    if (whole_quarters & (1 << (fraction_bits + k)))
      result = multiply(result, q15_constant(kExpMinusPowerOfTwo[static_cast<size_t>(k + 2)]));
  }
  return x == 0 ? kOneQ15 : result;
}

int16_t logistic_q3_12(int16_t x) {
  if (x == 0) return 1 << 14;  // 1/2
  // logistic(|x|) = 1 / (1 + exp(-|x|)); logistic(-x) = 1 - logistic(x). -INT16_MIN wraps to
  // itself, which exp reads as -8 as it should.
  const int16_t magnitude = x > 0 ? x : wrap(-x);
  const int16_t e = exp_on_negative_values_q15(wrap(-magnitude), 3);
  const int16_t positive = multiply_by_pot(reciprocal_q2_13(half_sum_with_one(e)), 1);
  return x > 0 ? positive : wrap(kOneQ15 - positive);
}

int16_t tanh_q3_12(int16_t x) {
  if (x == 0) return 0;
  // tanh(|x|) = (1 - exp(-2|x|)) / (1 + exp(-2|x|)); -2|x| is -|x| read with 4 integer bits.
  const int16_t negative = x < 0 ? x : wrap(-x);
  const int16_t e = exp_on_negative_values_q15(negative, 4);
  const int16_t t = multiply_by_pot(wrap(reciprocal_q2_13(half_sum_with_one(e)) - kOneQ2), 2);
  return x < 0 ? wrap(-t) : t;
}

}  // namespace lq::arith
