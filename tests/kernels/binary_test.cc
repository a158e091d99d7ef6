// SUB, MUL, DIV, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE, POW: broadcasting, fused activations; the
// integer types of SUB, MUL (int32, int64), DIV (int32), MAXIMUM and MINIMUM (int8 to int64).
#include <cmath>
#include <limits>

#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using tflite::BuiltinOperator;

class BinaryTest : public testing::KernelTest {
 protected:
  // Runs `op` on inputs of shapes a and b, with the given options.
  template <class Options = std::nullptr_t>
  std::vector<float> run(BuiltinOperator op, Shape a, const std::vector<float>& va, Shape b,
                         const std::vector<float>& vb, Shape out_shape, Options options = nullptr) {
    testing::OpBuilder builder;
    const int x = builder.input(std::move(a));
    const int y = builder.input(std::move(b));
    const int z = builder.output(out_shape);
    builder.op(op, {x, y}, {z}, options);
    OpRun run(builder, this->options());
    run.in(0, va).in(1, vb).invoke();
    EXPECT_EQ(run.shape(), out_shape);
    return run.out<float>();
  }


 public:
  // The same on inputs and output of element type `type` (C++ type T).
  template <class T, class Options = std::nullptr_t>
  std::vector<T> run_typed(BuiltinOperator op, ElementType type, Shape a, const std::vector<T>& va,
                           Shape b, const std::vector<T>& vb, Shape out_shape, Options options = nullptr) {
    testing::OpBuilder builder;
    const int x = builder.input(std::move(a), type);
    const int y = builder.input(std::move(b), type);
    const int z = builder.output(out_shape, type);
    builder.op(op, {x, y}, {z}, options);
    OpRun run(builder, this->options());
    run.in(0, va).in(1, vb).invoke();
    EXPECT_EQ(run.shape(), out_shape);
    return run.out<T>();
  }
};

TEST_P(BinaryTest, SubBroadcastsRowAndAppliesRelu) {
  tflite::SubOptionsT options;
  options.fused_activation_function = tflite::ActivationFunctionType::RELU;
  // [[1, 2, 3], [4, 5, 6]] - [2, 2, 2] then max(0, .)
  EXPECT_EQ(run(BuiltinOperator::SUB, {2, 3}, {1, 2, 3, 4, 5, 6}, {3}, {2, 2, 2}, {2, 3}, options),
            (std::vector<float>{0, 0, 1, 2, 3, 4}));
}

TEST_P(BinaryTest, SubWithoutOptionsHasNoActivation) {
  EXPECT_EQ(run(BuiltinOperator::SUB, {3}, {1, 2, 3}, {}, {5}, {3}),
            (std::vector<float>{-4, -3, -2}));
}

TEST_P(BinaryTest, MulBroadcastsBothWays) {
  // a: [2, 1] column, b: [1, 3] row -> outer product [2, 3].
  EXPECT_EQ(run(BuiltinOperator::MUL, {2, 1}, {2, -3}, {1, 3}, {1, 10, 100}, {2, 3}),
            (std::vector<float>{2, 20, 200, -3, -30, -300}));
}

TEST_P(BinaryTest, MulAppliesRelu6AndReluN1To1) {
  tflite::MulOptionsT relu6;
  relu6.fused_activation_function = tflite::ActivationFunctionType::RELU6;
  EXPECT_EQ(run(BuiltinOperator::MUL, {4}, {1, 2, 3, -1}, {4}, {2, 3, 4, 5}, {4}, relu6),
            (std::vector<float>{2, 6, 6, 0}));
  tflite::MulOptionsT relu1;
  relu1.fused_activation_function = tflite::ActivationFunctionType::RELU_N1_TO_1;
  EXPECT_EQ(run(BuiltinOperator::MUL, {3}, {0.25f, 2, -2}, {3}, {2, 2, 2}, {3}, relu1),
            (std::vector<float>{0.5f, 1, -1}));
}

