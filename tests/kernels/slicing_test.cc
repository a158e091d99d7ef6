// STRIDED_SLICE, SLICE, TRANSPOSE, TILE, GATHER.
#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using tflite::BuiltinOperator;

std::vector<float> iota(int n) {
  std::vector<float> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = static_cast<float>(i);
  return v;
}

int32_t count_of(const Shape& shape) { return static_cast<int32_t>(num_elements(shape)); }

// One STRIDED_SLICE on an input holding 0, 1, 2, ... in row-major order.
struct Slice {
  Shape input;
  std::vector<int32_t> begin, end, strides;
  int32_t begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0, shrink = 0;
  bool offset = false;
};

class SlicingTest : public testing::KernelTest {
 protected:
  testing::OpBuilder build(const Slice& s) {
    testing::OpBuilder b;
    const int x = b.input(s.input);
    const int n = static_cast<int32_t>(s.begin.size());
    const int begin = b.constant<int32_t>({n}, s.begin);
    const int end = b.constant<int32_t>({n}, s.end);
    const int strides = b.constant<int32_t>({n}, s.strides);
    const int y = b.output({1});
    tflite::StridedSliceOptionsT options;
    options.begin_mask = s.begin_mask;
    options.end_mask = s.end_mask;
    options.ellipsis_mask = s.ellipsis_mask;
    options.new_axis_mask = s.new_axis_mask;
    options.shrink_axis_mask = s.shrink;
    options.offset = s.offset;
    b.op(BuiltinOperator::STRIDED_SLICE, {x, begin, end, strides}, {y}, options);
    return b;
  }
  // Returns the output; checks its shape.
  std::vector<float> slice(const Slice& s, const Shape& expected_shape) {
    testing::OpBuilder b = build(s);
    OpRun run(b, options());
    run.in(0, iota(count_of(s.input))).invoke();
    EXPECT_EQ(run.shape(), expected_shape);
    return run.out<float>();
  }
};

using V = std::vector<float>;

TEST_P(SlicingTest, StridedSlice1DPositiveAndNegativeStrides) {
  const Shape x{8};
  EXPECT_EQ(slice({x, {1}, {6}, {2}}, {3}), (V{1, 3, 5}));
  EXPECT_EQ(slice({x, {6}, {1}, {-2}}, {3}), (V{6, 4, 2}));
  EXPECT_EQ(slice({x, {-3}, {-1}, {1}}, {2}), (V{5, 6}));         // negative indices
  EXPECT_EQ(slice({x, {-100}, {100}, {3}}, {3}), (V{0, 3, 6}));   // clamped to the dimension
  EXPECT_EQ(slice({x, {100}, {-100}, {-3}}, {3}), (V{7, 4, 1}));  // clamped, backwards
}

TEST_P(SlicingTest, StridedSliceBeginAndEndMasks) {
  const Shape x{8};
  // begin_mask with a negative stride starts at the last element.
  EXPECT_EQ(slice({x, {0}, {2}, {-3}, /*begin_mask=*/1}, {2}), (V{7, 4}));
  // end_mask with a negative stride runs through element 0.
  EXPECT_EQ(slice({x, {3}, {0}, {-1}, 0, /*end_mask=*/1}, {4}), (V{3, 2, 1, 0}));
  // Both masks and stride -1 reverse the tensor.
  EXPECT_EQ(slice({x, {0}, {0}, {-1}, 1, 1}, {8}), (V{7, 6, 5, 4, 3, 2, 1, 0}));
  // [3, 4] input, masks on dimension 1 with stride 2: every row, columns 0 and 2.
  EXPECT_EQ(slice({{3, 4}, {0, 9}, {3, 9}, {1, 2}, 2, 2}, {3, 2}), (V{0, 2, 4, 6, 8, 10}));
}

