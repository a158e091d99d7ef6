// Float FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D, MEAN, LOGISTIC, RESIZE_BILINEAR,
// AVERAGE_POOL_2D and SOFTMAX on hand-made one-op models, run by litequant and by LiteRT.js: every
// output element must equal LiteRT.js's bit for bit. In `dynamic` mode a hybrid op quantizes its
// float input on the fly, so a last-bit difference in the float op before it can move a whole
// quantization step; these kernels therefore compute as XNNPACK does (summation orders, formulas:
// src/kernels/reference/xnnpack_float.h and the kernels' comments). Inputs and weights mix
// magnitudes (each value scaled by a random power of two in [2^-6, 2^6]) so that any other
// summation order shows.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "testing/op_builder.h"
#include "testing/oracle_cases.h"
#include "testing/random.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;
using tflite::Padding;

// n values uniform in (-1, 1) times 2^e, e uniform in [-6, 6]: sums of these round differently in
// every order.
std::vector<float> mixed(testing::Random& random, int64_t n) {
  std::vector<float> v(static_cast<size_t>(n));
  for (float& x : v)
    x = std::ldexp(random.uniform(-1.0f, 1.0f), static_cast<int>(random.next() % 13) - 6);
  return v;
}

struct AffineCase {
  std::string name;
  BuiltinOperator op;
  Shape input, filter;  // NHWC and [out, kh, kw, in] / [1, kh, kw, ch] / [units, depth]
  testing::AffineOptions options = {};
  bool bias = true;
};

// XNNPACK picks its GEMM kernel by the number of output channels (xnnpack_float.h): every count
// up to 34 is covered for FULLY_CONNECTED and for CONV_2D both 1x1 (plain GEMM) and 3x3 (indirect
// GEMM), and counts either side of the 1% rule (697: the narrow kernel, 801: the default one).
std::vector<AffineCase> affine_cases() {
  using BO = BuiltinOperator;
  const auto relu = ActivationFunctionType::RELU;
  std::vector<AffineCase> cases = {
      {"fc", BO::FULLY_CONNECTED, {4, 37}, {19, 37}},
      {"fc_deep", BO::FULLY_CONNECTED, {2, 300}, {40, 300}},
      {"fc_relu", BO::FULLY_CONNECTED, {5, 20}, {9, 20}, {1, 1, Padding::SAME, relu}},
      {"fc_one_row", BO::FULLY_CONNECTED, {1, 50}, {12, 50}},
      {"fc_697_units", BO::FULLY_CONNECTED, {2, 21}, {697, 21}},
      {"fc_801_units", BO::FULLY_CONNECTED, {2, 21}, {801, 21}},
      {"conv_1x1", BO::CONV_2D, {1, 6, 6, 16}, {24, 1, 1, 16}},
      {"conv_1x1_stride2", BO::CONV_2D, {2, 7, 7, 12}, {10, 1, 1, 12}, {2}},
      {"conv_1x1_697", BO::CONV_2D, {1, 2, 2, 13}, {697, 1, 1, 13}},
      {"conv_3x3_same", BO::CONV_2D, {1, 7, 7, 5}, {8, 3, 3, 5}},
      {"conv_3x3_same_stride2", BO::CONV_2D, {1, 9, 9, 3}, {16, 3, 3, 3}, {2}},
      {"conv_3x3_valid_relu", BO::CONV_2D, {1, 8, 8, 24}, {12, 3, 3, 24},
       {1, 1, Padding::VALID, relu}},
      {"conv_3x3_dilation2", BO::CONV_2D, {1, 9, 9, 6}, {11, 3, 3, 6}, {1, 2}},
      {"conv_5x5_same_stride2", BO::CONV_2D, {1, 10, 10, 8}, {6, 5, 5, 8}, {2}},
      {"depthwise_3x3", BO::DEPTHWISE_CONV_2D, {1, 8, 8, 12}, {1, 3, 3, 12}},
      {"depthwise_3x3_stride2", BO::DEPTHWISE_CONV_2D, {2, 9, 9, 20}, {1, 3, 3, 20}, {2}},
      {"depthwise_3x3_valid", BO::DEPTHWISE_CONV_2D, {1, 7, 7, 9}, {1, 3, 3, 9},
       {1, 1, Padding::VALID}},
      {"depthwise_3x3_dilation2", BO::DEPTHWISE_CONV_2D, {1, 9, 9, 7}, {1, 3, 3, 7}, {1, 2}},
      {"depthwise_5x5", BO::DEPTHWISE_CONV_2D, {1, 9, 9, 8}, {1, 5, 5, 8}},
      {"depthwise_5x5_stride2", BO::DEPTHWISE_CONV_2D, {1, 12, 12, 16}, {1, 5, 5, 16}, {2}},
      {"depthwise_2x2_stride2", BO::DEPTHWISE_CONV_2D, {1, 8, 8, 10}, {1, 2, 2, 10}, {2}},
      {"depthwise_7x7", BO::DEPTHWISE_CONV_2D, {1, 9, 9, 4}, {1, 7, 7, 4}},
      {"depthwise_6x6", BO::DEPTHWISE_CONV_2D, {1, 9, 9, 12}, {1, 6, 6, 12}},
      {"depthwise_multiplier2", BO::DEPTHWISE_CONV_2D, {1, 6, 6, 4}, {1, 3, 3, 8},
       {1, 1, Padding::SAME, relu, 2}},
  };
  for (int n = 1; n <= 34; ++n) {
    cases.push_back({cat("fc_units_", n), BO::FULLY_CONNECTED, {2, 37}, {n, 37}});
    cases.push_back({cat("conv_1x1_channels_", n), BO::CONV_2D, {1, 4, 4, 9}, {n, 1, 1, 9}});
    cases.push_back({cat("conv_3x3_channels_", n), BO::CONV_2D, {1, 4, 4, 9}, {n, 3, 3, 9}});
  }
  return cases;
}

