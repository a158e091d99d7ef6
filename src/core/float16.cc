#include "core/float16.h"

#include <bit>

namespace lq {

namespace {

// binary16: 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits.
// binary32: 1 sign bit, 8 exponent bits (bias 127), 23 fraction bits.
constexpr uint32_t kHalfFractionBits = 10;
constexpr uint32_t kFloatFractionBits = 23;
constexpr uint32_t kFractionShift = kFloatFractionBits - kHalfFractionBits;  // 13
constexpr uint32_t kBiasDifference = 127 - 15;

// Shifts `value` right by `shift` bits (1..31), rounding to nearest with ties to even.
uint32_t shift_right_rounded(uint32_t value, uint32_t shift) {
  const uint32_t kept = value >> shift;
  const uint32_t dropped = value & ((1u << shift) - 1);
  const uint32_t half = 1u << (shift - 1);
  return kept + ((dropped > half || (dropped == half && (kept & 1u))) ? 1u : 0u);
}

}  // namespace

float half_to_float(uint16_t bits) {
  const uint32_t sign = static_cast<uint32_t>(bits & 0x8000u) << 16;
  const uint32_t exponent = (bits >> kHalfFractionBits) & 0x1Fu;
  uint32_t fraction = bits & 0x3FFu;
  uint32_t out = 0;
  if (exponent == 0x1F) {  // infinity or NaN: the payload moves up with the fraction
    out = sign | 0x7F800000u | (fraction << kFractionShift);
  } else if (exponent != 0) {  // normal
    out =
        sign | ((exponent + kBiasDifference) << kFloatFractionBits) | (fraction << kFractionShift);
  } else if (fraction == 0) {  // signed zero
    out = sign;
  } else {
    // Subnormal: fraction * 2^-24. Normalize so the leading one becomes the implicit bit.
    uint32_t float_exponent = 1 + kBiasDifference;  // the exponent of 2^-14, the subnormal scale
    while ((fraction & 0x400u) == 0) {
      fraction <<= 1;
      --float_exponent;
    }
    fraction &= 0x3FFu;
    out = sign | (float_exponent << kFloatFractionBits) | (fraction << kFractionShift);
  }
  return std::bit_cast<float>(out);
}

uint16_t float_to_half(float value) {
  const uint32_t bits = std::bit_cast<uint32_t>(value);
  const uint32_t sign = (bits >> 16) & 0x8000u;
  const uint32_t magnitude = bits & 0x7FFFFFFFu;

  if (magnitude >= 0x7F800000u) {  // infinity or NaN
    if (magnitude == 0x7F800000u) return static_cast<uint16_t>(sign | 0x7C00u);
    // NaN: keep the top payload bits and set the quiet bit so the result cannot become infinity.
    const uint32_t payload = (magnitude >> kFractionShift) & 0x3FFu;
    return static_cast<uint16_t>(sign | 0x7C00u | 0x200u | payload);
  }
  // 65520 = 65504 + half an ulp; the tie rounds to the even neighbour, 2^16, which overflows.
  if (magnitude >= 0x477FF000u) return static_cast<uint16_t>(sign | 0x7C00u);

  if (magnitude >= 0x38800000u) {  // >= 2^-14: a normal half
    const uint32_t rebased = magnitude - (kBiasDifference << kFloatFractionBits);
    // A carry out of the fraction correctly increments the exponent.
    return static_cast<uint16_t>(sign | shift_right_rounded(rebased, kFractionShift));
  }
  // 2^-25 is half of the smallest subnormal (2^-24); it and everything below round to zero.
  if (magnitude <= 0x33000000u) return static_cast<uint16_t>(sign);

  // Subnormal half: the result is round(value / 2^-24). With the implicit bit restored, value =
  // significand * 2^(exponent - 150), so value / 2^-24 = significand >> (126 - exponent).
  const uint32_t exponent = magnitude >> kFloatFractionBits;  // 102..112 here
  const uint32_t significand = (magnitude & 0x7FFFFFu) | 0x800000u;
  // Rounding up to 0x400 yields the smallest normal half, which is the right bit pattern.
  return static_cast<uint16_t>(sign | shift_right_rounded(significand, 126 - exponent));
}

}  // namespace lq
