// SPACE_TO_DEPTH on float and integer data (a copy), and its errors.
#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using tflite::BuiltinOperator;

tflite::SpaceToDepthOptionsT block(int size) {
  tflite::SpaceToDepthOptionsT o;
  o.block_size = size;
  return o;
}

class SpaceToDepthTest : public testing::KernelTest {};

TEST_P(SpaceToDepthTest, BlocksBecomeChannelsInRowMajorOrder) {
  // A 2x4 image of two channels: pixel (y, x) holds (10 * y + x, -(10 * y + x)). Output pixel
  // (0, bx) takes the block's pixels (0, 2bx), (0, 2bx + 1), (1, 2bx), (1, 2bx + 1), channels
  // inner.
  std::vector<float> in;
  for (float y = 0; y < 2; ++y)
    for (float x = 0; x < 4; ++x) in.insert(in.end(), {10 * y + x, -(10 * y + x)});
  testing::OpBuilder b;
  const int x = b.input({1, 2, 4, 2});
  const int y = b.output({1, 1, 2, 8});
  b.op(BuiltinOperator::SPACE_TO_DEPTH, {x}, {y}, block(2));
  OpRun run(b, options());
  run.in(0, in).invoke();
  EXPECT_EQ(run.shape(), (Shape{1, 1, 2, 8}));
  EXPECT_EQ(run.out<float>(), (std::vector<float>{0, -0, 1, -1, 10, -10, 11, -11,  //
                                                  2, -2, 3, -3, 12, -12, 13, -13}));
}

TEST_P(SpaceToDepthTest, Int8AcrossTwoBatches) {
  testing::OpBuilder b;
  const int x = b.input({2, 2, 2, 1}, ElementType::kInt8);
  const int y = b.output({2, 1, 1, 4}, ElementType::kInt8);
  b.op(BuiltinOperator::SPACE_TO_DEPTH, {x}, {y}, block(2));
  OpRun run(b, options());
  run.in(0, std::vector<int8_t>{1, 2, 3, 4, -1, -2, -3, -4}).invoke();
  EXPECT_EQ(run.shape(), (Shape{2, 1, 1, 4}));
  EXPECT_EQ(run.out<int8_t>(), (std::vector<int8_t>{1, 2, 3, 4, -1, -2, -3, -4}));
}

TEST_P(SpaceToDepthTest, SizesThatTheBlockDoesNotDivideNameTheOp) {
  testing::OpBuilder b;
  const int x = b.input({1, 3, 4, 1});
  const int y = b.output({1, 1, 2, 4});
  b.op(BuiltinOperator::SPACE_TO_DEPTH, {x}, {y}, block(2));
  testing::expect_error(b, {"op 0 (SPACE_TO_DEPTH)", "not a multiple of block_size 2"}, options());
  testing::OpBuilder c;
  const int p = c.input({1, 2, 2, 1});
  const int q = c.output({1, 2, 2, 1});
  c.op(BuiltinOperator::SPACE_TO_DEPTH, {p}, {q}, block(0));
  testing::expect_error(c, {"op 0 (SPACE_TO_DEPTH)", "block_size"}, options());
}

LQ_INSTANTIATE_KERNEL_TEST(SpaceToDepthTest);

}  // namespace
}  // namespace lq
