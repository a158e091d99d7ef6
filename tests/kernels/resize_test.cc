// RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR, float. The bilinear cases use the linear image
// in(y, x) = 2y + x, which bilinear interpolation reproduces exactly at every source coordinate, so
// each expected value is 2Y + X for the source coordinates (Y, X) the mode defines.
#include "kernels/float_kernel_test.h"

namespace lq {
namespace {

using testing::constant;
using testing::expect_all_near;
using testing::expect_plan_error;
using tflite::BuiltinOperator;

using ResizeFloat = testing::FloatKernelTest;

tflite::ResizeBilinearOptionsT bilinear(bool align_corners, bool half_pixel_centers) {
  tflite::ResizeBilinearOptionsT o;
  o.align_corners = align_corners;
  o.half_pixel_centers = half_pixel_centers;
  return o;
}
tflite::ResizeNearestNeighborOptionsT nearest(bool align_corners, bool half_pixel_centers) {
  tflite::ResizeNearestNeighborOptionsT o;
  o.align_corners = align_corners;
  o.half_pixel_centers = half_pixel_centers;
  return o;
}

// A [1, h, w, 1] input resized to [1, out_h, out_w, 1].
template <class Options>
testing::OpBuilder& build(testing::OpBuilder& b, BuiltinOperator op, int32_t h, int32_t w,
                          int32_t out_h, int32_t out_w, const Options& options) {
  const int x = b.input({1, h, w, 1});
  const int size = constant<int32_t>(b, {2}, {out_h, out_w});
  const int y = b.output({1, out_h, out_w, 1});
  b.op(op, {x, size}, {y}, options);
  return b;
}

const std::vector<float> kLinear2x2 = {0, 1, 2, 3};  // 2y + x

TEST_P(ResizeFloat, BilinearDefaultScalesByInOverOut) {
  // Scale 2/3: Y, X in {0, 2/3, 4/3 -> blends row 1 with itself}.
  testing::OpBuilder b;
  build(b, BuiltinOperator::RESIZE_BILINEAR, 2, 2, 3, 3, bilinear(false, false));
  const float t = 2.0f / 3.0f;
  expect_all_near(run(b, {kLinear2x2}),
                  {0, t, 1, 2 * t, 3 * t, 2 * t + 1, 2, 2 + t, 3});
  EXPECT_EQ(b.last_output_shape(), (Shape{1, 3, 3, 1}));
}

TEST_P(ResizeFloat, BilinearAlignCorners) {
  // Scale (2 - 1) / (3 - 1) = 1/2: Y, X in {0, 0.5, 1}.
  testing::OpBuilder b;
  build(b, BuiltinOperator::RESIZE_BILINEAR, 2, 2, 3, 3, bilinear(true, false));
  expect_all_near(run(b, {kLinear2x2}), {0, 0.5f, 1, 1, 1.5f, 2, 2, 2.5f, 3});
}

TEST_P(ResizeFloat, BilinearHalfPixelCentersClampsTheEdges) {
  // Scale 1/2: (i + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25; the outer two reproduce the edge
  // rows, so Y, X in {0, 0.25, 0.75, 1}.
  testing::OpBuilder b;
  build(b, BuiltinOperator::RESIZE_BILINEAR, 2, 2, 4, 4, bilinear(false, true));
  expect_all_near(run(b, {kLinear2x2}), {0, 0.25f, 0.75f, 1,     //
                                         0.5f, 0.75f, 1.25f, 1.5f,  //
                                         1.5f, 1.75f, 2.25f, 2.5f,  //
                                         2, 2.25f, 2.75f, 3});
}

TEST_P(ResizeFloat, BilinearDownscaleKeepsChannelsApart) {
  // [1, 2, 4, 2] -> [1, 1, 2, 2], scale 2: source (0, 0) and (0, 2) exactly.
  testing::OpBuilder b;
  const int x = b.input({1, 2, 4, 2});
  const int size = constant<int32_t>(b, {2}, {1, 2});
  const int y = b.output({1, 1, 2, 2});
  b.op(BuiltinOperator::RESIZE_BILINEAR, {x, size}, {y}, bilinear(false, false));
  EXPECT_EQ(run(b, {{1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -8}}),
            (std::vector<float>{1, -1, 3, -3}));
}

TEST_P(ResizeFloat, NearestNeighborModes) {
  // [1, 2, 3] widened to 5: default floor(x * 0.6) = 0 0 1 1 2; align_corners
  // round(x * 0.5) = 0 1 1 2 2 (halves away from zero); half_pixel_centers
  // floor((x + 0.5) * 0.6) = 0 0 1 2 2.
  struct Case {
    bool align_corners, half_pixel_centers;
    std::vector<float> expected;
  };
  for (const Case& c : {Case{false, false, {1, 1, 2, 2, 3}}, Case{true, false, {1, 2, 2, 3, 3}},
                        Case{false, true, {1, 1, 2, 3, 3}}}) {
    testing::OpBuilder b;
    build(b, BuiltinOperator::RESIZE_NEAREST_NEIGHBOR, 1, 3, 1, 5,
          nearest(c.align_corners, c.half_pixel_centers));
    EXPECT_EQ(run(b, {{1, 2, 3}}), c.expected)
        << "align_corners " << c.align_corners << " half_pixel " << c.half_pixel_centers;
  }
}

TEST_P(ResizeFloat, NearestNeighborUpscales2x2And3x3Down) {
  {
    testing::OpBuilder b;
    build(b, BuiltinOperator::RESIZE_NEAREST_NEIGHBOR, 2, 2, 4, 4, nearest(false, false));
    EXPECT_EQ(run(b, {{1, 2, 3, 4}}),
              (std::vector<float>{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}));
  }
  {
    // 3x3 -> 2x2 with align_corners: scale 2, rows and columns 0 and 2.
    testing::OpBuilder b;
    build(b, BuiltinOperator::RESIZE_NEAREST_NEIGHBOR, 3, 3, 2, 2, nearest(true, false));
    EXPECT_EQ(run(b, {{1, 2, 3, 4, 5, 6, 7, 8, 9}}), (std::vector<float>{1, 3, 7, 9}));
  }
}

LQ_INSTANTIATE_FLOAT_KERNEL_TEST(ResizeFloat);

TEST(ResizeFloatErrors, ConflictingFlagsAndBadSizeNameTheOp) {
  {
    testing::OpBuilder b;
    build(b, BuiltinOperator::RESIZE_BILINEAR, 2, 2, 4, 4, bilinear(true, true));
    expect_plan_error(b, {"op 0 (RESIZE_BILINEAR)", "cannot both be set"});
  }
  {
    testing::OpBuilder b;
    const int x = b.input({1, 2, 2, 1});
    const int size = constant<int32_t>(b, {3}, {4, 4, 1});
    const int y = b.output({1, 4, 4, 1});
    b.op(BuiltinOperator::RESIZE_NEAREST_NEIGHBOR, {x, size}, {y}, nearest(false, false));
    expect_plan_error(b, {"op 0 (RESIZE_NEAREST_NEIGHBOR)", "3 elements, expected 2"});
  }
  {
    testing::OpBuilder b;
    build(b, BuiltinOperator::RESIZE_NEAREST_NEIGHBOR, 2, 2, 0, 4, nearest(false, false));
    expect_plan_error(b, {"op 0 (RESIZE_NEAREST_NEIGHBOR)", "output height is 0"});
  }
}

}  // namespace
}  // namespace lq
