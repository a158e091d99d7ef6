#include "kernels/float_kernel_test.h"

namespace lq {
namespace {

using testing::expect_plan_error;
using tflite::BuiltinOperator;

tflite::DepthToSpaceOptionsT block(int size) {
  tflite::DepthToSpaceOptionsT o;
  o.block_size = size;
  return o;
}

using DepthToSpaceFloat = testing::FloatKernelTest;

TEST_P(DepthToSpaceFloat, OnePixelBecomesABlock) {
  testing::OpBuilder b;
  const int x = b.input({1, 1, 1, 4});
  const int y = b.output({1, 2, 2, 1});
  b.op(BuiltinOperator::DEPTH_TO_SPACE, {x}, {y}, block(2));
  EXPECT_EQ(run(b, {{1, 2, 3, 4}}), (std::vector<float>{1, 2, 3, 4}));
  EXPECT_EQ(b.last_output_shape(), (Shape{1, 2, 2, 1}));
}

TEST_P(DepthToSpaceFloat, DcrOrderWithTwoOutputChannels) {
  // Pixel 0 holds 0..7 and pixel 1 holds 8..15. Output (y, x, c) reads channel
  // ((y % 2) * 2 + x % 2) * 2 + c of pixel x / 2: row 0 takes channels 0-3 of each pixel, row 1
  // channels 4-7.
  std::vector<float> in(16);
  for (int i = 0; i < 16; ++i) in[static_cast<size_t>(i)] = static_cast<float>(i);
  testing::OpBuilder b;
  const int x = b.input({1, 1, 2, 8});
  const int y = b.output({1, 2, 4, 2});
  b.op(BuiltinOperator::DEPTH_TO_SPACE, {x}, {y}, block(2));
  EXPECT_EQ(run(b, {in}),
            (std::vector<float>{0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 12, 13, 14, 15}));
  EXPECT_EQ(b.last_output_shape(), (Shape{1, 2, 4, 2}));
}

TEST_P(DepthToSpaceFloat, BlockOfThree) {
  std::vector<float> in(9);
  for (int i = 0; i < 9; ++i) in[static_cast<size_t>(i)] = static_cast<float>(i);
  testing::OpBuilder b;
  const int x = b.input({1, 1, 1, 9});
  const int y = b.output({1, 3, 3, 1});
  b.op(BuiltinOperator::DEPTH_TO_SPACE, {x}, {y}, block(3));
  EXPECT_EQ(run(b, {in}), in);
}

LQ_INSTANTIATE_FLOAT_KERNEL_TEST(DepthToSpaceFloat);

TEST(DepthToSpaceFloatErrors, ChannelsAndBlockSizeNameTheOp) {
  {
    testing::OpBuilder b;
    const int x = b.input({1, 1, 1, 3});
    const int y = b.output({1, 2, 2, 1});
    b.op(BuiltinOperator::DEPTH_TO_SPACE, {x}, {y}, block(2));
    expect_plan_error(b, {"op 0 (DEPTH_TO_SPACE)", "not a multiple of block_size^2 = 4"});
  }
  {
    testing::OpBuilder b;
    const int x = b.input({1, 1, 1, 4});
    const int y = b.output({1, 1, 1, 4});
    b.op(BuiltinOperator::DEPTH_TO_SPACE, {x}, {y}, block(0));
    expect_plan_error(b, {"op 0 (DEPTH_TO_SPACE)", "block_size is 0"});
  }
}

}  // namespace
}  // namespace lq