TEST_P(SlicingTest, StridedSliceShrinkAxis) {
  const Shape x{3, 4};
  EXPECT_EQ(slice({x, {1, 0}, {2, 4}, {1, 1}, 0, 0, 0, 0, /*shrink=*/1}, {4}), (V{4, 5, 6, 7}));
  // A negative shrunk index counts from the end; its end is ignored.
  EXPECT_EQ(slice({x, {-1, 1}, {0, 3}, {1, 1}, 0, 0, 0, 0, 1}, {2}), (V{9, 10}));
  // With a negative stride on the other dimension.
  EXPECT_EQ(slice({x, {0, 3}, {1, 0}, {1, -2}, 0, 0, 0, 0, 1}, {2}), (V{3, 1}));
  // Shrinking every dimension gives a scalar.
  EXPECT_EQ(slice({x, {2, 3}, {3, 4}, {1, 1}, 0, 0, 0, 0, 3}, {}), (V{11}));
}

TEST_P(SlicingTest, StridedSliceFewerSpecsThanDimensions) {
  EXPECT_EQ(slice({{3, 4}, {1}, {3}, {1}}, {2, 4}), (V{4, 5, 6, 7, 8, 9, 10, 11}));
}

TEST_P(SlicingTest, StridedSliceEllipsisAndNewAxis) {
  // x[..., 1:3] on [2, 3, 4]: element (i, j, k) is 12 i + 4 j + k.
  V expected;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 1; k < 3; ++k) expected.push_back(static_cast<float>(12 * i + 4 * j + k));
  EXPECT_EQ(slice({{2, 3, 4}, {0, 1}, {0, 3}, {1, 1}, 0, 0, /*ellipsis=*/1}, {2, 3, 2}), expected);
  // x[:, newaxis, 0] on [3, 4].
  EXPECT_EQ(slice({{3, 4}, {0, 0, 0}, {0, 0, 1}, {1, 1, 1}, 1, 1, 0, /*new_axis=*/2, 4}, {3, 1}),
            (V{0, 4, 8}));
  // x[newaxis, ..., 1] on [2, 3].
  EXPECT_EQ(slice({{2, 3}, {0, 0, 1}, {0, 0, 2}, {1, 1, 1}, 0, 0, 2, 1, 4}, {1, 2}), (V{1, 4}));
}

TEST_P(SlicingTest, StridedSliceOffsetTreatsEndAsSize) {
  Slice s{{3, 4}, {1, 1}, {2, 2}, {1, 1}};
  s.offset = true;
  EXPECT_EQ(slice(s, {2, 2}), (V{5, 6, 9, 10}));
}

TEST_P(SlicingTest, StridedSliceCopiesInt8) {
  testing::OpBuilder b;
  const int x = b.input({4}, ElementType::kInt8);
  const int begin = b.constant<int32_t>({1}, {0});
  const int end = b.constant<int32_t>({1}, {0});
  const int strides = b.constant<int32_t>({1}, {-1});
  const int y = b.output({4}, ElementType::kInt8);
  tflite::StridedSliceOptionsT options;
  options.begin_mask = options.end_mask = 1;
  b.op(BuiltinOperator::STRIDED_SLICE, {x, begin, end, strides}, {y}, options);
  OpRun run(b, this->options());
  run.in(0, std::vector<int8_t>{1, -2, 3, -4}).invoke();
  EXPECT_EQ(run.out<int8_t>(), (std::vector<int8_t>{-4, 3, -2, 1}));
}

TEST_P(SlicingTest, StridedSliceErrorsNameTheOp) {
  testing::OpBuilder shrink = build({{3, 4}, {3, 0}, {4, 4}, {1, 1}, 0, 0, 0, 0, 1});
  testing::expect_error(shrink, {"op 0 (STRIDED_SLICE)", "shrink_axis index 3 is out of range"},
                        options());
  testing::OpBuilder zero = build({{3}, {0}, {3}, {0}});
  testing::expect_error(zero, {"op 0 (STRIDED_SLICE)", "stride is 0"}, options());
}

