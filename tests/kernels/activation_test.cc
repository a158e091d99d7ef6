// RELU, RELU6, RELU_N1_TO_1, RELU_0_TO_1, LEAKY_RELU, PRELU, LOGISTIC, TANH, HARD_SWISH, ELU, GELU.
#include <cmath>
#include <limits>

#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using tflite::BuiltinOperator;

class ActivationTest : public testing::KernelTest {
 protected:
  template <class Options = std::nullptr_t>
  std::vector<float> run(BuiltinOperator op, const std::vector<float>& x,
                         Options options = nullptr) {
    testing::OpBuilder builder;
    const Shape shape{1, static_cast<int32_t>(x.size())};
    const int in = builder.input(shape);
    const int out = builder.output(shape);
    builder.op(op, {in}, {out}, options);
    OpRun run(builder, this->options());
    run.in(0, x).invoke();
    EXPECT_EQ(run.shape(), shape);
    return run.out<float>();
  }
};

TEST_P(ActivationTest, ReluFamilyClamps) {
  const std::vector<float> x{-7, -1.5f, -0.5f, 0, 0.5f, 1.5f, 7};
  EXPECT_EQ(run(BuiltinOperator::RELU, x), (std::vector<float>{0, 0, 0, 0, 0.5f, 1.5f, 7}));
  EXPECT_EQ(run(BuiltinOperator::RELU6, x), (std::vector<float>{0, 0, 0, 0, 0.5f, 1.5f, 6}));
  EXPECT_EQ(run(BuiltinOperator::RELU_N1_TO_1, x),
            (std::vector<float>{-1, -1, -0.5f, 0, 0.5f, 1, 1}));
  EXPECT_EQ(run(BuiltinOperator::RELU_0_TO_1, x), (std::vector<float>{0, 0, 0, 0, 0.5f, 1, 1}));
}

TEST_P(ActivationTest, ReluKeepsNan) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_TRUE(std::isnan(run(BuiltinOperator::RELU, {nan})[0]));
  EXPECT_TRUE(std::isnan(run(BuiltinOperator::RELU6, {nan})[0]));
}

TEST_P(ActivationTest, LeakyReluScalesNegatives) {
  tflite::LeakyReluOptionsT options;
  options.alpha = 0.25f;
  EXPECT_EQ(run(BuiltinOperator::LEAKY_RELU, {-4, -1, 0, 3}, options),
            (std::vector<float>{-1, -0.25f, 0, 3}));
}

TEST_P(ActivationTest, PreluBroadcastsAlphaPerChannel) {
  // NHWC input [1, 2, 2, 3], alpha [1, 1, 3]: one slope per channel.
  testing::OpBuilder builder;
  const int in = builder.input({1, 2, 2, 3});
  const int alpha = builder.constant<float>({1, 1, 3}, {0.5f, 2, 0});
  const int out = builder.output({1, 2, 2, 3});
  builder.op(BuiltinOperator::PRELU, {in, alpha}, {out});
  OpRun run(builder, options());
  run.in(0, std::vector<float>{-2, -2, -2, 1, 2, 3, -4, 5, -6, 0, -1, 7}).invoke();
  EXPECT_EQ(run.out<float>(), (std::vector<float>{-1, -4, 0, 1, 2, 3, -2, 5, 0, 0, -2, 7}));
}

// LOGISTIC under each arithmetic: TFLite's kernel (tflite-reference) cuts off to e^x below -9;
// XNNPACK's (runtime, what LiteRT.js runs) evaluates 1 / (1 + e^-x) by its own polynomial there.
std::vector<float> logistic(rt::InterpreterOptions options, arith::Arithmetic arithmetic) {
  testing::OpBuilder builder;
  const int in = builder.input({1, 5});
  const int out = builder.output({1, 5});
  builder.op(BuiltinOperator::LOGISTIC, {in}, {out});
  options.arithmetic = arithmetic;
  OpRun run(builder, options);
  run.in(0, std::vector<float>{0, 2, -2, 20, -10}).invoke();
  return run.out<float>();
}

TEST_P(ActivationTest, LogisticUnderEachArithmetic) {
  for (arith::Arithmetic a : {arith::Arithmetic::kTfliteReference, arith::Arithmetic::kRuntime}) {
    const std::vector<float> out = logistic(options(), a);
    EXPECT_EQ(out[0], 0.5f);
    EXPECT_NEAR(out[1], 0.88079707797788f, 1e-7f);  // 1 / (1 + e^-2)
    EXPECT_NEAR(out[2], 0.11920292202212f, 1e-7f);
    EXPECT_EQ(out[3], 1.0f);
  }
  // Below -9 TFLite returns e^x = 4.53999297625e-5, not 1 / (1 + e^10) = 4.53978687e-5.
  EXPECT_FLOAT_EQ(logistic(options(), arith::Arithmetic::kTfliteReference)[4], 4.53999297625e-5f);
  EXPECT_FLOAT_EQ(logistic(options(), arith::Arithmetic::kRuntime)[4], 4.53978687e-5f);
}

TEST_P(ActivationTest, TanhMatchesKnownValues) {
  testing::expect_near(run(BuiltinOperator::TANH, {0, 0.5f, -1, 10}),
                       {0, 0.46211715726f, -0.76159415595f, 1});
}

TEST_P(ActivationTest, HardSwishIsXTimesRelu6OfXPlus3Over6) {
  // -4 -> 0; -3 -> 0; -1 -> -1 * 2 / 6; 0 -> 0; 1 -> 1 * 4 / 6; 3 -> 3 (relu6 saturates); 5 -> 5.
  testing::expect_near(run(BuiltinOperator::HARD_SWISH, {-4, -3, -1, 0, 1, 3, 5}),
                       {0, 0, -1.0f / 3, 0, 2.0f / 3, 3, 5});
}

TEST_P(ActivationTest, EluIsExpm1ForNegatives) {
  testing::expect_near(run(BuiltinOperator::ELU, {-1, -1e-8f, 0, 2}),
                       {-0.63212055883f, -1e-8f, 0, 2});
}

TEST_P(ActivationTest, GeluExactAndApproximate) {
  // Exact: x * Phi(x), Phi the standard normal CDF: Phi(1) = 0.841344746, Phi(-1) = 0.158655254,
  // Phi(2) = 0.977249868.
  testing::expect_near(run(BuiltinOperator::GELU, {-1, 0, 1, 2}),
                       {-0.158655254f, 0, 0.841344746f, 1.954499736f});
  // Tanh form: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))); at x = 1 the tanh argument is
  // 0.7978845608 * 1.044715 = 0.8335625, tanh = 0.6823837, so 0.8411919.
  tflite::GeluOptionsT approximate;
  approximate.approximate = true;
  testing::expect_near(run(BuiltinOperator::GELU, {-1, 0, 1}, approximate),
                       {-0.158808f, 0, 0.841192f});
}

TEST_P(ActivationTest, IntegerInputNamesTheOp) {
  testing::OpBuilder builder;
  const int in = builder.input({2}, ElementType::kInt8);
  const int out = builder.output({2}, ElementType::kInt8);
  builder.op(BuiltinOperator::GELU, {in}, {out});  // GELU has no int8 kernel
  testing::expect_error(builder, {"op 0 GELU (int8)"}, options());
}

LQ_INSTANTIATE_KERNEL_TEST(ActivationTest);

}  // namespace
}  // namespace lq
