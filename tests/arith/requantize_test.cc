// Expected values are worked out by hand from the definitions in requantize.h.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "arith/requantize.h"

namespace lq::arith {
namespace {

TEST(QuantizeMultiplier, DecomposesIntoQ31AndShift) {
  EXPECT_EQ(quantize_multiplier(0.5).multiplier, 1 << 30);
  EXPECT_EQ(quantize_multiplier(0.5).shift, 0);
  EXPECT_EQ(quantize_multiplier(1.0).multiplier, 1 << 30);  // 0.5 * 2^1
  EXPECT_EQ(quantize_multiplier(1.0).shift, 1);
  EXPECT_EQ(quantize_multiplier(0.75).multiplier, 1610612736);  // 0.75 * 2^31
  EXPECT_EQ(quantize_multiplier(0.75).shift, 0);
  EXPECT_EQ(quantize_multiplier(0.1).shift, -3);  // 0.1 = 0.8 * 2^-3
  EXPECT_EQ(quantize_multiplier(0.1).multiplier, 1717986918);  // round(0.8 * 2^31)
  EXPECT_EQ(quantize_multiplier(0.0).multiplier, 0);
  // Just below 1.0 after frexp, the Q31 value rounds up to 2^31 and is halved.
  const QuantizedMultiplier near_one = quantize_multiplier(std::nextafter(1.0, 0.0));
  EXPECT_EQ(near_one.multiplier, 1 << 30);
  EXPECT_EQ(near_one.shift, 1);
  EXPECT_EQ(quantize_multiplier(std::ldexp(1.0, -40)).multiplier, 0);  // below a 31-bit shift
  EXPECT_EQ(quantize_multiplier(1e12).shift, 30);                      // saturated
  EXPECT_EQ(quantize_multiplier(1e12).multiplier, std::numeric_limits<int32_t>::max());
}

TEST(FixedPoint, HighMulRoundsTiesUpAndSaturates) {
  // 2^30 * 2^30 * 2 / 2^32 = 2^29 exactly, plus the nudge's half: 536870912.5 truncates.
  EXPECT_EQ(saturating_rounding_doubling_high_mul(1 << 30, 1 << 30), 1 << 29);
  // 3 * 2^30 / 2^31 = 1.5 -> 2; -1.5 -> -1 (the nudge is 2^30 or 1 - 2^30: ties toward +inf).
  EXPECT_EQ(saturating_rounding_doubling_high_mul(3, 1 << 30), 2);
  EXPECT_EQ(saturating_rounding_doubling_high_mul(-3, 1 << 30), -1);
  EXPECT_EQ(saturating_rounding_doubling_high_mul(-5, 1 << 30), -2);  // -2.5 -> -2
  const int32_t min = std::numeric_limits<int32_t>::min();
  EXPECT_EQ(saturating_rounding_doubling_high_mul(min, min), std::numeric_limits<int32_t>::max());
}

TEST(FixedPoint, RoundingDivideByPowerOfTwo) {
  EXPECT_EQ(rounding_divide_by_pot(5, 1), 3);    // 2.5 -> 3
  EXPECT_EQ(rounding_divide_by_pot(-5, 1), -3);  // -2.5 -> -3
  EXPECT_EQ(rounding_divide_by_pot(7, 2), 2);    // 1.75 -> 2
  EXPECT_EQ(rounding_divide_by_pot(-7, 2), -2);
  EXPECT_EQ(rounding_divide_by_pot(9, 0), 9);
}

TEST(MultiplyByQuantizedMultiplier, DoubleAndSingleRoundingDiffer) {
  const QuantizedMultiplier quarter = quantize_multiplier(0.25);  // 2^30, shift -1
  ASSERT_EQ(quarter.shift, -1);
  // 5 * 0.25 = 1.25. Double rounding: high mul 2.5 -> 3, then 3 / 2 = 1.5 -> 2. Single: 1.
  EXPECT_EQ(multiply_by_quantized_multiplier(5, quarter, Rounding::kDoubleRounding), 2);
  EXPECT_EQ(multiply_by_quantized_multiplier(5, quarter, Rounding::kSingleRounding), 1);
  // -6 * 0.25 = -1.5: double rounding goes away from zero (-2), single toward +inf (-1).
  EXPECT_EQ(multiply_by_quantized_multiplier(-6, quarter, Rounding::kDoubleRounding), -2);
  EXPECT_EQ(multiply_by_quantized_multiplier(-6, quarter, Rounding::kSingleRounding), -1);
  // A left shift: 3 * 3.0 = 9 either way.
  const QuantizedMultiplier three = quantize_multiplier(3.0);
  EXPECT_EQ(multiply_by_quantized_multiplier(3, three, Rounding::kDoubleRounding), 9);
  EXPECT_EQ(multiply_by_quantized_multiplier(3, three, Rounding::kSingleRounding), 9);
}

// Single rounding is off by at most half a unit (plus the Q31 error); double rounding by less than
// one unit, since its two roundings can add up (1.25 -> 2 above).
TEST(MultiplyByQuantizedMultiplier, StaysCloseToTheExactProduct) {
  for (double real : {0.0037, 0.0625, 0.3, 0.999, 1.7, 12.5}) {
    const QuantizedMultiplier m = quantize_multiplier(real);
    for (int32_t x : {-100000, -12345, -7, 0, 1, 99, 54321, 1000000}) {
      const double exact = x * real;
      const double slack = 1e-6 * std::fabs(exact);
      EXPECT_LE(std::fabs(multiply_by_quantized_multiplier(x, m, Rounding::kSingleRounding) - exact),
                0.5 + slack)
          << real << " " << x;
      EXPECT_LT(std::fabs(multiply_by_quantized_multiplier(x, m, Rounding::kDoubleRounding) - exact),
                1.0 + slack)
          << real << " " << x;
    }
  }
}

TEST(MultiplyByQuantizedMultiplierInt64, UsesAReducedMultiplierAndOneRounding) {
  const QuantizedMultiplier quarter = quantize_multiplier(0.25);  // reduced to 2^14, shift -1
  // (5 * 2^14 + 2^15) >> 16 = 1.75 -> 1 (floor after adding half: 1.25 + 0.5).
  EXPECT_EQ(multiply_by_quantized_multiplier_int64(5, quarter), 1);
  EXPECT_EQ(multiply_by_quantized_multiplier_int64(-6, quarter), -1);  // -1.5 -> -1
  EXPECT_EQ(multiply_by_quantized_multiplier_int64(int64_t{1} << 32, quarter), 1 << 30);
  // TFLite narrows the int64 result with a plain cast (measured on LiteRT.js through 16x8
  // BATCH_MATMUL): 2^31 + 3 wraps to INT32_MIN + 3, 2^38 to 0.
  EXPECT_EQ(multiply_by_quantized_multiplier_int64((int64_t{1} << 33) + 12, quarter),
            std::numeric_limits<int32_t>::min() + 3);
  EXPECT_EQ(multiply_by_quantized_multiplier_int64(int64_t{1} << 40, quarter), 0);
  // A multiplier of 2^20 (shift 21, beyond TFLite's assert) shifts left instead of right.
  const QuantizedMultiplier big = quantize_multiplier(0x1.0p20);
  EXPECT_EQ(multiply_by_quantized_multiplier_int64(-3, big), -3 << 20);
  EXPECT_EQ(multiply_by_quantized_multiplier_int64((1 << 11) + 1, big),
            std::numeric_limits<int32_t>::min() + (1 << 20));
  EXPECT_EQ(multiply_by_quantized_multiplier_int64(0, quantize_multiplier(1e12)), 0);
}

TEST(MultiplyByQuantizedMultiplierInt64, Q31AwayFromZeroRoundsTiesAwayAndSaturates) {
  using enum Int64Rounding;
  const QuantizedMultiplier quarter = quantize_multiplier(0.25);
  EXPECT_EQ(multiply_by_quantized_multiplier_int64(6, quarter, kQ31AwayFromZero), 2);    // 1.5
  EXPECT_EQ(multiply_by_quantized_multiplier_int64(-6, quarter, kQ31AwayFromZero), -2);  // -1.5
  EXPECT_EQ(multiply_by_quantized_multiplier_int64(-5, quarter, kQ31AwayFromZero), -1);  // -1.25
  // The full Q31 multiplier of 1/3 (0x55555555 * 2^-32) against the one reduced to 16 bits
  // (0x5555 * 2^-16): 3 * 2^20 gives 1048575.9997 -> 1048576, and 48 * 21845 = 1048560.
  const QuantizedMultiplier third = quantize_multiplier(1.0 / 3.0);
  EXPECT_EQ(multiply_by_quantized_multiplier_int64(3 << 20, third, kQ31AwayFromZero), 1 << 20);
  EXPECT_EQ(multiply_by_quantized_multiplier_int64(3 << 20, third), 1048560);
  EXPECT_EQ(multiply_by_quantized_multiplier_int64(int64_t{3} << 40, quarter, kQ31AwayFromZero),
            std::numeric_limits<int32_t>::max());  // saturates (the reduced one wraps)
}

TEST(DivideMultiplierByCount, FoldsTheCountsPowerOfTwoIntoTheShift) {
  const QuantizedMultiplier half = quantize_multiplier(0.5);  // 2^30, shift 0
  // n = 4: k = 2, (2^30 << 2) / 4 = 2^30, shift -2 (0.125).
  const QuantizedMultiplier by4 = divide_multiplier_by_count(half, 4);
  EXPECT_EQ(by4.multiplier, 1 << 30);
  EXPECT_EQ(by4.shift, -2);
  // n = 3: k = 1, (2^31) / 3 = 715827882 (truncated), shift -1.
  const QuantizedMultiplier by3 = divide_multiplier_by_count(half, 3);
  EXPECT_EQ(by3.multiplier, 715827882);
  EXPECT_EQ(by3.shift, -1);
  // k is capped at 31 + shift: a multiplier with shift -30 and n = 8 moves only one bit.
  const QuantizedMultiplier tiny{1 << 30, -30};
  const QuantizedMultiplier tiny_by8 = divide_multiplier_by_count(tiny, 8);
  EXPECT_EQ(tiny_by8.shift, -31);
  EXPECT_EQ(tiny_by8.multiplier, (int64_t{1} << 31) / 8);
}

TEST(MultiplyByFloatScale, RoundsToNearestEven) {
  EXPECT_EQ(multiply_by_float_scale(5, 0.5f), 2);   // 2.5 -> 2
  EXPECT_EQ(multiply_by_float_scale(7, 0.5f), 4);   // 3.5 -> 4
  EXPECT_EQ(multiply_by_float_scale(-5, 0.5f), -2);
  EXPECT_EQ(multiply_by_float_scale(std::numeric_limits<int32_t>::max(), 4.0f),
            2147483520);  // clamped, not undefined
}

}  // namespace
}  // namespace lq::arith
