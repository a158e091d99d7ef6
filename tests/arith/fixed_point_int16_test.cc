// Properties of the 16-bit fixed-point logistic and tanh over every input (bit-exactness with
// LiteRT.js is asserted in tests/models/int16_kernels_test.cc). Not monotonic: the runtime's
// arithmetic steps back by up to 6 units in places (logistic of -14886 / 2^12 is 845, of -14885 / 2^12 839), and
// LiteRT.js's outputs do the same.
#include "arith/fixed_point_int16.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

namespace lq::arith {
namespace {

int max_error(int16_t (*fn)(int16_t), double (*exact)(double)) {
  int worst = 0;
  for (int x = -32768; x <= 32767; ++x) {
    const double want = 32768.0 * exact(x / 4096.0);
    const double error = std::abs(fn(static_cast<int16_t>(x)) - want);
    worst = std::max(worst, static_cast<int>(std::lround(error)));
  }
  return worst;
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double hyperbolic_tangent(double x) { return std::tanh(x); }

TEST(FixedPointInt16, LogisticIsCloseAndSymmetric) {
  EXPECT_EQ(logistic_q3_12(0), 16384);
  EXPECT_LE(max_error(logistic_q3_12, sigmoid), 8);  // measured 6
  for (int x = -32767; x <= 32767; ++x) {
    const auto v = static_cast<int16_t>(x);
    if (x > 0) {
      EXPECT_EQ(logistic_q3_12(v) + logistic_q3_12(static_cast<int16_t>(-x)), 32767) << x;
    }
  }
}

TEST(FixedPointInt16, TanhIsCloseAndOdd) {
  EXPECT_EQ(tanh_q3_12(0), 0);
  EXPECT_LE(max_error(tanh_q3_12, hyperbolic_tangent), 16);  // measured 12
  for (int x = -32767; x <= 32767; ++x) {
    const auto v = static_cast<int16_t>(x);
    EXPECT_EQ(tanh_q3_12(static_cast<int16_t>(-x)), -tanh_q3_12(v)) << x;
  }
}

TEST(FixedPointInt16, ExpOfNegativeValues) {
  // exp(-1) with 3 and 5 integer bits; exp(0) saturates to 32767.
  EXPECT_NEAR(exp_on_negative_values_q15(-4096, 3), 32768.0 * std::exp(-1.0), 3.0);
  EXPECT_NEAR(exp_on_negative_values_q15(-1024, 5), 32768.0 * std::exp(-1.0), 3.0);
  EXPECT_EQ(exp_on_negative_values_q15(0, 3), 32767);
  EXPECT_LE(exp_on_negative_values_q15(-32768, 3), 12);  // exp(-8) = 11.0 / 32768
}

}  // namespace
}  // namespace lq::arith