TEST_P(BinaryTest, DivBroadcastsRank3AndDividesByZeroAsIeee) {
  // [2, 2, 2] / [2, 1]: the divisor repeats along the last dimension and the batch.
  EXPECT_EQ(
      run(BuiltinOperator::DIV, {2, 2, 2}, {8, 6, 9, 3, -4, 2, 1, 0}, {2, 1}, {2, 3}, {2, 2, 2}),
      (std::vector<float>{4, 3, 3, 1, -2, 1, 1.0f / 3.0f, 0}));
  const std::vector<float> out = run(BuiltinOperator::DIV, {3}, {1, -1, 0}, {}, {0}, {3});
  EXPECT_EQ(out[0], std::numeric_limits<float>::infinity());
  EXPECT_EQ(out[1], -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(out[2]));
}

TEST_P(BinaryTest, DivAppliesRelu) {
  tflite::DivOptionsT options;
  options.fused_activation_function = tflite::ActivationFunctionType::RELU;
  EXPECT_EQ(run(BuiltinOperator::DIV, {2}, {-6, 6}, {}, {3}, {2}, options),
            (std::vector<float>{0, 2}));
}

TEST_P(BinaryTest, MaximumAndMinimumBroadcast) {
  EXPECT_EQ(run(BuiltinOperator::MAXIMUM, {2, 2}, {1, 5, -3, 0}, {2}, {2, -1}, {2, 2}),
            (std::vector<float>{2, 5, 2, 0}));
  EXPECT_EQ(run(BuiltinOperator::MINIMUM, {2, 2}, {1, 5, -3, 0}, {2}, {2, -1}, {2, 2}),
            (std::vector<float>{1, -1, -3, -1}));
}

TEST_P(BinaryTest, MaximumPropagatesNanOnlyFromTheSecondInput) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> out = run(BuiltinOperator::MAXIMUM, {2}, {nan, 1}, {2}, {1, nan}, {2});
  EXPECT_EQ(out[0], 1.0f);          // nan > 1 is false: b
  EXPECT_TRUE(std::isnan(out[1]));  // 1 > nan is false: b
}

TEST_P(BinaryTest, SquaredDifferenceBroadcasts) {
  EXPECT_EQ(run(BuiltinOperator::SQUARED_DIFFERENCE, {2, 2}, {1, 2, 3, 4}, {1, 2}, {4, -1}, {2, 2}),
            (std::vector<float>{9, 9, 1, 25}));
}

TEST_P(BinaryTest, PowBroadcastsAndFollowsStdPow) {
  EXPECT_EQ(run(BuiltinOperator::POW, {2, 2}, {2, 3, 4, 9}, {2}, {3, 0.5f}, {2, 2}),
            (std::vector<float>{8, std::sqrt(3.0f), 64, 3}));
  const std::vector<float> out =
      run(BuiltinOperator::POW, {3}, {-8, 0, -2}, {3}, {0.5f, -1, 3}, {3});
  EXPECT_TRUE(std::isnan(out[0]));  // negative base, non-integer exponent
  EXPECT_EQ(out[1], std::numeric_limits<float>::infinity());
  EXPECT_EQ(out[2], -8.0f);
}

TEST_P(BinaryTest, IncompatibleShapesNameTheOp) {
  testing::OpBuilder builder;
  const int x = builder.input({2, 3});
  const int y = builder.input({4});
  const int z = builder.output({2, 3});
  builder.op(BuiltinOperator::MUL, {x, y}, {z});
  testing::expect_error(builder, {"op 0 (MUL)", "cannot be broadcast"}, options());
}

TEST_P(BinaryTest, UnsupportedActivationNamesTheOp) {
  testing::OpBuilder builder;
  const int x = builder.input({2});
  const int y = builder.input({2});
  const int z = builder.output({2});
  tflite::SubOptionsT options;
  options.fused_activation_function = tflite::ActivationFunctionType::TANH;
  builder.op(BuiltinOperator::SUB, {x, y}, {z}, options);
  testing::expect_error(builder, {"op 0 (SUB)", "TANH"}, this->options());
}

