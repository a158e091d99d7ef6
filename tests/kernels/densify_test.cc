// DENSIFY: CSR and block-sparse constants to dense tensors.
#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using tflite::BuiltinOperator;

ir::DimensionMetadata dense_dim(int32_t size) {
  ir::DimensionMetadata dim;
  dim.dense_size = size;
  return dim;
}

ir::DimensionMetadata csr_dim(std::vector<int32_t> segments, std::vector<int32_t> indices) {
  ir::DimensionMetadata dim;
  dim.sparse_csr = true;
  dim.segments = {tflite::SparseIndexVector::Int32Vector, std::move(segments)};
  dim.indices = {tflite::SparseIndexVector::Int32Vector, std::move(indices)};
  return dim;
}

class DensifyTest : public testing::KernelTest {
 protected:
  // A DENSIFY of a sparse constant of `shape` storing `values`.
  template <class T>
  OpRun densify(testing::OpBuilder& b, const Shape& shape, const std::vector<T>& values,
                ir::Sparsity sparsity) {
    const int in = b.constant<T>(shape, values);
    b.at(in).sparsity = std::move(sparsity);
    const int out = b.output(shape, element_type_of<T>());
    b.op(BuiltinOperator::DENSIFY, {in}, {out});
    return OpRun(b, options());
  }
};

TEST_P(DensifyTest, Csr2D) {
  // [[1, 0, 0, 2],
  //  [0, 0, 0, 0],
  //  [0, 3, 4, 0]]: rows dense, columns CSR.
  ir::Sparsity sparsity;
  sparsity.traversal_order = {0, 1};
  sparsity.dim_metadata = {dense_dim(3), csr_dim({0, 2, 2, 4}, {0, 3, 1, 2})};
  testing::OpBuilder b;
  OpRun run = densify<float>(b, {3, 4}, {1, 2, 3, 4}, sparsity);
  run.invoke();
  EXPECT_EQ(run.shape(), (Shape{3, 4}));
  EXPECT_EQ(run.out<float>(), (std::vector<float>{1, 0, 0, 2, 0, 0, 0, 0, 0, 3, 4, 0}));
}

TEST_P(DensifyTest, ColumnMajorTraversalOfInt8) {
  // The same matrix stored column by column: traversal order [1, 0], columns dense, rows CSR.
  ir::Sparsity sparsity;
  sparsity.traversal_order = {1, 0};
  sparsity.dim_metadata = {dense_dim(4), csr_dim({0, 1, 2, 3, 4}, {0, 2, 2, 0})};
  testing::OpBuilder b;
  OpRun run = densify<int8_t>(b, {3, 4}, {1, 3, 4, 2}, sparsity);
  run.invoke();
  EXPECT_EQ(run.out<int8_t>(), (std::vector<int8_t>{1, 0, 0, 2, 0, 0, 0, 0, 0, 3, 4, 0}));
}

// A [4, 4] matrix of 2x2 blocks; only blocks (0, 1) and (1, 0) are stored:
//   [[0, 0, 1, 2],
//    [0, 0, 3, 4],
//    [5, 6, 0, 0],
//    [7, 8, 0, 0]]
const std::vector<float> kBlockDense{0, 0, 1, 2, 0, 0, 3, 4, 5, 6, 0, 0, 7, 8, 0, 0};

TEST_P(DensifyTest, BlockSparseRowMajorBlocks) {
  // Traversal: block row (dense, 2), block column (CSR), then within a block row r, column c.
  ir::Sparsity sparsity;
  sparsity.traversal_order = {0, 1, 2, 3};
  sparsity.block_map = {0, 1};
  sparsity.dim_metadata = {dense_dim(2), csr_dim({0, 1, 2}, {1, 0}), dense_dim(2), dense_dim(2)};
  testing::OpBuilder b;
  OpRun run = densify<float>(b, {4, 4}, {1, 2, 3, 4, 5, 6, 7, 8}, sparsity);
  run.invoke();
  EXPECT_EQ(run.out<float>(), kBlockDense);
}

TEST_P(DensifyTest, BlockSparseColumnMajorWithinBlocks) {
  // Traversal order [0, 1, 3, 2]: inside each block the values run down the columns.
  ir::Sparsity sparsity;
  sparsity.traversal_order = {0, 1, 3, 2};
  sparsity.block_map = {0, 1};
  sparsity.dim_metadata = {dense_dim(2), csr_dim({0, 1, 2}, {1, 0}), dense_dim(2), dense_dim(2)};
  testing::OpBuilder b;
  OpRun run = densify<float>(b, {4, 4}, {1, 3, 2, 4, 5, 7, 6, 8}, sparsity);
  run.invoke();
  EXPECT_EQ(run.out<float>(), kBlockDense);
}

TEST_P(DensifyTest, MissingOrInconsistentSparsityNamesTheOp) {
  {
    testing::OpBuilder b;
    const int in = b.constant<float>({2}, {1, 2});
    const int out = b.output({2});
    b.op(BuiltinOperator::DENSIFY, {in}, {out});
    testing::expect_error(b, {"op 0 (DENSIFY)", "has no sparsity parameters"}, options());
  }
  {
    // Three stored values, but the segments describe four.
    ir::Sparsity sparsity;
    sparsity.traversal_order = {0, 1};
    sparsity.dim_metadata = {dense_dim(3), csr_dim({0, 2, 2, 4}, {0, 3, 1, 2})};
    testing::OpBuilder b;
    const int in = b.constant<float>({3, 4}, {1, 2, 3});
    b.at(in).sparsity = sparsity;
    const int out = b.output({3, 4});
    b.op(BuiltinOperator::DENSIFY, {in}, {out});
    testing::expect_error(b, {"op 0 (DENSIFY)", "sparse input 't0'", "describes 4 values"},
                          options());
  }
}

LQ_INSTANTIATE_KERNEL_TEST(DensifyTest);

}  // namespace
}  // namespace lq
