#include "kernels/float_kernel_test.h"

namespace lq {
namespace {

using testing::constant;
using testing::expect_plan_error;
using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;

tflite::FullyConnectedOptionsT fc_options(
    bool keep_num_dims, ActivationFunctionType activation = ActivationFunctionType::NONE) {
  tflite::FullyConnectedOptionsT o;
  o.keep_num_dims = keep_num_dims;
  o.fused_activation_function = activation;
  return o;
}

using FullyConnectedFloat = testing::FloatKernelTest;

TEST_P(FullyConnectedFloat, WithBiasThenReluByHand) {
  // Rows (1 2 3) and (4 5 6); units (1 0 -1) + 1 and (.5 .5 .5) - 1:
  // row 0: 1 - 3 + 1 = -1, 3 - 1 = 2; row 1: 4 - 6 + 1 = -1, 7.5 - 1 = 6.5.
  for (const auto& [activation, expected] :
       {std::pair{ActivationFunctionType::NONE, std::vector<float>{-1, 2, -1, 6.5f}},
        std::pair{ActivationFunctionType::RELU, std::vector<float>{0, 2, 0, 6.5f}}}) {
    testing::OpBuilder b;
    const int x = b.input({2, 3});
    const int w = constant<float>(b, {2, 3}, {1, 0, -1, 0.5f, 0.5f, 0.5f});
    const int bias = constant<float>(b, {2}, {1, -1});
    const int y = b.output({2, 2});
    b.op(BuiltinOperator::FULLY_CONNECTED, {x, w, bias}, {y}, fc_options(false, activation));
    EXPECT_EQ(run(b, {{1, 2, 3, 4, 5, 6}}), expected);
    EXPECT_EQ(b.last_output_shape(), (Shape{2, 2}));
  }
}

TEST_P(FullyConnectedFloat, KeepNumDimsKeepsTheLeadingShape) {
  // Four rows of depth 3 in a [2, 1, 2, 3] input; weights pick element 0 and sum the row.
  const std::vector<float> in = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  const std::vector<float> expected = {1, 6, 4, 15, 7, 24, 10, 33};
  for (bool keep : {true, false}) {
    testing::OpBuilder b;
    const int x = b.input({2, 1, 2, 3});
    const int w = constant<float>(b, {2, 3}, {1, 0, 0, 1, 1, 1});
    const int y = b.output({4, 2});
    b.op(BuiltinOperator::FULLY_CONNECTED, {x, w, -1}, {y}, fc_options(keep));
    EXPECT_EQ(run(b, {in}), expected);
    EXPECT_EQ(b.last_output_shape(), keep ? (Shape{2, 1, 2, 2}) : (Shape{4, 2}));
  }
}

TEST_P(FullyConnectedFloat, FlattensInputWhoseLastDimIsNotTheDepth) {
  // A [1, 2, 3] input against depth 2 is read as three rows (1 2) (3 4) (5 6).
  testing::OpBuilder b;
  const int x = b.input({1, 2, 3});
  const int w = constant<float>(b, {1, 2}, {10, 1});
  const int y = b.output({3, 1});
  b.op(BuiltinOperator::FULLY_CONNECTED, {x, w}, {y}, fc_options(false));
  EXPECT_EQ(run(b, {{1, 2, 3, 4, 5, 6}}), (std::vector<float>{12, 34, 56}));
  EXPECT_EQ(b.last_output_shape(), (Shape{3, 1}));
}

LQ_INSTANTIATE_FLOAT_KERNEL_TEST(FullyConnectedFloat);

TEST(FullyConnectedFloatErrors, InputNotAMultipleOfDepthNamesTheOp) {
  testing::OpBuilder b;
  const int x = b.input({1, 5});
  const int w = constant<float>(b, {2, 3}, std::vector<float>(6, 0.0f));
  const int y = b.output({1, 2});
  b.op(BuiltinOperator::FULLY_CONNECTED, {x, w}, {y}, fc_options(false));
  expect_plan_error(b, {"op 0 (FULLY_CONNECTED)", "not a multiple of the weights' depth 3"});
}

TEST(FullyConnectedFloatErrors, KeepNumDimsNeedsMatchingLastDimAndInt8WeightsAreRejected) {
  {
    testing::OpBuilder b;
    const int x = b.input({2, 3});
    const int w = constant<float>(b, {1, 2}, {1, 1});
    const int y = b.output({3, 1});
    b.op(BuiltinOperator::FULLY_CONNECTED, {x, w}, {y}, fc_options(true));
    expect_plan_error(b, {"op 0 (FULLY_CONNECTED)", "expected last dimension 2"});
  }
  {
    testing::OpBuilder b;
    const int x = b.input({1, 2});
    const int w = constant<int8_t>(b, {1, 2}, {1, 1});
    const int y = b.output({1, 1});
    b.op(BuiltinOperator::FULLY_CONNECTED, {x, w}, {y}, fc_options(false));
    // int8 weights make it a hybrid op, which needs their scales.
    expect_plan_error(b, {"op 0 (FULLY_CONNECTED)", "have no quantization scale"});
  }
}

}  // namespace
}  // namespace lq
