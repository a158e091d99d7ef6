// PAD and PADV2, float.
#include "kernels/float_kernel_test.h"

namespace lq {
namespace {

using testing::constant;
using testing::expect_plan_error;
using tflite::BuiltinOperator;

using PadFloat = testing::FloatKernelTest;

TEST_P(PadFloat, PadWithZerosAndInt32Paddings) {
  testing::OpBuilder b;
  const int x = b.input({2, 2});
  const int paddings = constant<int32_t>(b, {2, 2}, {1, 0, 0, 2});
  const int y = b.output({3, 4});
  b.op(BuiltinOperator::PAD, {x, paddings}, {y});
  EXPECT_EQ(run(b, {{1, 2, 3, 4}}), (std::vector<float>{0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0}));
  EXPECT_EQ(b.last_output_shape(), (Shape{3, 4}));
}

TEST_P(PadFloat, PadV2WithConstantValueAndInt64Paddings) {
  testing::OpBuilder b;
  const int x = b.input({1, 2, 1, 1});
  const int paddings = constant<int64_t>(b, {4, 2}, {0, 0, 1, 1, 0, 1, 0, 0});
  const int value = constant<float>(b, {}, {-1.5f});
  const int y = b.output({1, 4, 2, 1});
  b.op(BuiltinOperator::PADV2, {x, paddings, value}, {y});
  EXPECT_EQ(run(b, {{5, 6}}), (std::vector<float>{-1.5f, -1.5f, 5, -1.5f, 6, -1.5f, -1.5f, -1.5f}));
  EXPECT_EQ(b.last_output_shape(), (Shape{1, 4, 2, 1}));
}

TEST_P(PadFloat, PadV2ValueFromAModelInputAndRank3) {
  // Pads the middle axis of [2, 1, 2] by (2, 1) with the value fed as a second input.
  testing::OpBuilder b;
  const int x = b.input({2, 1, 2});
  const int paddings = constant<int32_t>(b, {3, 2}, {0, 0, 2, 1, 0, 0});
  const int value = b.input({1});
  const int y = b.output({2, 4, 2});
  b.op(BuiltinOperator::PADV2, {x, paddings, value}, {y});
  EXPECT_EQ(run(b, {{1, 2, 3, 4}, {9}}),
            (std::vector<float>{9, 9, 9, 9, 1, 2, 9, 9, 9, 9, 9, 9, 3, 4, 9, 9}));
}

LQ_INSTANTIATE_FLOAT_KERNEL_TEST(PadFloat);

TEST(PadFloatErrors, NegativePaddingAndWideValueNameTheOp) {
  {
    testing::OpBuilder b;
    const int x = b.input({2, 2});
    const int paddings = constant<int32_t>(b, {2, 2}, {0, 0, -1, 0});
    const int y = b.output({2, 1});
    b.op(BuiltinOperator::PAD, {x, paddings}, {y});
    expect_plan_error(b, {"op 0 (PAD)", "paddings of dimension 1 are (-1, 0)"});
  }
  {
    testing::OpBuilder b;
    const int x = b.input({2, 2});
    const int paddings = constant<int32_t>(b, {2, 2}, {0, 0, 1, 0});
    const int value = constant<float>(b, {2}, {1, 2});
    const int y = b.output({2, 3});
    b.op(BuiltinOperator::PADV2, {x, paddings, value}, {y});
    expect_plan_error(b, {"op 0 (PADV2)", "expected one element"});
  }
  {
    testing::OpBuilder b;
    const int x = b.input({2, 2});
    const int paddings = constant<int32_t>(b, {3, 2}, {0, 0, 1, 0, 0, 0});
    const int y = b.output({2, 3});
    b.op(BuiltinOperator::PAD, {x, paddings}, {y});
    expect_plan_error(b, {"op 0 (PAD)", "has shape 3x2, expected 2x2"});
  }
}

}  // namespace
}  // namespace lq
