#include "kernels/reference/inv_sqrt.h"

#include <algorithm>
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

}  // namespace

arith::QuantizedMultiplier inverse_sqrt_multiplier(int32_t v) {
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

}  // namespace lq::ref
