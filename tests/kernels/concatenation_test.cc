#include "kernels/float_kernel_test.h"
#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::constant;
using testing::expect_plan_error;
using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;

tflite::ConcatenationOptionsT concat(int axis,
                                     ActivationFunctionType activation = ActivationFunctionType::NONE) {
  tflite::ConcatenationOptionsT o;
  o.axis = axis;
  o.fused_activation_function = activation;
  return o;
}

using ConcatenationFloat = testing::FloatKernelTest;

TEST_P(ConcatenationFloat, LastAxisGivenAsMinusOne) {
  testing::OpBuilder b;
  const int a = b.input({2, 2});
  const int c = b.input({2, 1});
  const int d = constant<float>(b, {2, 3}, {7, 8, 9, 10, 11, 12});
  const int y = b.output({2, 6});
  b.op(BuiltinOperator::CONCATENATION, {a, c, d}, {y}, concat(-1));
  EXPECT_EQ(run(b, {{1, 2, 3, 4}, {5, 6}}),
            (std::vector<float>{1, 2, 5, 7, 8, 9, 3, 4, 6, 10, 11, 12}));
  EXPECT_EQ(b.last_output_shape(), (Shape{2, 6}));
}

TEST_P(ConcatenationFloat, FirstAxisWithRelu6) {
  testing::OpBuilder b;
  const int a = b.input({1, 2});
  const int c = b.input({2, 2});
  const int y = b.output({3, 2});
  b.op(BuiltinOperator::CONCATENATION, {a, c}, {y}, concat(0, ActivationFunctionType::RELU6));
  EXPECT_EQ(run(b, {{-1, 7}, {1, 2, 3, 10}}), (std::vector<float>{0, 6, 1, 2, 3, 6}));
}

TEST_P(ConcatenationFloat, MiddleAxisOfRank3) {
  // [2, 1, 2] and [2, 2, 2] along axis 1: each outer block takes one row of a, then two of c.
  testing::OpBuilder b;
  const int a = b.input({2, 1, 2});
  const int c = b.input({2, 2, 2});
  const int y = b.output({2, 3, 2});
  b.op(BuiltinOperator::CONCATENATION, {a, c}, {y}, concat(1));
  EXPECT_EQ(run(b, {{1, 2, 3, 4}, {10, 11, 12, 13, 14, 15, 16, 17}}),
            (std::vector<float>{1, 2, 10, 11, 12, 13, 3, 4, 14, 15, 16, 17}));
}

LQ_INSTANTIATE_FLOAT_KERNEL_TEST(ConcatenationFloat);

TEST(ConcatenationFloatErrors, MismatchedShapesAndBadAxisNameTheOp) {
  {
    testing::OpBuilder b;
    const int a = b.input({2, 2});
    const int c = b.input({3, 1});
    const int y = b.output({2, 3});
    b.op(BuiltinOperator::CONCATENATION, {a, c}, {y}, concat(1));
    expect_plan_error(b, {"op 0 (CONCATENATION)", "input 1", "has shape 3x1",
                          "does not match input 0"});
  }
  {
    testing::OpBuilder b;
    const int a = b.input({2, 2});
    const int y = b.output({2, 2});
    b.op(BuiltinOperator::CONCATENATION, {a}, {y}, concat(2));
    expect_plan_error(b, {"op 0 (CONCATENATION)", "axis 2 is out of range for rank 2"});
  }
}

TEST(ConcatenationCopies, Int64ShapesAndInt8RowsAreCopiedAsBytes) {
  {
    testing::OpBuilder b;  // ONNX shape arithmetic: Shape -> Concat -> Reshape
    const int a = b.constant<int64_t>({2}, {1, -1});
    const int c = b.input({1}, ElementType::kInt64);
    const int y = b.output({3}, ElementType::kInt64);
    b.op(BuiltinOperator::CONCATENATION, {a, c}, {y}, concat(0));
    testing::OpRun run(b);
    run.in(0, std::vector<int64_t>{7}).invoke();
    EXPECT_EQ(run.out<int64_t>(), (std::vector<int64_t>{1, -1, 7}));
  }
  testing::OpBuilder b;
  const int a = b.input({2, 1}, ElementType::kInt8);
  const int c = b.input({2, 2}, ElementType::kInt8);
  const int y = b.output({2, 3}, ElementType::kInt8);
  b.op(BuiltinOperator::CONCATENATION, {a, c}, {y}, concat(-1));
  testing::OpRun run(b);
  run.in(0, std::vector<int8_t>{1, 2}).in(1, std::vector<int8_t>{-3, -4, -5, -6}).invoke();
  EXPECT_EQ(run.out<int8_t>(), (std::vector<int8_t>{1, -3, -4, 2, -5, -6}));
}

TEST(ConcatenationCopies, MixedTypesOrAFusedActivationOnIntegersNameTheOp) {
  {
    testing::OpBuilder b;
    const int a = b.input({2}, ElementType::kInt32);
    const int c = b.input({2});
    const int y = b.output({4}, ElementType::kInt32);
    b.op(BuiltinOperator::CONCATENATION, {a, c}, {y}, concat(0));
    expect_plan_error(b, {"op 0 (CONCATENATION)", "float32, expected int32"});
  }
  testing::OpBuilder b;
  const int a = b.input({2}, ElementType::kInt32);
  const int y = b.output({2}, ElementType::kInt32);
  b.op(BuiltinOperator::CONCATENATION, {a}, {y}, concat(0, ActivationFunctionType::RELU));
  expect_plan_error(b, {"op 0 (CONCATENATION)", "int32, expected float32"});
}

}  // namespace
}  // namespace lq
