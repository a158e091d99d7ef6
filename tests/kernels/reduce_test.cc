// MEAN, SUM, REDUCE_MAX, REDUCE_MIN and REDUCE_PROD, float.
#include <limits>

#include "kernels/float_kernel_test.h"

namespace lq {
namespace {

using testing::constant;
using testing::expect_all_near;
using testing::expect_plan_error;
using tflite::BuiltinOperator;

tflite::ReducerOptionsT keep(bool keep_dims) {
  tflite::ReducerOptionsT o;
  o.keep_dims = keep_dims;
  return o;
}

using ReduceFloat = testing::FloatKernelTest;

TEST_P(ReduceFloat, MeanOverHeightAndWidthKeepingDims) {
  // Channel 0 = 1 2 3 4 -> 2.5; channel 1 = 10 20 30 60 -> 30.
  testing::OpBuilder b;
  const int x = b.input({1, 2, 2, 2});
  const int axes = constant<int32_t>(b, {2}, {1, 2});
  const int y = b.output({1, 1, 1, 2});
  b.op(BuiltinOperator::MEAN, {x, axes}, {y}, keep(true));
  expect_all_near(run(b, {{1, 10, 2, 20, 3, 30, 4, 60}}), {2.5f, 30});
  EXPECT_EQ(b.last_output_shape(), (Shape{1, 1, 1, 2}));
}

TEST_P(ReduceFloat, MeanOverEverythingGivesAScalar) {
  testing::OpBuilder b;
  const int x = b.input({2, 3});
  const int axes = constant<int32_t>(b, {2}, {0, -1});
  const int y = b.output({});
  b.op(BuiltinOperator::MEAN, {x, axes}, {y}, keep(false));
  expect_all_near(run(b, {{1, 2, 3, 4, 5, 9}}), {4});
  EXPECT_EQ(b.last_output_shape(), (Shape{}));
}

TEST_P(ReduceFloat, MeanOfTheMiddleAxisOfRank3) {
  // [2, 3, 2]: mean over axis 1 of (1 3 5), (2 4 6), (10 20 60), (0 0 3).
  testing::OpBuilder b;
  const int x = b.input({2, 3, 2});
  const int axes = constant<int32_t>(b, {1}, {1});
  const int y = b.output({2, 2});
  b.op(BuiltinOperator::MEAN, {x, axes}, {y}, keep(false));
  expect_all_near(run(b, {{1, 2, 3, 4, 5, 6, 10, 0, 20, 0, 60, 3}}), {3, 4, 30, 1});
  EXPECT_EQ(b.last_output_shape(), (Shape{2, 2}));
}

TEST_P(ReduceFloat, SumOfLastAxisWithDuplicateAxes) {
  testing::OpBuilder b;
  const int x = b.input({2, 3});
  const int axes = constant<int32_t>(b, {2}, {1, -1});  // the same axis twice counts once
  const int y = b.output({2});
  b.op(BuiltinOperator::SUM, {x, axes}, {y}, keep(false));
  EXPECT_EQ(run(b, {{1, 2, 3, 4, 5, 6}}), (std::vector<float>{6, 15}));
  EXPECT_EQ(b.last_output_shape(), (Shape{2}));
}

TEST_P(ReduceFloat, SumOfFirstAxisWithInt64AxesKeepingDims) {
  testing::OpBuilder b;
  const int x = b.input({3, 2});
  const int axes = constant<int64_t>(b, {1}, {0});
  const int y = b.output({1, 2});
  b.op(BuiltinOperator::SUM, {x, axes}, {y}, keep(true));
  EXPECT_EQ(run(b, {{1, 10, 2, 20, 3, 30}}), (std::vector<float>{6, 60}));
  EXPECT_EQ(b.last_output_shape(), (Shape{1, 2}));
}

TEST_P(ReduceFloat, MaxOfAllNegativeColumns) {
  testing::OpBuilder b;
  const int x = b.input({3, 2});
  const int axes = constant<int32_t>(b, {1}, {0});
  const int y = b.output({1, 2});
  b.op(BuiltinOperator::REDUCE_MAX, {x, axes}, {y}, keep(true));
  EXPECT_EQ(run(b, {{-5, 1, -2, 7, -9, 3}}), (std::vector<float>{-2, 7}));
  EXPECT_EQ(b.last_output_shape(), (Shape{1, 2}));
}

TEST_P(ReduceFloat, MaxOverTwoOfThreeAxes) {
  testing::OpBuilder b;
  const int x = b.input({2, 2, 2});
  const int axes = constant<int32_t>(b, {2}, {2, 0});
  const int y = b.output({2});
  b.op(BuiltinOperator::REDUCE_MAX, {x, axes}, {y}, keep(false));
  // out[j] = max over i, k of x[i][j][k]: j = 0 reads 1 8 -3 0; j = 1 reads 2 -1 4 -6.
  EXPECT_EQ(run(b, {{1, 8, 2, -1, -3, 0, 4, -6}}), (std::vector<float>{8, 4}));
}

TEST_P(ReduceFloat, MinOfColumnsAndOfAnEmptyAxis) {
  testing::OpBuilder b;
  const int x = b.input({3, 2});
  const int axes = constant<int32_t>(b, {1}, {0});
  const int y = b.output({2});
  b.op(BuiltinOperator::REDUCE_MIN, {x, axes}, {y}, keep(false));
  EXPECT_EQ(run(b, {{-5, 1, -2, 7, -9, 3}}), (std::vector<float>{-9, 1}));
  EXPECT_EQ(b.last_output_shape(), (Shape{2}));

  testing::OpBuilder e;  // nothing to reduce gives the largest float, as in TFLite
  const int p = e.input({0, 2});
  const int ax = constant<int32_t>(e, {1}, {0});
  const int q = e.output({1, 2});
  e.op(BuiltinOperator::REDUCE_MIN, {p, ax}, {q}, keep(true));
  EXPECT_EQ(run(e, {{}}), (std::vector<float>(2, std::numeric_limits<float>::max())));
}

TEST_P(ReduceFloat, ProdOfRowsKeepingDims) {
  testing::OpBuilder b;
  const int x = b.input({2, 3});
  const int axes = constant<int32_t>(b, {1}, {-1});
  const int y = b.output({2, 1});
  b.op(BuiltinOperator::REDUCE_PROD, {x, axes}, {y}, keep(true));
  EXPECT_EQ(run(b, {{1, 2, 3, -0.5f, 4, 2}}), (std::vector<float>{6, -4}));
  EXPECT_EQ(b.last_output_shape(), (Shape{2, 1}));
}

LQ_INSTANTIATE_FLOAT_KERNEL_TEST(ReduceFloat);

TEST(ReduceFloatErrors, AxisOutOfRangeOrNotConstantNamesTheOp) {
  {
    testing::OpBuilder b;
    const int x = b.input({2, 3});
    const int axes = constant<int32_t>(b, {1}, {2});
    const int y = b.output({2});
    b.op(BuiltinOperator::MEAN, {x, axes}, {y}, keep(false));
    expect_plan_error(b, {"op 0 (MEAN)", "axis 2 is out of range for rank 2"});
  }
  {
    testing::OpBuilder b;
    const int x = b.input({2, 3});
    const int axes = b.input({1}, ElementType::kInt32);
    const int y = b.output({2});
    b.op(BuiltinOperator::SUM, {x, axes}, {y}, keep(false));
    expect_plan_error(b, {"op 0 (SUM)", "must be constant"});
  }
  {
    testing::OpBuilder b;
    const int x = b.input({2, 3}, ElementType::kFloat32);
    const int axes = constant<int32_t>(b, {1}, {0});
    const int y = b.output({3}, ElementType::kInt32);
    b.op(BuiltinOperator::REDUCE_MAX, {x, axes}, {y}, keep(false));
    expect_plan_error(b, {"op 0 (REDUCE_MAX)", "is int32, expected float32"});
  }
}

}  // namespace
}  // namespace lq