int32_t output_channels(const AffineCase& c) {
  return c.op == BuiltinOperator::DEPTHWISE_CONV_2D ? c.filter[3] : c.filter[0];
}

testing::OracleCase build(const AffineCase& c, uint64_t seed) {
  testing::Random random(seed);
  testing::OpBuilder b;
  const int in = b.input(c.input);
  const int filter = b.constant(c.filter, mixed(random, num_elements(c.filter)));
  const int channels = output_channels(c);
  const int bias = c.bias ? b.constant({channels}, mixed(random, channels)) : -1;
  const int out = b.output({});
  testing::add_affine_op(b, c.op, in, filter, bias, out, c.options);
  testing::record_planned_output_shapes(b.model());
  return {c.name, tflite::EnumNameBuiltinOperator(c.op), b.model(),
          {testing::to_array(ElementType::kFloat32, c.input,
                             mixed(random, num_elements(c.input)))}};
}

TEST(FloatKernels, AffineOutputsEqualLiteRTBitForBit) {
  std::vector<testing::OracleCase> cases;
  uint64_t seed = 900;
  for (const AffineCase& c : affine_cases()) cases.push_back(build(c, seed++));
  testing::expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "float_kernels_affine", cases,
                                  "float ");
}


// MEAN over non-innermost axes (the global average pooling of the asset models): a sum in input
// order times 1/n. (Over the innermost axis XNNPACK sums in SIMD lanes: not reproduced.)
struct MeanCase {
  std::string name;
  Shape input;
  std::vector<int32_t> axes;
  bool keep_dims = true;
};

TEST(FloatKernels, MeanOutputsEqualLiteRTBitForBit) {
  const std::vector<MeanCase> mean_cases = {
      {"mean_spatial_48x48", {1, 48, 48, 16}, {1, 2}},
      {"mean_spatial_7x7", {1, 7, 7, 24}, {1, 2}},
      {"mean_spatial_13x9", {2, 13, 9, 5}, {1, 2}},
      {"mean_spatial_drop_dims", {1, 12, 12, 40}, {1, 2}, false},
      {"mean_middle_axis", {2, 30, 6}, {1}},
      {"mean_spatial_wide", {1, 6, 6, 500}, {1, 2}},
  };
  std::vector<testing::OracleCase> cases;
  testing::Random random(950);
  for (const MeanCase& c : mean_cases) {
    testing::OpBuilder b;
    const int in = b.input(c.input);
    testing::add_mean_op(b, in, b.output({}), c.axes, c.keep_dims);
    testing::record_planned_output_shapes(b.model());
    cases.push_back({c.name, "MEAN", b.model(),
                     {testing::to_array(ElementType::kFloat32, c.input,
                                        mixed(random, num_elements(c.input)))}});
  }
  testing::expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "float_kernels_mean", cases,
                                  "float ");
}

// LOGISTIC (XNNPACK's sigmoid) and HARD_SWISH (already exact, checked since the asset models use
// it) over a spread of values: small and large magnitudes of both signs, the cutoffs.
std::vector<float> activation_inputs(testing::Random& random, int64_t n) {
  std::vector<float> v(static_cast<size_t>(n));
  for (float& x : v)
    x = std::ldexp(random.uniform(-1.0f, 1.0f), static_cast<int>(random.next() % 18) - 10);
  const std::vector<float> edges = {0.0f, -0.0f, 87.0f, -87.0f, 88.8f, -88.8f, 1e-30f, -1e-30f,
                                    9.0f, -9.0f, 16.7f, -16.7f, 30.0f, -30.0f};
  std::copy(edges.begin(), edges.end(), v.begin());
  return v;
}

