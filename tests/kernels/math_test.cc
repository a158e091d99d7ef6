// EXP, LOG, SQRT, RSQRT, ABS, NEG, SQUARE, SIN, COS, FLOOR, CEIL, ROUND.
#include <cmath>
#include <limits>

#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using tflite::BuiltinOperator;

constexpr float kInf = std::numeric_limits<float>::infinity();

class MathTest : public testing::KernelTest {
 protected:
  std::vector<float> run(BuiltinOperator op, const std::vector<float>& x) {
    testing::OpBuilder builder;
    const Shape shape{static_cast<int32_t>(x.size())};
    const int in = builder.input(shape);
    const int out = builder.output(shape);
    builder.op(op, {in}, {out});
    OpRun run(builder, options());
    run.in(0, x).invoke();
    EXPECT_EQ(run.shape(), shape);
    return run.out<float>();
  }
};

TEST_P(MathTest, ExpAndLog) {
  testing::expect_near(run(BuiltinOperator::EXP, {0, 1, -1, 2}),
                       {1, 2.718281828f, 0.367879441f, 7.389056099f});
  const std::vector<float> log = run(BuiltinOperator::LOG, {1, 2.718281828f, 0.5f, 0, -1});
  testing::expect_near({log[0], log[1], log[2]}, {0, 1, -0.693147181f});
  EXPECT_EQ(log[3], -kInf);
  EXPECT_TRUE(std::isnan(log[4]));
}

TEST_P(MathTest, SqrtAndRsqrt) {
  const std::vector<float> sqrt = run(BuiltinOperator::SQRT, {0, 4, 2, -1});
  EXPECT_EQ(sqrt[0], 0.0f);
  EXPECT_EQ(sqrt[1], 2.0f);
  EXPECT_NEAR(sqrt[2], 1.414213562f, 1e-7f);
  EXPECT_TRUE(std::isnan(sqrt[3]));
  const std::vector<float> rsqrt = run(BuiltinOperator::RSQRT, {4, 0.25f, 0});
  EXPECT_EQ(rsqrt[0], 0.5f);
  EXPECT_EQ(rsqrt[1], 2.0f);
  EXPECT_EQ(rsqrt[2], kInf);
}

TEST_P(MathTest, AbsNegSquare) {
  EXPECT_EQ(run(BuiltinOperator::ABS, {-2.5f, 0, 3}), (std::vector<float>{2.5f, 0, 3}));
  EXPECT_EQ(run(BuiltinOperator::NEG, {-2.5f, 0, 3}), (std::vector<float>{2.5f, -0.0f, -3}));
  EXPECT_EQ(run(BuiltinOperator::SQUARE, {-3, 0.5f, 4}), (std::vector<float>{9, 0.25f, 16}));
}

TEST_P(MathTest, SinAndCos) {
  const float pi = 3.14159265358979f;
  testing::expect_near(run(BuiltinOperator::SIN, {0, pi / 2, pi / 6, -pi / 2}), {0, 1, 0.5f, -1});
  testing::expect_near(run(BuiltinOperator::COS, {0, pi, pi / 3}), {1, -1, 0.5f});
}

TEST_P(MathTest, FloorAndCeil) {
  EXPECT_EQ(run(BuiltinOperator::FLOOR, {-1.5f, -1, -0.25f, 0.25f, 2.999f}),
            (std::vector<float>{-2, -1, -1, 0, 2}));
  EXPECT_EQ(run(BuiltinOperator::CEIL, {-1.5f, -1, -0.25f, 0.25f, 2.001f}),
            (std::vector<float>{-1, -1, 0, 1, 3}));
}

TEST_P(MathTest, RoundTiesToEven) {
  EXPECT_EQ(run(BuiltinOperator::ROUND,
                {0.5f, 1.5f, 2.5f, 3.5f, -0.5f, -1.5f, -2.5f, 2.4f, -2.6f, 8388609.0f}),
            (std::vector<float>{0, 2, 2, 4, 0, -2, -2, 2, -3, 8388609.0f}));
  const std::vector<float> special =
      run(BuiltinOperator::ROUND, {kInf, -kInf, std::numeric_limits<float>::quiet_NaN()});
  EXPECT_EQ(special[0], kInf);
  EXPECT_EQ(special[1], -kInf);
  EXPECT_TRUE(std::isnan(special[2]));
}

LQ_INSTANTIATE_KERNEL_TEST(MathTest);

}  // namespace
}  // namespace lq
