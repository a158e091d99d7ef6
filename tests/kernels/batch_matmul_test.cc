#include "kernels/float_kernel_test.h"

namespace lq {
namespace {

using testing::constant;
using testing::expect_plan_error;
using tflite::BuiltinOperator;

tflite::BatchMatMulOptionsT adj(bool adj_x, bool adj_y) {
  tflite::BatchMatMulOptionsT o;
  o.adj_x = adj_x;
  o.adj_y = adj_y;
  return o;
}

using BatchMatMulFloat = testing::FloatKernelTest;

// (1 2 3; 4 5 6) x (7 8; 9 10; 11 12) = (58 64; 139 154), with each operand given as stored or
// transposed.
TEST_P(BatchMatMulFloat, AdjointsTransposeTheStoredOperands) {
  const std::vector<float> lhs = {1, 2, 3, 4, 5, 6}, lhs_t = {1, 4, 2, 5, 3, 6};
  const std::vector<float> rhs = {7, 8, 9, 10, 11, 12}, rhs_t = {7, 9, 11, 8, 10, 12};
  for (bool adj_x : {false, true}) {
    for (bool adj_y : {false, true}) {
      testing::OpBuilder b;
      const int x = b.input(adj_x ? Shape{3, 2} : Shape{2, 3});
      const int y = b.input(adj_y ? Shape{2, 3} : Shape{3, 2});
      const int z = b.output({2, 2});
      b.op(BuiltinOperator::BATCH_MATMUL, {x, y}, {z}, adj(adj_x, adj_y));
      EXPECT_EQ(run(b, {adj_x ? lhs_t : lhs, adj_y ? rhs_t : rhs}),
                (std::vector<float>{58, 64, 139, 154}))
          << "adj_x " << adj_x << " adj_y " << adj_y;
      EXPECT_EQ(b.last_output_shape(), (Shape{2, 2}));
    }
  }
}

TEST_P(BatchMatMulFloat, BroadcastsBatchDimensionsOfDifferentRanks) {
  // lhs [2, 1, 2, 2] holds I and 2I; rhs [3, 2, 2] holds R0, R1, R2; out[i][j] = (i + 1) * Rj.
  testing::OpBuilder b;
  const int x = b.input({2, 1, 2, 2});
  const int y = b.input({3, 2, 2});
  const int z = b.output({2, 3, 2, 2});
  b.op(BuiltinOperator::BATCH_MATMUL, {x, y}, {z}, adj(false, false));
  const std::vector<float> r = {1, 2, 3, 4, -1, 0, 0.5f, 2, 0, 7, -3, 1};
  std::vector<float> expected;
  for (float scale : {1.0f, 2.0f})
    for (float v : r) expected.push_back(scale * v);
  EXPECT_EQ(run(b, {{1, 0, 0, 1, 2, 0, 0, 2}, r}), expected);
  EXPECT_EQ(b.last_output_shape(), (Shape{2, 3, 2, 2}));
}

TEST_P(BatchMatMulFloat, BroadcastsRhsOverLhsBatchWithAdjY) {
  // lhs [2, 1, 3] rows (1 2 3) and (0 1 0); rhs [1, 2, 3] with adj_y is the 3x2 matrix whose
  // columns are (1 1 1) and (1 0 -1).
  testing::OpBuilder b;
  const int x = b.input({2, 1, 3});
  const int y = constant<float>(b, {1, 2, 3}, {1, 1, 1, 1, 0, -1});
  const int z = b.output({2, 1, 2});
  b.op(BuiltinOperator::BATCH_MATMUL, {x, y}, {z}, adj(false, true));
  EXPECT_EQ(run(b, {{1, 2, 3, 0, 1, 0}}), (std::vector<float>{6, -2, 1, 0}));
}

LQ_INSTANTIATE_FLOAT_KERNEL_TEST(BatchMatMulFloat);

TEST(BatchMatMulFloatErrors, ContractionOrBatchMismatchNamesTheOp) {
  {
    testing::OpBuilder b;
    const int x = b.input({2, 3});
    const int y = b.input({2, 2});
    const int z = b.output({2, 2});
    b.op(BuiltinOperator::BATCH_MATMUL, {x, y}, {z}, adj(false, false));
    expect_plan_error(b, {"op 0 (BATCH_MATMUL)", "different contraction sizes 3 and 2"});
  }
  {
    testing::OpBuilder b;
    const int x = b.input({2, 2, 2});
    const int y = b.input({3, 2, 2});
    const int z = b.output({3, 2, 2});
    b.op(BuiltinOperator::BATCH_MATMUL, {x, y}, {z}, adj(false, false));
    expect_plan_error(b, {"op 0 (BATCH_MATMUL)", "cannot be broadcast"});
  }
}

}  // namespace
}  // namespace lq