TEST_P(SlicingTest, SliceWithSizeMinusOne) {
  testing::OpBuilder b;
  const int x = b.input({3, 4});
  const int begin = b.constant<int32_t>({2}, {1, 1});
  const int size = b.constant<int64_t>({2}, {2, -1});
  const int y = b.output({2, 3});
  b.op(BuiltinOperator::SLICE, {x, begin, size}, {y});
  OpRun run(b, options());
  run.in(0, iota(12)).invoke();
  EXPECT_EQ(run.shape(), (Shape{2, 3}));
  EXPECT_EQ(run.out<float>(), (V{5, 6, 7, 9, 10, 11}));
}

TEST_P(SlicingTest, SliceOutOfBoundsNamesTheOp) {
  testing::OpBuilder b;
  const int x = b.input({3, 4});
  const int begin = b.constant<int32_t>({2}, {2, 0});
  const int size = b.constant<int32_t>({2}, {2, 4});
  const int y = b.output({2, 4});
  b.op(BuiltinOperator::SLICE, {x, begin, size}, {y});
  testing::expect_error(b, {"op 0 (SLICE)", "does not fit"}, options());
}

TEST_P(SlicingTest, TransposeRank4) {
  // perm [2, 0, 3, 1]: out[a][b][c][d] = in[b][d][a][c] for in of shape [2, 3, 4, 5].
  testing::OpBuilder b;
  const int x = b.input({2, 3, 4, 5});
  const int perm = b.constant<int32_t>({4}, {2, 0, 3, 1});
  const int y = b.output({4, 2, 5, 3});
  b.op(BuiltinOperator::TRANSPOSE, {x, perm}, {y});
  OpRun run(b, options());
  run.in(0, iota(120)).invoke();
  EXPECT_EQ(run.shape(), (Shape{4, 2, 5, 3}));
  V expected;
  for (int a = 0; a < 4; ++a)
    for (int bb = 0; bb < 2; ++bb)
      for (int c = 0; c < 5; ++c)
        for (int d = 0; d < 3; ++d)
          expected.push_back(static_cast<float>(((bb * 3 + d) * 4 + a) * 5 + c));
  EXPECT_EQ(run.out<float>(), expected);
}

TEST_P(SlicingTest, TransposeInt16AndBadPerm) {
  testing::OpBuilder b;
  const int x = b.input({2, 3}, ElementType::kInt16);
  const int perm = b.constant<int64_t>({2}, {1, 0});
  const int y = b.output({3, 2}, ElementType::kInt16);
  b.op(BuiltinOperator::TRANSPOSE, {x, perm}, {y});
  OpRun run(b, options());
  run.in(0, std::vector<int16_t>{1, 2, 3, 4, 5, 6}).invoke();
  EXPECT_EQ(run.out<int16_t>(), (std::vector<int16_t>{1, 4, 2, 5, 3, 6}));

  testing::OpBuilder c;
  const int p = c.input({2, 3});
  const int bad = c.constant<int32_t>({2}, {1, 1});
  const int q = c.output({3, 2});
  c.op(BuiltinOperator::TRANSPOSE, {p, bad}, {q});
  testing::expect_error(c, {"op 0 (TRANSPOSE)", "repeats dimension 1"}, options());
}

TEST_P(SlicingTest, TileRepeatsEachDimension) {
  testing::OpBuilder b;
  const int x = b.input({2, 3});
  const int multiples = b.constant<int32_t>({2}, {2, 2});
  const int y = b.output({4, 6});
  b.op(BuiltinOperator::TILE, {x, multiples}, {y});
  OpRun run(b, options());
  run.in(0, iota(6)).invoke();
  EXPECT_EQ(run.shape(), (Shape{4, 6}));
  EXPECT_EQ(run.out<float>(), (V{0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5,  //
                                 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}));

  testing::OpBuilder c;
  const int p = c.input({2, 1}, ElementType::kInt32);
  const int m = c.constant<int64_t>({2}, {1, 3});
  const int q = c.output({2, 3}, ElementType::kInt32);
  c.op(BuiltinOperator::TILE, {p, m}, {q});
  OpRun ints(c, options());
  ints.in(0, std::vector<int32_t>{7, -8}).invoke();
  EXPECT_EQ(ints.out<int32_t>(), (std::vector<int32_t>{7, 7, 7, -8, -8, -8}));
}

