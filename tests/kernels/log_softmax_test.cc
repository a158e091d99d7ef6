// LOG_SOFTMAX: float32, over the last axis.
#include <cmath>

#include "kernels/float_kernel_test.h"

namespace lq {
namespace {

using testing::expect_all_near;
using testing::expect_plan_error;
using tflite::BuiltinOperator;

using LogSoftmaxFloat = testing::FloatKernelTest;

TEST_P(LogSoftmaxFloat, RowsOfTheLastAxis) {
  // (1 2 3): x - 3 - log(e^-2 + e^-1 + 1) = x - 3.40760596; a constant row is log(1/3) throughout.
  testing::OpBuilder b;
  const int x = b.input({2, 3});
  b.op(BuiltinOperator::LOG_SOFTMAX, {x}, {b.output({2, 3})}, tflite::LogSoftmaxOptionsT{});
  const float third = std::log(1.0f / 3);
  expect_all_near(run(b, {{1, 2, 3, -1, -1, -1}}),
                  {-2.40760596f, -1.40760596f, -0.40760596f, third, third, third});
}

TEST_P(LogSoftmaxFloat, OnlyTheLastAxisIsNormalized) {
  // [2, 1, 2]: each pair is its own row, whatever the values of the other.
  testing::OpBuilder b;
  const int x = b.input({2, 1, 2});
  b.op(BuiltinOperator::LOG_SOFTMAX, {x}, {b.output({2, 1, 2})});
  const float half = std::log(0.5f);
  expect_all_near(run(b, {{0, 0, 50, 50}}), {half, half, half, half});
}

TEST_P(LogSoftmaxFloat, LargeInputsStayFinite) {
  // softmax(1000, 0) is (1, e^-1000): e^-1000 underflows to 0, but its log is still -1000.
  testing::OpBuilder b;
  const int x = b.input({1, 2});
  b.op(BuiltinOperator::LOG_SOFTMAX, {x}, {b.output({1, 2})});
  expect_all_near(run(b, {{1000, 0}}), {0.0f, -1000.0f});
}

LQ_INSTANTIATE_FLOAT_KERNEL_TEST(LogSoftmaxFloat);

TEST(LogSoftmaxFloatErrors, ScalarInputNamesTheOp) {
  testing::OpBuilder b;
  const int x = b.input({});
  b.op(BuiltinOperator::LOG_SOFTMAX, {x}, {b.output({})});
  expect_plan_error(b, {"op 0 (LOG_SOFTMAX)", "is a scalar"});
}

TEST(LogSoftmaxFloatErrors, IntegerInputHasNoKernel) {
  testing::OpBuilder b;
  const int x = b.input({2}, ElementType::kInt32);
  b.op(BuiltinOperator::LOG_SOFTMAX, {x}, {b.output({2}, ElementType::kInt32)});
  expect_plan_error(b, {"LOG_SOFTMAX", "int32"});
}

}  // namespace
}  // namespace lq
