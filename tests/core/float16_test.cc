#include "core/float16.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>

namespace lq {
namespace {

TEST(Float16, DecodesKnownBitPatterns) {
  EXPECT_EQ(half_to_float(0x3C00), 1.0f);
  EXPECT_EQ(half_to_float(0xC000), -2.0f);
  EXPECT_EQ(half_to_float(0x3555), 0.333251953125f);           // 1365/4096
  EXPECT_EQ(half_to_float(0x7BFF), 65504.0f);                  // largest finite
  EXPECT_EQ(half_to_float(0x0400), std::ldexp(1.0f, -14));     // smallest normal
  EXPECT_EQ(half_to_float(0x0001), std::ldexp(1.0f, -24));     // smallest subnormal
  EXPECT_EQ(half_to_float(0x03FF), std::ldexp(1023.0f, -24));  // largest subnormal
  EXPECT_EQ(half_to_float(0x8001), -std::ldexp(1.0f, -24));
  EXPECT_EQ(std::bit_cast<uint32_t>(half_to_float(0x0000)), 0x00000000u);
  EXPECT_EQ(std::bit_cast<uint32_t>(half_to_float(0x8000)), 0x80000000u);  // -0
  EXPECT_EQ(half_to_float(0x7C00), std::numeric_limits<float>::infinity());
  EXPECT_EQ(half_to_float(0xFC00), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(half_to_float(0x7E00)));
  EXPECT_TRUE(std::isnan(half_to_float(0x7C01)));  // signalling NaN with the lowest payload bit
}

TEST(Float16, EncodesKnownValues) {
  EXPECT_EQ(float_to_half(1.0f), 0x3C00);
  EXPECT_EQ(float_to_half(-2.0f), 0xC000);
  EXPECT_EQ(float_to_half(65504.0f), 0x7BFF);
  EXPECT_EQ(float_to_half(std::ldexp(1.0f, -14)), 0x0400);
  EXPECT_EQ(float_to_half(std::ldexp(1.0f, -24)), 0x0001);
  EXPECT_EQ(float_to_half(0.0f), 0x0000);
  EXPECT_EQ(float_to_half(-0.0f), 0x8000);
  EXPECT_EQ(float_to_half(std::numeric_limits<float>::infinity()), 0x7C00);
  EXPECT_EQ(float_to_half(-std::numeric_limits<float>::infinity()), 0xFC00);
  const uint16_t nan = float_to_half(std::numeric_limits<float>::quiet_NaN());
  EXPECT_EQ(nan & 0x7C00, 0x7C00);
  EXPECT_NE(nan & 0x03FF, 0);
  // A NaN whose payload sits only in the low float bits must not turn into infinity.
  const uint16_t low_payload_nan = float_to_half(std::bit_cast<float>(0x7F800001u));
  EXPECT_EQ(low_payload_nan & 0x7C00, 0x7C00);
  EXPECT_NE(low_payload_nan & 0x03FF, 0);
}

TEST(Float16, RoundsToNearestEven) {
  const float ulp_at_one = std::ldexp(1.0f, -10);
  // Exactly halfway between 1.0 (0x3C00, even) and 1 + 2^-10 (0x3C01): stays at the even one.
  EXPECT_EQ(float_to_half(1.0f + ulp_at_one / 2), 0x3C00);
  // Halfway between 0x3C01 (odd) and 0x3C02 (even): goes up.
  EXPECT_EQ(float_to_half(1.0f + 3 * ulp_at_one / 2), 0x3C02);
  // Just above and below a tie round to the nearer value.
  EXPECT_EQ(float_to_half(std::nextafter(1.0f + ulp_at_one / 2, 2.0f)), 0x3C01);
  EXPECT_EQ(float_to_half(std::nextafter(1.0f + 3 * ulp_at_one / 2, 0.0f)), 0x3C01);
  // A carry out of the fraction moves to the next binade: 2 - 2^-12 rounds to 2.0.
  EXPECT_EQ(float_to_half(2.0f - std::ldexp(1.0f, -12)), 0x4000);
  // Overflow: 65520 is the tie between 65504 (odd fraction) and 2^16, so it becomes infinity.
  EXPECT_EQ(float_to_half(65519.0f), 0x7BFF);
  EXPECT_EQ(float_to_half(65520.0f), 0x7C00);
  EXPECT_EQ(float_to_half(-65520.0f), 0xFC00);
  EXPECT_EQ(float_to_half(1e10f), 0x7C00);
}

TEST(Float16, RoundsSubnormalsToNearestEven) {
  const float unit = std::ldexp(1.0f, -24);    // smallest subnormal
  EXPECT_EQ(float_to_half(unit / 2), 0x0000);  // tie with 0 (even)
  EXPECT_EQ(float_to_half(-unit / 2), 0x8000);
  EXPECT_EQ(float_to_half(std::nextafter(unit / 2, 1.0f)), 0x0001);  // just above the tie
  EXPECT_EQ(float_to_half(std::ldexp(1.0f, -30)), 0x0000);
  EXPECT_EQ(float_to_half(1.5f * unit), 0x0002);  // tie between 1 (odd) and 2 (even)
  EXPECT_EQ(float_to_half(2.5f * unit), 0x0002);  // tie between 2 (even) and 3
  EXPECT_EQ(float_to_half(1023.0f * unit), 0x03FF);
  EXPECT_EQ(float_to_half(1023.5f * unit), 0x0400);  // rounds up into the smallest normal
  EXPECT_EQ(float_to_half(std::numeric_limits<float>::denorm_min()), 0x0000);
}

TEST(Float16, EveryHalfRoundTrips) {
  for (uint32_t bits = 0; bits <= 0xFFFF; ++bits) {
    const uint16_t half = static_cast<uint16_t>(bits);
    const float value = half_to_float(half);
    const bool is_nan = (half & 0x7C00) == 0x7C00 && (half & 0x03FF) != 0;
    if (is_nan) {
      EXPECT_TRUE(std::isnan(value)) << std::hex << bits;
      continue;
    }
    EXPECT_EQ(float_to_half(value), half) << std::hex << bits;
    // Independent check of the decoded value: (-1)^s * 2^(e-15) * (1 + f/1024), or f * 2^-24.
    const int e = (half >> 10) & 0x1F;
    const int f = half & 0x3FF;
    const float sign = (half & 0x8000) ? -1.0f : 1.0f;
    const float expected = e == 0x1F ? sign * std::numeric_limits<float>::infinity()
                           : e == 0
                               ? sign * std::ldexp(static_cast<float>(f), -24)
                               : sign * std::ldexp(1.0f + static_cast<float>(f) / 1024.0f, e - 15);
    EXPECT_EQ(value, expected) << std::hex << bits;
  }
}

}  // namespace
}  // namespace lq
