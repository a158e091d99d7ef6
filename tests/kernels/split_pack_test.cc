// SPLIT, SPLIT_V, PACK, UNPACK.
#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using tflite::BuiltinOperator;
using V = std::vector<float>;

std::vector<float> iota(int n) {
  std::vector<float> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = static_cast<float>(i);
  return v;
}

class SplitPackTest : public testing::KernelTest {};

TEST_P(SplitPackTest, SplitAlongAxis1) {
  // [2, 4] = [[0, 1, 2, 3], [4, 5, 6, 7]] into two [2, 2] halves.
  testing::OpBuilder b;
  const int axis = b.constant<int32_t>({}, {1});
  const int x = b.input({2, 4});
  const int y0 = b.output({2, 2});
  const int y1 = b.output({2, 2});
  tflite::SplitOptionsT options;
  options.num_splits = 2;
  b.op(BuiltinOperator::SPLIT, {axis, x}, {y0, y1}, options);
  OpRun run(b, this->options());
  run.in(0, iota(8)).invoke();
  EXPECT_EQ(run.shape(0), (Shape{2, 2}));
  EXPECT_EQ(run.shape(1), (Shape{2, 2}));
  EXPECT_EQ(run.out<float>(0), (V{0, 1, 4, 5}));
  EXPECT_EQ(run.out<float>(1), (V{2, 3, 6, 7}));
}

TEST_P(SplitPackTest, SplitNegativeAxisInt8IntoThree) {
  testing::OpBuilder b;
  const int axis = b.constant<int32_t>({1}, {-2});
  const int x = b.input({3, 2}, ElementType::kInt8);
  std::vector<int32_t> outputs;
  for (int i = 0; i < 3; ++i) outputs.push_back(b.output({1, 2}, ElementType::kInt8));
  tflite::SplitOptionsT options;
  options.num_splits = 3;
  b.op(BuiltinOperator::SPLIT, {axis, x}, outputs, options);
  OpRun run(b, this->options());
  run.in(0, std::vector<int8_t>{1, 2, 3, 4, 5, 6}).invoke();
  EXPECT_EQ(run.out<int8_t>(0), (std::vector<int8_t>{1, 2}));
  EXPECT_EQ(run.out<int8_t>(1), (std::vector<int8_t>{3, 4}));
  EXPECT_EQ(run.out<int8_t>(2), (std::vector<int8_t>{5, 6}));
}

TEST_P(SplitPackTest, SplitUnevenNamesTheOp) {
  testing::OpBuilder b;
  const int axis = b.constant<int32_t>({}, {1});
  const int x = b.input({2, 5});
  const int y0 = b.output({2, 2});
  const int y1 = b.output({2, 2});
  tflite::SplitOptionsT options;
  options.num_splits = 2;
  b.op(BuiltinOperator::SPLIT, {axis, x}, {y0, y1}, options);
  testing::expect_error(b, {"op 0 (SPLIT)", "cannot be split into 2 equal pieces"},
                        this->options());
}

TEST_P(SplitPackTest, SplitVWithMinusOne) {
  // [2, 5] along axis 1 into sizes [1, -1, 2] = [1, 2, 2].
  testing::OpBuilder b;
  const int x = b.input({2, 5});
  const int sizes = b.constant<int32_t>({3}, {1, -1, 2});
  const int axis = b.constant<int32_t>({}, {1});
  const int y0 = b.output({2, 1});
  const int y1 = b.output({2, 2});
  const int y2 = b.output({2, 2});
  tflite::SplitVOptionsT options;
  options.num_splits = 3;
  b.op(BuiltinOperator::SPLIT_V, {x, sizes, axis}, {y0, y1, y2}, options);
  OpRun run(b, this->options());
  run.in(0, iota(10)).invoke();
  EXPECT_EQ(run.shape(0), (Shape{2, 1}));
  EXPECT_EQ(run.shape(1), (Shape{2, 2}));
  EXPECT_EQ(run.out<float>(0), (V{0, 5}));
  EXPECT_EQ(run.out<float>(1), (V{1, 2, 6, 7}));
  EXPECT_EQ(run.out<float>(2), (V{3, 4, 8, 9}));
}