template <class T> void expect_integer_sub_mul(BinaryTest& test, ElementType type) {
  tflite::SubOptionsT relu;
  relu.fused_activation_function = tflite::ActivationFunctionType::RELU;
  EXPECT_EQ(test.run_typed<T>(BuiltinOperator::SUB, type, {2, 3}, {1, 2, 3, 4, 5, 6}, {3}, {2, 2, 2},
                              {2, 3}, relu),
            (std::vector<T>{0, 0, 1, 2, 3, 4}));
  EXPECT_EQ(test.run_typed<T>(BuiltinOperator::MUL, type, {2, 1}, {2, -3}, {1, 3}, {1, 10, 100}, {2, 3}),
            (std::vector<T>{2, 20, 200, -3, -30, -300}));
  // Overflow wraps around: max * 2 = -2, min - 1 = max.
  const T max = std::numeric_limits<T>::max(), min = std::numeric_limits<T>::min();
  EXPECT_EQ(test.run_typed<T>(BuiltinOperator::MUL, type, {1}, {max}, {1}, {2}, {1}), std::vector<T>{-2});
  EXPECT_EQ(test.run_typed<T>(BuiltinOperator::SUB, type, {1}, {min}, {1}, {1}, {1}), std::vector<T>{max});
}

TEST_P(BinaryTest, SubAndMulInt32) { expect_integer_sub_mul<int32_t>(*this, ElementType::kInt32); }
TEST_P(BinaryTest, SubAndMulInt64) { expect_integer_sub_mul<int64_t>(*this, ElementType::kInt64); }

TEST_P(BinaryTest, DivInt32TruncatesTowardZeroAndClamps) {
  using V = std::vector<int32_t>;
  EXPECT_EQ(run_typed<int32_t>(BuiltinOperator::DIV, ElementType::kInt32, {2, 3}, {7, -7, 6, 9, -9, 1},
                               {3}, {2, 2, -4}, {2, 3}),
            (V{3, -3, -1, 4, -4, 0}));
  tflite::DivOptionsT relu6;
  relu6.fused_activation_function = tflite::ActivationFunctionType::RELU6;
  EXPECT_EQ(run_typed<int32_t>(BuiltinOperator::DIV, ElementType::kInt32, {3}, {100, -100, 9}, {}, {3},
                               {3}, relu6),
            (V{6, 0, 3}));
  const int32_t min = std::numeric_limits<int32_t>::min();
  EXPECT_EQ(run_typed<int32_t>(BuiltinOperator::DIV, ElementType::kInt32, {1}, {min}, {1}, {-1}, {1}),
            V{min});  // wraps, as negating it does
}

TEST_P(BinaryTest, DivInt32ByZeroNamesTheOp) {
  testing::OpBuilder builder;
  const int x = builder.input({2}, ElementType::kInt32);
  const int y = builder.input({2}, ElementType::kInt32);
  builder.op(BuiltinOperator::DIV, {x, y}, {builder.output({2}, ElementType::kInt32)});
  testing::expect_error(builder, {"op 0 (DIV)", "division by zero"}, options());
}

template <class T> void expect_integer_min_max(BinaryTest& test, ElementType type) {
  const T low = std::numeric_limits<T>::min(), high = std::numeric_limits<T>::max();
  EXPECT_EQ(test.run_typed<T>(BuiltinOperator::MAXIMUM, type, {2, 2}, {1, 5, low, high}, {2}, {2, 0},
                              {2, 2}),
            (std::vector<T>{2, 5, 2, high}))
      << element_type_name(type);
  EXPECT_EQ(test.run_typed<T>(BuiltinOperator::MINIMUM, type, {2, 2}, {1, 5, low, high}, {2}, {2, 0},
                              {2, 2}),
            (std::vector<T>{1, 0, low, 0}))
      << element_type_name(type);
}

TEST_P(BinaryTest, MaximumAndMinimumOnEachIntegerType) {
  expect_integer_min_max<int8_t>(*this, ElementType::kInt8);
  expect_integer_min_max<uint8_t>(*this, ElementType::kUInt8);
  expect_integer_min_max<int16_t>(*this, ElementType::kInt16);
  expect_integer_min_max<int32_t>(*this, ElementType::kInt32);
  expect_integer_min_max<int64_t>(*this, ElementType::kInt64);
}

LQ_INSTANTIATE_KERNEL_TEST(BinaryTest);

}  // namespace
}  // namespace lq
