#include <cmath>

#include "kernels/float_kernel_test.h"

namespace lq {
namespace {

using testing::expect_all_near;
using testing::expect_plan_error;
using tflite::BuiltinOperator;

tflite::SoftmaxOptionsT beta(float value) {
  tflite::SoftmaxOptionsT o;
  o.beta = value;
  return o;
}

using SoftmaxFloat = testing::FloatKernelTest;

TEST_P(SoftmaxFloat, RowsOfTheLastAxis) {
  // (1 2 3): e^-2, e^-1, 1 over their sum 1.50321; a constant row is uniform.
  testing::OpBuilder b;
  const int x = b.input({2, 3});
  const int y = b.output({2, 3});
  b.op(BuiltinOperator::SOFTMAX, {x}, {y}, beta(1.0f));
  expect_all_near(run(b, {{1, 2, 3, -1, -1, -1}}),
                  {0.09003057f, 0.24472847f, 0.66524096f, 1.0f / 3, 1.0f / 3, 1.0f / 3});
}

TEST_P(SoftmaxFloat, BetaScalesTheInputs) {
  // beta 0.5 on (0 2) is softmax(0 1) = 1 / (1 + e), e / (1 + e); large inputs stay finite.
  testing::OpBuilder b;
  const int x = b.input({1, 2, 2});
  const int y = b.output({1, 2, 2});
  b.op(BuiltinOperator::SOFTMAX, {x}, {y}, beta(0.5f));
  const float e = std::exp(1.0f);
  expect_all_near(run(b, {{0, 2, 1000, 1002}}),
                  {1 / (1 + e), e / (1 + e), 1 / (1 + e), e / (1 + e)});
}

TEST_P(SoftmaxFloat, BetaZeroIsUniform) {
  testing::OpBuilder b;
  const int x = b.input({4});
  const int y = b.output({4});
  b.op(BuiltinOperator::SOFTMAX, {x}, {y}, beta(0.0f));
  expect_all_near(run(b, {{-3, 0, 5, 100}}), {0.25f, 0.25f, 0.25f, 0.25f});
}

LQ_INSTANTIATE_FLOAT_KERNEL_TEST(SoftmaxFloat);

TEST(SoftmaxFloatErrors, ScalarInputNamesTheOp) {
  testing::OpBuilder b;
  const int x = b.input({});
  const int y = b.output({});
  b.op(BuiltinOperator::SOFTMAX, {x}, {y}, beta(1.0f));
  expect_plan_error(b, {"op 0 (SOFTMAX)", "is a scalar"});
}

}  // namespace
}  // namespace lq
