#include "arith/requantize.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace lq::arith {

QuantizedMultiplier quantize_multiplier(double real) {
  if (real == 0.0) return {};
  int shift = 0;
  const double fraction = std::frexp(real, &shift);  // real = fraction * 2^shift, fraction in [0.5, 1)
  int64_t q = std::llround(fraction * static_cast<double>(int64_t{1} << 31));
  if (q == (int64_t{1} << 31)) {  // rounding reached 1.0
    q /= 2;
    ++shift;
  }
  if (shift < -31) return {};  // smaller than the smallest right shift can express
  // Scales come from untrusted files: multipliers of 2^30 and more saturate, so every shift below
  // stays defined.
  if (shift > 30) return {std::numeric_limits<int32_t>::max(), 30};
  return {static_cast<int32_t>(q), shift};
}

int32_t saturating_rounding_doubling_high_mul(int32_t a, int32_t b) {
  if (a == b && a == std::numeric_limits<int32_t>::min()) return std::numeric_limits<int32_t>::max();
  const int64_t ab = static_cast<int64_t>(a) * b;
  const int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : 1 - (int64_t{1} << 30);
  // C++ division truncates toward zero; with this nudge ties go toward +infinity (1.5 -> 2,
  // -1.5 -> -1), as in gemmlowp.
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

int32_t rounding_divide_by_pot(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

int32_t multiply_by_quantized_multiplier(int32_t x, QuantizedMultiplier m, Rounding rounding) {
  if (rounding == Rounding::kSingleRounding) {
    const int total_shift = 31 - m.shift;  // in [1, 62] for shift in [-31, 30]
    const int64_t round = int64_t{1} << (total_shift - 1);
    const int64_t result = (static_cast<int64_t>(x) * m.multiplier + round) >> total_shift;
    return static_cast<int32_t>(std::clamp<int64_t>(result, std::numeric_limits<int32_t>::min(),
                                                    std::numeric_limits<int32_t>::max()));
  }
  const int left_shift = m.shift > 0 ? m.shift : 0;
  const int right_shift = m.shift > 0 ? 0 : -m.shift;
  // As TFLite: the left shift happens in int32 (callers keep x small enough).
  const int32_t shifted = static_cast<int32_t>(static_cast<uint32_t>(x) << left_shift);
  return rounding_divide_by_pot(saturating_rounding_doubling_high_mul(shifted, m.multiplier),
                                right_shift);
}

namespace {

__extension__ using Int128 = __int128;

int32_t reduced_multiplier_int64(int64_t x, QuantizedMultiplier m) {
  // The Q31 multiplier is rounded to Q15 (saturating), so the product fits in 64 bits for the
  // 48-bit accumulators of 16x8 kernels.
  const int32_t reduced =
      m.multiplier < 0x7FFF0000 ? (m.multiplier + (1 << 15)) >> 16 : 0x7FFF;
  const int total_shift = 15 - m.shift;  // in [-15, 46]
  // 128 bits: a 48-bit accumulator times 2^15, shifted left by up to 16 for large multipliers.
  Int128 product = static_cast<Int128>(x) * reduced;
  product = total_shift >= 1 ? (product + (Int128{1} << (total_shift - 1))) >> total_shift
                             : product * (Int128{1} << -total_shift);
  // TFLite narrows its int64 result to int32 with a plain cast: the low 32 bits (two's complement).
  return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(product) & 0xFFFFFFFFu));
}

int32_t q31_away_from_zero_int64(int64_t x, QuantizedMultiplier m) {
  // 128 bits: a 48-bit accumulator times a 31-bit multiplier. shift <= 30 keeps the shift >= 1.
  const int total_shift = 31 - m.shift;
  const Int128 wide = x;
  const Int128 magnitude = (wide < 0 ? -wide : wide) * m.multiplier;
  const Int128 rounded = (magnitude + (Int128{1} << (total_shift - 1))) >> total_shift;
  const Int128 y = x < 0 ? -rounded : rounded;
  return static_cast<int32_t>(std::clamp<Int128>(y, std::numeric_limits<int32_t>::min(),
                                                 std::numeric_limits<int32_t>::max()));
}

}  // namespace

