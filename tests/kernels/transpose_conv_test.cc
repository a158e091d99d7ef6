// TRANSPOSE_CONV and MediaPipe's Convolution2DTransposeBias, float: cases by hand, and random cases
// checked against the "gather" form of a transposed convolution written independently here:
// out(oy, ox, oc) = bias(oc) + sum over (iy, ix, ic) with ky = oy + pad_h - iy * stride_h and
// kx = ox + pad_w - ix * stride_w inside the filter, where the padding is half of the overlap
// (in - 1) * stride + k - out.
#include <algorithm>

#include "kernels/float_kernel_test.h"
#include "testing/random.h"

namespace lq {
namespace {

using testing::constant;
using testing::expect_all_near;
using testing::expect_plan_error;
using testing::raw_int32_options;
using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;
using tflite::Padding;

struct TransposeCase {
  int n, h, w, c, out_c, kh, kw, stride_h, stride_w, out_h, out_w;
};

std::vector<float> naive_transpose_conv(const TransposeCase& t, const std::vector<float>& in,
                                        const std::vector<float>& weights,
                                        const std::vector<float>& bias) {
  const int pad_h = std::max(0, (t.h - 1) * t.stride_h + t.kh - t.out_h) / 2;
  const int pad_w = std::max(0, (t.w - 1) * t.stride_w + t.kw - t.out_w) / 2;
  std::vector<float> out(static_cast<size_t>(t.n) * t.out_h * t.out_w * t.out_c);
  for (int b = 0; b < t.n; ++b)
    for (int oy = 0; oy < t.out_h; ++oy)
      for (int ox = 0; ox < t.out_w; ++ox)
        for (int oc = 0; oc < t.out_c; ++oc) {
          double acc = bias.empty() ? 0.0 : bias[static_cast<size_t>(oc)];
          for (int iy = 0; iy < t.h; ++iy) {
            const int ky = oy + pad_h - iy * t.stride_h;
            if (ky < 0 || ky >= t.kh) continue;
            for (int ix = 0; ix < t.w; ++ix) {
              const int kx = ox + pad_w - ix * t.stride_w;
              if (kx < 0 || kx >= t.kw) continue;
              for (int ic = 0; ic < t.c; ++ic)
                acc += in[((static_cast<size_t>(b) * t.h + iy) * t.w + ix) * t.c + ic] *
                       weights[((static_cast<size_t>(oc) * t.kh + ky) * t.kw + kx) * t.c + ic];
            }
          }
          out[((static_cast<size_t>(b) * t.out_h + oy) * t.out_w + ox) * t.out_c + oc] =
              static_cast<float>(acc);
        }
  return out;
}

tflite::TransposeConvOptionsT transpose_options(
    Padding padding, int stride_h, int stride_w,
    ActivationFunctionType activation = ActivationFunctionType::NONE) {
  tflite::TransposeConvOptionsT o;
  o.padding = padding;
  o.stride_h = stride_h;
  o.stride_w = stride_w;
  o.fused_activation_function = activation;
  return o;
}

using TransposeConvFloat = testing::FloatKernelTest;

TEST_P(TransposeConvFloat, Stride2ValidSpreadsEachInputOverABlock) {
  // Each input v becomes the block [v 2v; 3v 4v]; plus the bias 1.
  testing::OpBuilder b;
  const int shape = constant<int32_t>(b, {4}, {1, 4, 4, 1});
  const int w = constant<float>(b, {1, 2, 2, 1}, {1, 2, 3, 4});
  const int x = b.input({1, 2, 2, 1});
  const int bias = constant<float>(b, {1}, {1});
  const int y = b.output({1, 4, 4, 1});
  b.op(BuiltinOperator::TRANSPOSE_CONV, {shape, w, x, bias}, {y},
       transpose_options(Padding::VALID, 2, 2));
  EXPECT_EQ(run(b, {{1, 2, 3, 4}}), (std::vector<float>{2, 3, 3, 5,    //
                                                        4, 5, 7, 9,    //
                                                        4, 7, 5, 9,    //
                                                        10, 13, 13, 17}));
  EXPECT_EQ(b.last_output_shape(), (Shape{1, 4, 4, 1}));
}

TEST_P(TransposeConvFloat, Stride1SameWithBiasThenRelu) {
  // Weights w(ky, kx) = 3 ky + kx + 1, padding 1: out(0,0) = 1*5 + 2*4 + 3*2 + 4*1 = 23, then
  // 33, 53, 63; bias -30 and RELU give 0, 3, 23, 33.
  testing::OpBuilder b;
  const int shape = constant<int32_t>(b, {4}, {1, 2, 2, 1});
  const int w = constant<float>(b, {1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  const int x = b.input({1, 2, 2, 1});
  const int bias = constant<float>(b, {1}, {-30});
  const int y = b.output({1, 2, 2, 1});
  b.op(BuiltinOperator::TRANSPOSE_CONV, {shape, w, x, bias}, {y},
       transpose_options(Padding::SAME, 1, 1, ActivationFunctionType::RELU));
  EXPECT_EQ(run(b, {{1, 2, 3, 4}}), (std::vector<float>{0, 3, 23, 33}));
}

TEST_P(TransposeConvFloat, MatchesGatherFormulaOnRandomData) {
  struct Case {
    TransposeCase t;
    Padding padding;
    bool bias;
  };
  const Case cases[] = {
      {{1, 3, 3, 2, 3, 3, 3, 2, 2, 5, 6}, Padding::SAME, true},    // asymmetric SAME padding
      {{2, 2, 3, 3, 2, 3, 2, 2, 3, 5, 8}, Padding::VALID, false},  // VALID, mixed strides
      {{1, 4, 4, 1, 2, 4, 4, 2, 2, 8, 8}, Padding::SAME, true},    // even filter, SAME
  };
  testing::Random rng(23);
  for (const Case& c : cases) {
    const TransposeCase& t = c.t;
    const std::vector<float> in = rng.uniform_vector(static_cast<size_t>(t.n * t.h * t.w * t.c), -1, 1);
    const std::vector<float> weights =
        rng.uniform_vector(static_cast<size_t>(t.out_c * t.kh * t.kw * t.c), -1, 1);
    const std::vector<float> bias =
        c.bias ? rng.uniform_vector(static_cast<size_t>(t.out_c), -1, 1) : std::vector<float>{};
    testing::OpBuilder b;
    const int shape = constant<int32_t>(b, {4}, {t.n, t.out_h, t.out_w, t.out_c});
    const int w = constant<float>(b, {t.out_c, t.kh, t.kw, t.c}, weights);
    const int x = b.input({t.n, t.h, t.w, t.c});
    std::vector<int32_t> inputs = {shape, w, x};
    if (c.bias) inputs.push_back(constant<float>(b, {t.out_c}, bias));
    const int y = b.output({t.n, t.out_h, t.out_w, t.out_c});
    b.op(BuiltinOperator::TRANSPOSE_CONV, inputs, {y},
         transpose_options(c.padding, t.stride_h, t.stride_w));
    expect_all_near(run(b, {in}), naive_transpose_conv(t, in, weights, bias), 1e-5f);
  }
}

LQ_INSTANTIATE_FLOAT_KERNEL_TEST(TransposeConvFloat);

TEST(TransposeConvFloatErrors, ChannelMismatchNamesTheOp) {
  testing::OpBuilder b;
  const int shape = constant<int32_t>(b, {4}, {1, 4, 4, 1});
  const int w = constant<float>(b, {1, 2, 2, 2}, std::vector<float>(8, 0.0f));
  const int x = b.input({1, 2, 2, 3});
  const int y = b.output({1, 4, 4, 1});
  b.op(BuiltinOperator::TRANSPOSE_CONV, {shape, w, x}, {y}, transpose_options(Padding::SAME, 2, 2));
  expect_plan_error(b, {"op 0 (TRANSPOSE_CONV)", "2 input channels", "has 3"});
}

TEST(TransposeConvFloatErrors, OutputShapeThatDoesNotFit) {
  testing::OpBuilder b;
  const int shape = constant<int32_t>(b, {4}, {1, 4, 4, 5});
  const int w = constant<float>(b, {1, 2, 2, 1}, std::vector<float>(4, 0.0f));
  const int x = b.input({1, 2, 2, 1});
  const int y = b.output({1, 4, 4, 1});
  b.op(BuiltinOperator::TRANSPOSE_CONV, {shape, w, x}, {y}, transpose_options(Padding::SAME, 2, 2));
  expect_plan_error(b, {"op 0 (TRANSPOSE_CONV)", "output shape [1, 4, 4, 5] does not fit"});
}

TEST(TransposeConvFloatErrors, QuantizedOperandsAreRejectedNotMisread) {
  // The op is keyed by its data input (input 2), so a uint8 TRANSPOSE_CONV finds no float kernel
  // (int8 and int16 have their own, tests/kernels/transpose_conv_int_test.cc).
  testing::OpBuilder b;
  const int shape = constant<int32_t>(b, {4}, {1, 4, 4, 1});
  const int w = constant<uint8_t>(b, {1, 2, 2, 1}, {1, 2, 3, 4});
  const int x = b.input({1, 2, 2, 1}, ElementType::kUInt8);
  const int y = b.output({1, 4, 4, 1}, ElementType::kUInt8);
  b.op(BuiltinOperator::TRANSPOSE_CONV, {shape, w, x}, {y}, transpose_options(Padding::VALID, 2, 2));
  expect_plan_error(b, {"no kernel for 1 op(s): op 0 TRANSPOSE_CONV (uint8)"});
}

// --- Convolution2DTransposeBias (MediaPipe) -------------------------------------------------------

constexpr int32_t kSame = 1;   // TfLitePadding values in the raw custom options
constexpr int32_t kValid = 2;

using TransposeConvBiasFloat = testing::FloatKernelTest;

TEST_P(TransposeConvBiasFloat, Stride2SameDoublesTheSizeByHand) {
  // padding = max(0, 2 - (2 - 1) % 2 - 1) = 0, so the output is 2 * 1 + 2 = 4 wide: the blocks
  // [v 2v; 3v 4v] plus the bias 0.5.
  testing::OpBuilder b;
  const int x = b.input({1, 2, 2, 1});
  const int w = constant<float>(b, {1, 2, 2, 1}, {1, 2, 3, 4});
  const int bias = constant<float>(b, {1}, {0.5f});
  const int y = b.output({1, 4, 4, 1});
  b.custom_op("Convolution2DTransposeBias", {x, w, bias}, {y}).custom_options =
      raw_int32_options({kSame, 2, 2});
  EXPECT_EQ(run(b, {{1, 2, 3, 4}}), (std::vector<float>{1.5f, 2.5f, 2.5f, 4.5f,  //
                                                        3.5f, 4.5f, 6.5f, 8.5f,  //
                                                        3.5f, 6.5f, 4.5f, 8.5f,  //
                                                        9.5f, 12.5f, 12.5f, 16.5f}));
  EXPECT_EQ(b.last_output_shape(), (Shape{1, 4, 4, 1}));
}

TEST_P(TransposeConvBiasFloat, OutputSizesAndValuesMatchGatherFormula) {
  struct Case {
    int32_t padding;
    int stride_w, stride_h;  // in the options' order
    int h, w, kh, kw;
    Shape expected_out;  // stride * (in - 1) + k - padding per dimension
  };
  const Case cases[] = {
      // SAME: padding max(0, 3 - 2 % 2 - 1) = 2 -> 2*2+3-2 = 5; width 4: max(0, 3 - 3 % 2 - 1) = 1
      // -> 2*3+3-1 = 8.
      {kSame, 2, 2, 3, 4, 3, 3, {1, 5, 8, 3}},
      // VALID: no padding, 3 * (2 - 1) + 3 = 6 high, 1 * (3 - 1) + 2 = 4 wide.
      {kValid, 1, 3, 2, 3, 3, 2, {1, 6, 4, 3}},
      // SAME with odd height padding max(0, 3 - 3 % 2 - 1) = 1 (none before) -> 2*3+3-1 = 8;
      // width 3: padding 2 -> 2*2+3-2 = 5.
      {kSame, 2, 2, 4, 3, 3, 3, {1, 8, 5, 3}},
      // SAME with stride 1: padding k - 1 keeps the size.
      {kSame, 1, 1, 4, 3, 3, 3, {1, 4, 3, 3}},
  };
  testing::Random rng(31);
  for (const Case& c : cases) {
    const int in_c = 2, out_c = 3;
    const std::vector<float> in = rng.uniform_vector(static_cast<size_t>(c.h * c.w * in_c), -1, 1);
    const std::vector<float> weights =
        rng.uniform_vector(static_cast<size_t>(out_c * c.kh * c.kw * in_c), -1, 1);
    const std::vector<float> bias = rng.uniform_vector(static_cast<size_t>(out_c), -1, 1);
    testing::OpBuilder b;
    const int x = b.input({1, c.h, c.w, in_c});
    const int w = constant<float>(b, {out_c, c.kh, c.kw, in_c}, weights);
    const int bb = constant<float>(b, {out_c}, bias);
    const int y = b.output(c.expected_out);
    b.custom_op("Convolution2DTransposeBias", {x, w, bb}, {y}).custom_options =
        raw_int32_options({c.padding, c.stride_w, c.stride_h});
    const std::vector<float> out = run(b, {in});
    ASSERT_EQ(b.last_output_shape(), c.expected_out);
    const TransposeCase t{1, c.h, c.w, in_c, out_c, c.kh, c.kw, c.stride_h, c.stride_w,
                          c.expected_out[1], c.expected_out[2]};
    expect_all_near(out, naive_transpose_conv(t, in, weights, bias), 1e-5f);
  }
}

TEST_P(TransposeConvBiasFloat, IgnoresTrailingOptionBytes) {
  // Newer TfLiteTransposeConvParams carry more fields after the strides.
  testing::OpBuilder b;
  const int x = b.input({1, 1, 1, 1});
  const int w = constant<float>(b, {1, 2, 2, 1}, {1, 2, 3, 4});
  const int bias = constant<float>(b, {1}, {0});
  const int y = b.output({1, 2, 2, 1});
  b.custom_op("Convolution2DTransposeBias", {x, w, bias}, {y}).custom_options =
      raw_int32_options({kValid, 1, 1, 0, 0});
  EXPECT_EQ(run(b, {{2}}), (std::vector<float>{2, 4, 6, 8}));
}

LQ_INSTANTIATE_FLOAT_KERNEL_TEST(TransposeConvBiasFloat);

TEST(TransposeConvBiasFloatErrors, ShortOrInvalidCustomOptionsNameTheOp) {
  auto build = [](std::vector<uint8_t> options, testing::OpBuilder& b) {
    const int x = b.input({1, 2, 2, 1});
    const int w = constant<float>(b, {1, 2, 2, 1}, {1, 2, 3, 4});
    const int bias = constant<float>(b, {1}, {0});
    const int y = b.output({1, 4, 4, 1});
    b.custom_op("Convolution2DTransposeBias", {x, w, bias}, {y}).custom_options = std::move(options);
  };
  {
    testing::OpBuilder b;
    build(raw_int32_options({kSame, 2}), b);
    expect_plan_error(b, {"op 0 (Convolution2DTransposeBias)", "custom options have 8 bytes"});
  }
  {
    testing::OpBuilder b;
    build(raw_int32_options({0, 2, 2}), b);
    expect_plan_error(b, {"op 0 (Convolution2DTransposeBias)", "padding is 0"});
  }
  {
    testing::OpBuilder b;
    build(raw_int32_options({kSame, 0, 2}), b);
    expect_plan_error(b, {"op 0 (Convolution2DTransposeBias)", "stride_width is 0"});
  }
}

TEST(TransposeConvBiasFloatErrors, BiasSizeMismatch) {
  testing::OpBuilder b;
  const int x = b.input({1, 2, 2, 1});
  const int w = constant<float>(b, {2, 2, 2, 1}, std::vector<float>(8, 1.0f));
  const int bias = constant<float>(b, {1}, {0});
  const int y = b.output({1, 4, 4, 2});
  b.custom_op("Convolution2DTransposeBias", {x, w, bias}, {y}).custom_options =
      raw_int32_options({kSame, 2, 2});
  expect_plan_error(b, {"op 0 (Convolution2DTransposeBias)", "bias", "expected 2"});
}

}  // namespace
}  // namespace lq