TEST(FloatKernels, ActivationOutputsEqualLiteRTBitForBit) {
  std::vector<testing::OracleCase> cases;
  testing::Random random(970);
  for (BuiltinOperator op : {BuiltinOperator::LOGISTIC, BuiltinOperator::HARD_SWISH}) {
    const Shape shape = {4, 1000};
    testing::OpBuilder b;
    b.op(op, {b.input(shape)}, {b.output(shape)});
    cases.push_back({tflite::EnumNameBuiltinOperator(op), tflite::EnumNameBuiltinOperator(op),
                     b.model(),
                     {testing::to_array(ElementType::kFloat32, shape,
                                        activation_inputs(random, num_elements(shape)))}});
  }
  testing::expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "float_kernels_activation", cases,
                                  "float ");
}

struct ResizeCase {
  std::string name;
  Shape input;
  int32_t height, width;
  bool align_corners = false, half_pixel_centers = false;
};

TEST(FloatKernels, ResizeBilinearOutputsEqualLiteRTBitForBit) {
  const std::vector<ResizeCase> resize_cases = {
      {"resize_2x_half_pixel", {1, 6, 5, 3}, 12, 10, false, true},
      {"resize_2x_legacy", {1, 6, 5, 3}, 12, 10},
      {"resize_2x_align_corners", {1, 6, 5, 3}, 12, 10, true},
      {"resize_odd_half_pixel", {2, 7, 9, 4}, 16, 13, false, true},
      {"resize_down_half_pixel", {1, 15, 11, 2}, 6, 4, false, true},
      {"resize_odd_legacy", {1, 7, 9, 4}, 16, 13},
  };
  std::vector<testing::OracleCase> cases;
  testing::Random random(960);
  for (const ResizeCase& c : resize_cases) {
    testing::OpBuilder b;
    const int in = b.input(c.input);
    const int size = b.constant<int32_t>({2}, {c.height, c.width});
    tflite::ResizeBilinearOptionsT o;
    o.align_corners = c.align_corners;
    o.half_pixel_centers = c.half_pixel_centers;
    b.op(BuiltinOperator::RESIZE_BILINEAR, {in, size}, {b.output({})}, o);
    testing::record_planned_output_shapes(b.model());
    cases.push_back({c.name, "RESIZE_BILINEAR", b.model(),
                     {testing::to_array(ElementType::kFloat32, c.input,
                                        mixed(random, num_elements(c.input)))}});
  }
  testing::expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "float_kernels_resize", cases,
                                  "float ");
}

// AVERAGE_POOL_2D with up to 9 taps (XNNPACK's single-pass kernel), with and without padding.
TEST(FloatKernels, AveragePoolOutputsEqualLiteRTBitForBit) {
  struct Pool {
    std::string name;
    int filter, stride;
    Padding padding;
    Shape input;
  };
  const std::vector<Pool> pools = {
      {"avgpool_2x2_stride2", 2, 2, Padding::VALID, {1, 8, 8, 6}},
      {"avgpool_3x3_same", 3, 1, Padding::SAME, {1, 7, 7, 5}},
      {"avgpool_3x3_same_stride2", 3, 2, Padding::SAME, {2, 9, 9, 4}},
      {"avgpool_3x3_valid", 3, 1, Padding::VALID, {1, 6, 8, 3}},
  };
  std::vector<testing::OracleCase> cases;
  testing::Random random(980);
  for (const Pool& p : pools) {
    testing::OpBuilder b;
    testing::add_pool_op(b, BuiltinOperator::AVERAGE_POOL_2D, b.input(p.input), b.output({}),
                         p.filter, p.stride, p.padding, ActivationFunctionType::NONE);
    testing::record_planned_output_shapes(b.model());
    cases.push_back({p.name, "AVERAGE_POOL_2D", b.model(),
                     {testing::to_array(ElementType::kFloat32, p.input,
                                        mixed(random, num_elements(p.input)))}});
  }
  testing::expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "float_kernels_pool", cases,
                                  "float ");
}

// SOFTMAX (beta 1, which XNNPACK takes) over rows of several lengths, so that every way of
// splitting a row into SIMD accumulators shows.
TEST(FloatKernels, SoftmaxOutputsEqualLiteRTBitForBit) {
  std::vector<testing::OracleCase> cases;
  testing::Random random(990);
  for (int depth : {1, 2, 3, 5, 7, 11, 16, 21, 33, 40, 67, 1000}) {
    const Shape shape = {6, depth};
    testing::OpBuilder b;
    tflite::SoftmaxOptionsT o;
    o.beta = 1.0f;
    b.op(BuiltinOperator::SOFTMAX, {b.input(shape)}, {b.output(shape)}, o);
    cases.push_back({cat("softmax_", depth), "SOFTMAX", b.model(),
                     {testing::to_array(ElementType::kFloat32, shape,
                                        random.uniform_vector(static_cast<size_t>(6 * depth),
                                                              -5.0f, 5.0f))}});
  }
  testing::expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "float_kernels_softmax", cases,
                                  "float ");
}

}  // namespace
}  // namespace lq