int32_t multiply_by_quantized_multiplier_int64(int64_t x, QuantizedMultiplier m,
                                               Int64Rounding rounding) {
  return rounding == Int64Rounding::kReducedMultiplier ? reduced_multiplier_int64(x, m)
                                                       : q31_away_from_zero_int64(x, m);
}

QuantizedMultiplier divide_multiplier_by_count(QuantizedMultiplier m, int64_t n) {
  int k = static_cast<int>(std::bit_width(static_cast<uint64_t>(n))) - 1;
  k = std::min({k, 32, 31 + m.shift});
  return {static_cast<int32_t>((static_cast<int64_t>(m.multiplier) << k) / n), m.shift - k};
}

int32_t multiply_by_float_scale(int32_t acc, float scale) {
  // Clamped to the int32 range first, where lrintf is defined (2147483520 is the largest float
  // below 2^31).
  const float product = std::clamp(static_cast<float>(acc) * scale, -2147483648.0f, 2147483520.0f);
  return static_cast<int32_t>(std::lrintf(product));
}

XnnpackAdd xnnpack_add_params(float a_output_scale, float b_output_scale, int32_t a_zero_point,
                              int32_t b_zero_point, bool subtract) {
  // XNNPACK takes the binary exponent of the larger scale, so that its multiplier has 21 bits.
  int exponent = 0;
  std::frexp(std::max(a_output_scale, b_output_scale), &exponent);  // scale in [2^(e-1), 2^e)
  XnnpackAdd p;
  p.shift = 21 - exponent;
  const auto multiplier = [&](float scale) {
    return static_cast<int32_t>(std::lrintf(std::ldexp(scale, p.shift)));
  };
  p.a_multiplier = multiplier(a_output_scale);
  p.b_multiplier = subtract ? -multiplier(b_output_scale) : multiplier(b_output_scale);
  p.bias = (int64_t{1} << (p.shift - 1)) - int64_t{p.a_multiplier} * a_zero_point -
           int64_t{p.b_multiplier} * b_zero_point;
  return p;
}

int32_t xnnpack_add(const XnnpackAdd& p, int32_t a, int32_t b) {
  // Exact in 64 bits; XNNPACK's int32 sum does not overflow for the accepted scales.
  const int64_t acc = p.bias + int64_t{a} * p.a_multiplier + int64_t{b} * p.b_multiplier;
  return static_cast<int32_t>(acc >> p.shift);  // arithmetic shift (floor), as XNNPACK's asr
}

TfliteAdd tflite_add_params(float a_scale, float b_scale, float output_scale, int left_shift,
                            bool subtract) {
  // TFLite computes these real multipliers in double.
  const double twice_max = 2.0 * static_cast<double>(std::max(a_scale, b_scale));
  TfliteAdd p;
  p.left_shift = left_shift;
  p.a = quantize_multiplier(static_cast<double>(a_scale) / twice_max);
  p.b = quantize_multiplier(static_cast<double>(b_scale) / twice_max);
  if (subtract) p.b.multiplier = -p.b.multiplier;
  p.output = quantize_multiplier(twice_max / (std::ldexp(1.0, left_shift) *
                                              static_cast<double>(output_scale)));
  return p;
}

int32_t tflite_add(const TfliteAdd& p, int32_t a, int32_t b) {
  const auto scaled = [&](int32_t x, QuantizedMultiplier m) {
    return multiply_by_quantized_multiplier(x * (1 << p.left_shift), m, Rounding::kDoubleRounding);
  };
  return multiply_by_quantized_multiplier(scaled(a, p.a) + scaled(b, p.b), p.output,
                                          Rounding::kDoubleRounding);
}

float float32_requantization_scale(float input_scale, float weight_scale, float output_scale) {
  const float product = input_scale * weight_scale;  // rounded to float32 before the division
  return product / output_scale;
}

}  // namespace lq::arith
