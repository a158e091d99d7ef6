#include "kernels/float_kernel_test.h"

namespace lq {
namespace {

using testing::expect_all_near;
using testing::expect_plan_error;
using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;
using tflite::Padding;

tflite::Pool2DOptionsT pool_options(Padding padding, int filter, int stride,
                                    ActivationFunctionType activation = ActivationFunctionType::NONE) {
  tflite::Pool2DOptionsT o;
  o.padding = padding;
  o.filter_height = o.filter_width = filter;
  o.stride_h = o.stride_w = stride;
  o.fused_activation_function = activation;
  return o;
}

using PoolFloat = testing::FloatKernelTest;

TEST_P(PoolFloat, AverageCountsOnlyTapsInsideTheInput) {
  // 1..9, 2x2 SAME stride 1: the padding goes after, so the last row and column average fewer taps.
  testing::OpBuilder b;
  const int x = b.input({1, 3, 3, 1});
  const int y = b.output({1, 3, 3, 1});
  b.op(BuiltinOperator::AVERAGE_POOL_2D, {x}, {y}, pool_options(Padding::SAME, 2, 1));
  expect_all_near(run(b, {{1, 2, 3, 4, 5, 6, 7, 8, 9}}),
                  {3, 4, 4.5f, 6, 7, 7.5f, 7.5f, 8.5f, 9});
}

TEST_P(PoolFloat, AverageTwoChannelsStride2WithRelu6) {
  // Channel 0 = 1..16, channel 1 = -(1..16); 2x2 VALID stride 2 windows average to 3.5, 5.5, 11.5,
  // 13.5 (capped at 6) and their negatives (clamped to 0).
  std::vector<float> in;
  for (int i = 1; i <= 16; ++i) {
    in.push_back(static_cast<float>(i));
    in.push_back(static_cast<float>(-i));
  }
  testing::OpBuilder b;
  const int x = b.input({1, 4, 4, 2});
  const int y = b.output({1, 2, 2, 2});
  b.op(BuiltinOperator::AVERAGE_POOL_2D, {x}, {y},
       pool_options(Padding::VALID, 2, 2, ActivationFunctionType::RELU6));
  EXPECT_EQ(run(b, {in}), (std::vector<float>{3.5f, 0, 5.5f, 0, 6, 0, 6, 0}));
  EXPECT_EQ(b.last_output_shape(), (Shape{1, 2, 2, 2}));
}

TEST_P(PoolFloat, MaxIgnoresPaddingEvenWhenAllTapsAreNegative) {
  // -1..-9, 2x2 SAME stride 2: the windows are {-1,-2,-4,-5}, {-3,-6}, {-7,-8}, {-9}.
  testing::OpBuilder b;
  const int x = b.input({1, 3, 3, 1});
  const int y = b.output({1, 2, 2, 1});
  b.op(BuiltinOperator::MAX_POOL_2D, {x}, {y}, pool_options(Padding::SAME, 2, 2));
  EXPECT_EQ(run(b, {{-1, -2, -3, -4, -5, -6, -7, -8, -9}}), (std::vector<float>{-1, -3, -7, -9}));
}

TEST_P(PoolFloat, MaxValidWithReluN1To1) {
  testing::OpBuilder b;
  const int x = b.input({1, 4, 4, 1});
  const int y = b.output({1, 2, 2, 1});
  b.op(BuiltinOperator::MAX_POOL_2D, {x}, {y},
       pool_options(Padding::VALID, 2, 2, ActivationFunctionType::RELU_N1_TO_1));
  // Window maxima 6, 8, 0, 2 -> 1, 1, 0, 1; and a window of -3 -> -1 in the second run below.
  EXPECT_EQ(run(b, {{1, -2, 3, 0, 5, 6, -7, 8, -1, -2, -3, -4, 0, -9, 2, 1}}),
            (std::vector<float>{1, 1, 0, 1}));
  EXPECT_EQ(run(b, {{-3, -4, 0.5f, 0, -5, -6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}}),
            (std::vector<float>{-1, 0.5f, 0, 0}));
}

LQ_INSTANTIATE_FLOAT_KERNEL_TEST(PoolFloat);

TEST(PoolFloatErrors, BadFilterOrRankNameTheOp) {
  {
    testing::OpBuilder b;
    const int x = b.input({1, 3, 3, 1});
    const int y = b.output({1, 3, 3, 1});
    b.op(BuiltinOperator::AVERAGE_POOL_2D, {x}, {y}, pool_options(Padding::SAME, 0, 1));
    expect_plan_error(b, {"op 0 (AVERAGE_POOL_2D)", "height filter size is 0"});
  }
  {
    testing::OpBuilder b;
    const int x = b.input({3, 3, 1});
    const int y = b.output({3, 3, 1});
    b.op(BuiltinOperator::MAX_POOL_2D, {x}, {y}, pool_options(Padding::SAME, 2, 1));
    expect_plan_error(b, {"op 0 (MAX_POOL_2D)", "has shape 3x3x1, expected rank 4"});
  }
}

}  // namespace
}  // namespace lq