TEST_P(SplitPackTest, SplitVSizesMustAddUp) {
  testing::OpBuilder b;
  const int x = b.input({4});
  const int sizes = b.constant<int32_t>({2}, {1, 2});
  const int axis = b.constant<int32_t>({}, {0});
  const int y0 = b.output({1});
  const int y1 = b.output({2});
  b.op(BuiltinOperator::SPLIT_V, {x, sizes, axis}, {y0, y1});
  testing::expect_error(b, {"op 0 (SPLIT_V)", "split sizes add up to 3"}, options());
}

TEST_P(SplitPackTest, PackAlongEachAxis) {
  // Two [2, 2] inputs a = 0..3 and b = 10..13.
  const std::vector<std::pair<int, Shape>> cases{{0, {2, 2, 2}}, {1, {2, 2, 2}}, {-1, {2, 2, 2}}};
  const std::vector<V> expected{
      {0, 1, 2, 3, 10, 11, 12, 13},  // axis 0: [a, b]
      {0, 1, 10, 11, 2, 3, 12, 13},  // axis 1: rows interleaved
      {0, 10, 1, 11, 2, 12, 3, 13},  // axis 2 (-1): elements interleaved
  };
  for (size_t c = 0; c < cases.size(); ++c) {
    testing::OpBuilder b;
    const int x0 = b.input({2, 2});
    const int x1 = b.input({2, 2});
    const int y = b.output({8});
    tflite::PackOptionsT options;
    options.values_count = 2;
    options.axis = cases[c].first;
    b.op(BuiltinOperator::PACK, {x0, x1}, {y}, options);
    OpRun run(b, this->options());
    run.in(0, V{0, 1, 2, 3}).in(1, V{10, 11, 12, 13}).invoke();
    EXPECT_EQ(run.shape(), cases[c].second);
    EXPECT_EQ(run.out<float>(), expected[c]) << "axis " << cases[c].first;
  }
}

TEST_P(SplitPackTest, PackMismatchedShapesNamesTheOp) {
  testing::OpBuilder b;
  const int x0 = b.input({2});
  const int x1 = b.input({3});
  const int y = b.output({2, 2});
  tflite::PackOptionsT options;
  options.values_count = 2;
  b.op(BuiltinOperator::PACK, {x0, x1}, {y}, options);
  testing::expect_error(b, {"op 0 (PACK)", "has shape 3, expected 2"}, this->options());
}

TEST_P(SplitPackTest, UnpackAlongAxis1) {
  // [2, 3] = [[0, 1, 2], [3, 4, 5]] into three [2] columns.
  testing::OpBuilder b;
  const int x = b.input({2, 3}, ElementType::kInt32);
  std::vector<int32_t> outputs;
  for (int i = 0; i < 3; ++i) outputs.push_back(b.output({2}, ElementType::kInt32));
  tflite::UnpackOptionsT options;
  options.num = 3;
  options.axis = 1;
  b.op(BuiltinOperator::UNPACK, {x}, outputs, options);
  OpRun run(b, this->options());
  run.in(0, std::vector<int32_t>{0, 1, 2, 3, 4, 5}).invoke();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(run.shape(i), (Shape{2}));
    EXPECT_EQ(run.out<int32_t>(i), (std::vector<int32_t>{i, i + 3}));
  }
}

TEST_P(SplitPackTest, UnpackWrongNumNamesTheOp) {
  testing::OpBuilder b;
  const int x = b.input({2, 3});
  const int y0 = b.output({3});
  const int y1 = b.output({3});
  tflite::UnpackOptionsT options;
  options.num = 3;
  b.op(BuiltinOperator::UNPACK, {x}, {y0, y1}, options);
  testing::expect_error(b, {"op 0 (UNPACK)", "num is 3"}, this->options());
}

LQ_INSTANTIATE_KERNEL_TEST(SplitPackTest);

}  // namespace
}  // namespace lq