TEST_P(SlicingTest, GatherAxis1) {
  // params [2, 3, 2] = 0..11; indices [2, 0] along axis 1 -> [2, 2, 2].
  testing::OpBuilder b;
  const int params = b.input({2, 3, 2});
  const int indices = b.constant<int32_t>({2}, {2, 0});
  const int y = b.output({2, 2, 2});
  tflite::GatherOptionsT options;
  options.axis = 1;
  b.op(BuiltinOperator::GATHER, {params, indices}, {y}, options);
  OpRun run(b, this->options());
  run.in(0, iota(12)).invoke();
  EXPECT_EQ(run.shape(), (Shape{2, 2, 2}));
  EXPECT_EQ(run.out<float>(), (V{4, 5, 0, 1, 10, 11, 6, 7}));
}

TEST_P(SlicingTest, GatherAxis0With2DInt64IndicesAndNegativeAxis) {
  testing::OpBuilder b;
  const int params = b.input({3, 2});
  const int indices = b.input({2, 2}, ElementType::kInt64);
  const int y = b.output({2, 2, 2});
  b.op(BuiltinOperator::GATHER, {params, indices}, {y});
  OpRun run(b, options());
  run.in(0, iota(6)).in(1, std::vector<int64_t>{2, 1, 0, 2}).invoke();
  EXPECT_EQ(run.shape(), (Shape{2, 2, 2}));
  EXPECT_EQ(run.out<float>(), (V{4, 5, 2, 3, 0, 1, 4, 5}));

  testing::OpBuilder c;
  const int p = c.input({2, 3}, ElementType::kUInt8);
  const int i = c.constant<int32_t>({}, {1});
  const int q = c.output({2}, ElementType::kUInt8);
  tflite::GatherOptionsT options;
  options.axis = -1;
  c.op(BuiltinOperator::GATHER, {p, i}, {q}, options);
  OpRun bytes(c, this->options());
  bytes.in(0, std::vector<uint8_t>{10, 11, 12, 13, 14, 15}).invoke();
  EXPECT_EQ(bytes.shape(), (Shape{2}));
  EXPECT_EQ(bytes.out<uint8_t>(), (std::vector<uint8_t>{11, 14}));
}

TEST_P(SlicingTest, GatherOutOfRangeIndexNamesTheOp) {
  testing::OpBuilder b;
  const int params = b.input({3, 2});
  const int indices = b.constant<int32_t>({2}, {0, 3});
  const int y = b.output({2, 2});
  b.op(BuiltinOperator::GATHER, {params, indices}, {y});
  testing::expect_error(b, {"op 0 (GATHER)", "index 3 at position 1", "out of range [0, 3)"},
                        options());

  testing::OpBuilder c;
  const int p = c.input({3, 2});
  const int negative = c.input({1}, ElementType::kInt32);
  const int q = c.output({1, 2});
  c.op(BuiltinOperator::GATHER, {p, negative}, {q});
  OpRun run(c, options());
  run.in(1, std::vector<int32_t>{-1});
  try {
    run.invoke();
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("op 0 (GATHER): index -1"), std::string::npos) << e.what();
  }
}

TEST_P(SlicingTest, GatherBatchDimsNamesTheOp) {
  testing::OpBuilder b;
  const int params = b.input({2, 3});
  const int indices = b.constant<int32_t>({2, 1}, {0, 1});
  const int y = b.output({2, 1});
  tflite::GatherOptionsT options;
  options.axis = 1;
  options.batch_dims = 1;
  b.op(BuiltinOperator::GATHER, {params, indices}, {y}, options);
  testing::expect_error(b, {"op 0 (GATHER)", "batch_dims 1 is not supported"}, this->options());
}

LQ_INSTANTIATE_KERNEL_TEST(SlicingTest);

}  // namespace
}  // namespace lq
