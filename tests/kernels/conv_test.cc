// CONV_2D and DEPTHWISE_CONV_2D, float: small cases computed by hand, and random cases checked
// against a direct formula over an explicitly zero-padded input (accumulated in double).
#include <algorithm>

#include "kernels/float_kernel_test.h"
#include "testing/random.h"

namespace lq {
namespace {

using testing::constant;
using testing::expect_all_near;
using testing::expect_plan_error;
using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;
using tflite::Padding;

tflite::Conv2DOptionsT conv_options(Padding padding, int stride_h, int stride_w, int dilation_h = 1,
                                    int dilation_w = 1,
                                    ActivationFunctionType activation = ActivationFunctionType::NONE) {
  tflite::Conv2DOptionsT o;
  o.padding = padding;
  o.stride_h = stride_h;
  o.stride_w = stride_w;
  o.dilation_h_factor = dilation_h;
  o.dilation_w_factor = dilation_w;
  o.fused_activation_function = activation;
  return o;
}

// Output size and leading padding from TensorFlow's definition of SAME and VALID.
struct Window {
  int out, pad;
};
Window window(bool same, int in, int k, int stride, int dilation) {
  const int span = dilation * (k - 1) + 1;
  if (!same) return {(in - span) / stride + 1, 0};
  const int out = (in + stride - 1) / stride;
  return {out, std::max(0, (out - 1) * stride + span - in) / 2};
}

// The input copied into a zero image large enough for every tap: [n, hp, wp, c].
struct Padded {
  std::vector<double> data;
  int hp, wp;
  double at(int b, int y, int x, int ch, int c) const {
    return data[((static_cast<size_t>(b) * hp + y) * wp + x) * c + ch];
  }
};
Padded zero_pad(const std::vector<float>& in, int n, int h, int w, int c, Window wy, Window wx,
                int span_h, int span_w, int stride_h, int stride_w) {
  Padded p;
  p.hp = std::max(h + wy.pad, (wy.out - 1) * stride_h + span_h);
  p.wp = std::max(w + wx.pad, (wx.out - 1) * stride_w + span_w);
  p.data.assign(static_cast<size_t>(n) * p.hp * p.wp * c, 0.0);
  for (int b = 0; b < n; ++b)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x)
        for (int ch = 0; ch < c; ++ch)
          p.data[((static_cast<size_t>(b) * p.hp + y + wy.pad) * p.wp + x + wx.pad) * c + ch] =
              in[((static_cast<size_t>(b) * h + y) * w + x) * c + ch];
  return p;
}

struct ConvCase {
  int n, h, w, c, out_c, kh, kw;
  bool same;
  int stride_h, stride_w, dilation_h, dilation_w;
};

std::vector<float> naive_conv(const ConvCase& t, const std::vector<float>& in,
                              const std::vector<float>& filter, const std::vector<float>& bias) {
  const Window wy = window(t.same, t.h, t.kh, t.stride_h, t.dilation_h);
  const Window wx = window(t.same, t.w, t.kw, t.stride_w, t.dilation_w);
  const Padded p = zero_pad(in, t.n, t.h, t.w, t.c, wy, wx, t.dilation_h * (t.kh - 1) + 1,
                            t.dilation_w * (t.kw - 1) + 1, t.stride_h, t.stride_w);
  std::vector<float> out(static_cast<size_t>(t.n) * wy.out * wx.out * t.out_c);
  for (int oc = 0; oc < t.out_c; ++oc)
    for (int b = 0; b < t.n; ++b)
      for (int oy = 0; oy < wy.out; ++oy)
        for (int ox = 0; ox < wx.out; ++ox) {
          double acc = bias[static_cast<size_t>(oc)];
          for (int ky = 0; ky < t.kh; ++ky)
            for (int kx = 0; kx < t.kw; ++kx)
              for (int ic = 0; ic < t.c; ++ic)
                acc += p.at(b, oy * t.stride_h + ky * t.dilation_h, ox * t.stride_w + kx * t.dilation_w,
                            ic, t.c) *
                       filter[((static_cast<size_t>(oc) * t.kh + ky) * t.kw + kx) * t.c + ic];
          out[((static_cast<size_t>(b) * wy.out + oy) * wx.out + ox) * t.out_c + oc] =
              static_cast<float>(acc);
        }
  return out;
}

using Conv2DFloat = testing::FloatKernelTest;

TEST_P(Conv2DFloat, ValidWithBiasByHand) {
  testing::OpBuilder b;
  const int x = b.input({1, 3, 3, 1});
  const int w = constant<float>(b, {1, 2, 2, 1}, {1, 2, 3, 4});
  const int bias = constant<float>(b, {1}, {10});
  const int y = b.output({1, 2, 2, 1});
  b.op(BuiltinOperator::CONV_2D, {x, w, bias}, {y}, conv_options(Padding::VALID, 1, 1));
  // out(0,0) = 1*1 + 2*2 + 4*3 + 5*4 = 37, + 10; and so on one step right or down.
  EXPECT_EQ(run(b, {{1, 2, 3, 4, 5, 6, 7, 8, 9}}), (std::vector<float>{47, 57, 77, 87}));
  EXPECT_EQ(b.last_output_shape(), (Shape{1, 2, 2, 1}));
}

TEST_P(Conv2DFloat, SameStride2PadsAfterAndAppliesActivations) {
  // 4x4 input 1..16, 3x3 ones, SAME stride 2: the output is 2x2, the total padding of 1 goes after
  // (pad_before 0), so windows cover rows/cols {0,1,2} and {2,3}.
  std::vector<float> in(16);
  for (int i = 0; i < 16; ++i) in[static_cast<size_t>(i)] = static_cast<float>(i + 1);
  const std::vector<float> ones(9, 1.0f);
  struct Case {
    ActivationFunctionType activation;
    std::vector<float> expected;  // window sums 54, 45, 72, 54, minus 50
  };
  for (const Case& c : {Case{ActivationFunctionType::NONE, {4, -5, 22, 4}},
                        Case{ActivationFunctionType::RELU, {4, 0, 22, 4}},
                        Case{ActivationFunctionType::RELU6, {4, 0, 6, 4}},
                        Case{ActivationFunctionType::RELU_N1_TO_1, {1, -1, 1, 1}}}) {
    testing::OpBuilder b;
    const int x = b.input({1, 4, 4, 1});
    const int w = constant<float>(b, {1, 3, 3, 1}, ones);
    const int bias = constant<float>(b, {1}, {-50});
    const int y = b.output({1, 2, 2, 1});
    b.op(BuiltinOperator::CONV_2D, {x, w, bias}, {y},
         conv_options(Padding::SAME, 2, 2, 1, 1, c.activation));
    EXPECT_EQ(run(b, {in}), c.expected) << tflite::EnumNameActivationFunctionType(c.activation);
  }
}

TEST_P(Conv2DFloat, Dilation2WithoutBias) {
  // in(y, x) = 5y + x; filter taps (0,0)=1, (0,1)=-1, (1,0)=2, (1,1)=0 at dilation 2:
  // out = v - (v + 2) + 2 (v + 10) = 2v + 18 with v = in(y, x).
  std::vector<float> in(25);
  for (int i = 0; i < 25; ++i) in[static_cast<size_t>(i)] = static_cast<float>(i);
  testing::OpBuilder b;
  const int x = b.input({1, 5, 5, 1});
  const int w = constant<float>(b, {1, 2, 2, 1}, {1, -1, 2, 0});
  const int y = b.output({1, 3, 3, 1});
  b.op(BuiltinOperator::CONV_2D, {x, w, -1}, {y}, conv_options(Padding::VALID, 1, 1, 2, 2));
  EXPECT_EQ(run(b, {in}), (std::vector<float>{18, 20, 22, 28, 30, 32, 38, 40, 42}));
  EXPECT_EQ(b.last_output_shape(), (Shape{1, 3, 3, 1}));
}

TEST_P(Conv2DFloat, GroupedWhenFilterHasFewerInputChannels) {
  // 4 input channels, filter with 2: two groups; output 0 reads channels 0-1, output 1 channels 2-3.
  testing::OpBuilder b;
  const int x = b.input({1, 1, 1, 4});
  const int w = constant<float>(b, {2, 1, 1, 2}, {1, 1, 1, -1});
  const int y = b.output({1, 1, 1, 2});
  b.op(BuiltinOperator::CONV_2D, {x, w}, {y}, conv_options(Padding::VALID, 1, 1));
  EXPECT_EQ(run(b, {{1, 2, 3, 4}}), (std::vector<float>{3, -1}));
}

TEST_P(Conv2DFloat, MatchesDirectFormulaOnRandomData) {
  const ConvCase cases[] = {
      {2, 7, 6, 3, 4, 3, 3, true, 2, 2, 1, 1},   // SAME, stride 2, odd/even sizes
      {1, 9, 8, 2, 3, 3, 2, false, 1, 1, 2, 2},  // VALID, dilation 2
      {1, 6, 7, 3, 2, 2, 3, true, 2, 1, 1, 3},   // SAME, mixed strides and dilations
      {1, 5, 5, 5, 3, 5, 5, true, 1, 1, 1, 1},   // SAME, filter as large as the input
  };
  testing::Random rng(7);
  for (const ConvCase& t : cases) {
    const std::vector<float> in = rng.uniform_vector(static_cast<size_t>(t.n * t.h * t.w * t.c), -1, 1);
    const std::vector<float> filter =
        rng.uniform_vector(static_cast<size_t>(t.out_c * t.kh * t.kw * t.c), -1, 1);
    const std::vector<float> bias = rng.uniform_vector(static_cast<size_t>(t.out_c), -1, 1);
    testing::OpBuilder b;
    const int x = b.input({t.n, t.h, t.w, t.c});
    const int w = constant<float>(b, {t.out_c, t.kh, t.kw, t.c}, filter);
    const int bb = constant<float>(b, {t.out_c}, bias);
    const int y = b.output({t.n, 1, 1, t.out_c});
    b.op(BuiltinOperator::CONV_2D, {x, w, bb}, {y},
         conv_options(t.same ? Padding::SAME : Padding::VALID, t.stride_h, t.stride_w,
                      t.dilation_h, t.dilation_w));
    const std::vector<float> out = run(b, {in});
    const Window wy = window(t.same, t.h, t.kh, t.stride_h, t.dilation_h);
    const Window wx = window(t.same, t.w, t.kw, t.stride_w, t.dilation_w);
    EXPECT_EQ(b.last_output_shape(), (Shape{t.n, wy.out, wx.out, t.out_c}));
    expect_all_near(out, naive_conv(t, in, filter, bias), 1e-5f);
  }
}

LQ_INSTANTIATE_FLOAT_KERNEL_TEST(Conv2DFloat);

TEST(Conv2DFloatErrors, FilterChannelsThatDoNotDivideTheInputNameTheOp) {
  testing::OpBuilder b;
  const int x = b.input({1, 4, 4, 3});
  const int w = constant<float>(b, {2, 3, 3, 2}, std::vector<float>(36, 0.0f));
  const int y = b.output({1, 4, 4, 2});
  b.op(BuiltinOperator::CONV_2D, {x, w}, {y}, conv_options(Padding::SAME, 1, 1));
  expect_plan_error(b, {"op 0 (CONV_2D)", "2 input channels", "has 3"});
}

TEST(Conv2DFloatErrors, BiasOfWrongSizeAndZeroStride) {
  {
    testing::OpBuilder b;
    const int x = b.input({1, 4, 4, 1});
    const int w = constant<float>(b, {2, 1, 1, 1}, {1, 2});
    const int bias = constant<float>(b, {3}, {1, 2, 3});
    const int y = b.output({1, 4, 4, 2});
    b.op(BuiltinOperator::CONV_2D, {x, w, bias}, {y}, conv_options(Padding::SAME, 1, 1));
    expect_plan_error(b, {"op 0 (CONV_2D)", "bias", "expected 2 elements"});
  }
  {
    testing::OpBuilder b;
    const int x = b.input({1, 4, 4, 1});
    const int w = constant<float>(b, {1, 1, 1, 1}, {1});
    const int y = b.output({1, 4, 4, 1});
    b.op(BuiltinOperator::CONV_2D, {x, w}, {y}, conv_options(Padding::SAME, 0, 1));
    expect_plan_error(b, {"op 0 (CONV_2D)", "height stride is 0"});
  }
}

// --- DEPTHWISE_CONV_2D ---------------------------------------------------------------------------

tflite::DepthwiseConv2DOptionsT depthwise_options(
    Padding padding, int stride, int dilation, int multiplier,
    ActivationFunctionType activation = ActivationFunctionType::NONE) {
  tflite::DepthwiseConv2DOptionsT o;
  o.padding = padding;
  o.stride_h = o.stride_w = stride;
  o.dilation_h_factor = o.dilation_w_factor = dilation;
  o.depth_multiplier = multiplier;
  o.fused_activation_function = activation;
  return o;
}

std::vector<float> naive_depthwise(const ConvCase& t, int multiplier, const std::vector<float>& in,
                                   const std::vector<float>& filter,
                                   const std::vector<float>& bias) {
  const Window wy = window(t.same, t.h, t.kh, t.stride_h, t.dilation_h);
  const Window wx = window(t.same, t.w, t.kw, t.stride_w, t.dilation_w);
  const Padded p = zero_pad(in, t.n, t.h, t.w, t.c, wy, wx, t.dilation_h * (t.kh - 1) + 1,
                            t.dilation_w * (t.kw - 1) + 1, t.stride_h, t.stride_w);
  const int out_c = t.c * multiplier;
  std::vector<float> out(static_cast<size_t>(t.n) * wy.out * wx.out * out_c);
  for (int oc = 0; oc < out_c; ++oc)
    for (int b = 0; b < t.n; ++b)
      for (int oy = 0; oy < wy.out; ++oy)
        for (int ox = 0; ox < wx.out; ++ox) {
          double acc = bias[static_cast<size_t>(oc)];
          for (int ky = 0; ky < t.kh; ++ky)
            for (int kx = 0; kx < t.kw; ++kx)
              acc += p.at(b, oy * t.stride_h + ky * t.dilation_h,
                          ox * t.stride_w + kx * t.dilation_w, oc / multiplier, t.c) *
                     filter[(static_cast<size_t>(ky) * t.kw + kx) * out_c + oc];
          out[((static_cast<size_t>(b) * wy.out + oy) * wx.out + ox) * out_c + oc] =
              static_cast<float>(acc);
        }
  return out;
}

using DepthwiseConv2DFloat = testing::FloatKernelTest;

TEST_P(DepthwiseConv2DFloat, Multiplier2ByHand) {
  // Input channel 0 = 1 2 / 3 4, channel 1 = 10 20 / 30 40. Outputs 0, 1 read channel 0 and 2, 3
  // read channel 1: all-ones, (0,0) only, all 0.1, (1,1) only. The multiplier comes from the
  // filter shape, as in TFLite, so an inconsistent depth_multiplier option (0) changes nothing.
  for (int option : {2, 0}) {
    testing::OpBuilder b;
    const int x = b.input({1, 2, 2, 2});
    const int w = constant<float>(b, {1, 2, 2, 4}, {1, 1, 0.1f, 0,    // tap (0,0)
                                                   1, 0, 0.1f, 0,    // tap (0,1)
                                                   1, 0, 0.1f, 0,    // tap (1,0)
                                                   1, 0, 0.1f, 1});  // tap (1,1)
    const int bias = constant<float>(b, {4}, {0, 1, 2, 3});
    const int y = b.output({1, 1, 1, 4});
    b.op(BuiltinOperator::DEPTHWISE_CONV_2D, {x, w, bias}, {y},
         depthwise_options(Padding::VALID, 1, 1, option));
    expect_all_near(run(b, {{1, 10, 2, 20, 3, 30, 4, 40}}), {10, 2, 12, 43});
    EXPECT_EQ(b.last_output_shape(), (Shape{1, 1, 1, 4}));
  }
}

TEST_P(DepthwiseConv2DFloat, SamePaddingWithRelu6) {
  // 3x3 input of ones, 3x3 filter of ones, SAME: each output counts its in-image taps (4, 6 or 9),
  // doubled per channel by the filter; RELU6 caps them.
  testing::OpBuilder b;
  const int x = b.input({1, 3, 3, 1});
  const int w = constant<float>(b, {1, 3, 3, 2}, std::vector<float>{1, 0.5f, 1, 0.5f, 1, 0.5f,
                                                                   1, 0.5f, 1, 0.5f, 1, 0.5f,
                                                                   1, 0.5f, 1, 0.5f, 1, 0.5f});
  const int y = b.output({1, 3, 3, 2});
  b.op(BuiltinOperator::DEPTHWISE_CONV_2D, {x, w}, {y},
       depthwise_options(Padding::SAME, 1, 1, 2, ActivationFunctionType::RELU6));
  EXPECT_EQ(run(b, {std::vector<float>(9, 1.0f)}),
            (std::vector<float>{4, 2, 6, 3, 4, 2, 6, 3, 6, 4.5f, 6, 3, 4, 2, 6, 3, 4, 2}));
}

TEST_P(DepthwiseConv2DFloat, MatchesDirectFormulaOnRandomData) {
  struct Case {
    ConvCase conv;
    int multiplier;
  };
  const Case cases[] = {
      {{1, 7, 7, 3, 6, 3, 3, true, 2, 2, 1, 1}, 2},   // SAME, stride 2, multiplier 2
      {{2, 8, 9, 2, 2, 3, 3, false, 1, 1, 2, 2}, 1},  // VALID, dilation 2
      {{1, 6, 5, 2, 6, 2, 3, true, 1, 1, 2, 2}, 3},   // SAME, dilation 2, multiplier 3
  };
  testing::Random rng(11);
  for (const Case& c : cases) {
    const ConvCase& t = c.conv;
    const int out_c = t.c * c.multiplier;
    const std::vector<float> in = rng.uniform_vector(static_cast<size_t>(t.n * t.h * t.w * t.c), -1, 1);
    const std::vector<float> filter = rng.uniform_vector(static_cast<size_t>(t.kh * t.kw * out_c), -1, 1);
    const std::vector<float> bias = rng.uniform_vector(static_cast<size_t>(out_c), -1, 1);
    testing::OpBuilder b;
    const int x = b.input({t.n, t.h, t.w, t.c});
    const int w = constant<float>(b, {1, t.kh, t.kw, out_c}, filter);
    const int bb = constant<float>(b, {out_c}, bias);
    const int y = b.output({t.n, 1, 1, out_c});
    tflite::DepthwiseConv2DOptionsT o = depthwise_options(
        t.same ? Padding::SAME : Padding::VALID, t.stride_h, t.dilation_h, c.multiplier);
    b.op(BuiltinOperator::DEPTHWISE_CONV_2D, {x, w, bb}, {y}, o);
    const std::vector<float> out = run(b, {in});
    const Window wy = window(t.same, t.h, t.kh, t.stride_h, t.dilation_h);
    const Window wx = window(t.same, t.w, t.kw, t.stride_w, t.dilation_w);
    EXPECT_EQ(b.last_output_shape(), (Shape{t.n, wy.out, wx.out, out_c}));
    expect_all_near(out, naive_depthwise(t, c.multiplier, in, filter, bias), 1e-5f);
  }
}

LQ_INSTANTIATE_FLOAT_KERNEL_TEST(DepthwiseConv2DFloat);

TEST(DepthwiseConv2DFloatErrors, FilterChannelsNotAMultipleNameTheOp) {
  testing::OpBuilder b;
  const int x = b.input({1, 4, 4, 2});
  const int w = constant<float>(b, {1, 3, 3, 3}, std::vector<float>(27, 0.0f));
  const int y = b.output({1, 4, 4, 3});
  b.op(BuiltinOperator::DEPTHWISE_CONV_2D, {x, w}, {y}, depthwise_options(Padding::SAME, 1, 1, 1));
  expect_plan_error(b, {"op 0 (DEPTHWISE_CONV_2D)", "not a multiple of the 2 channels"});
}

TEST(DepthwiseConv2DFloatErrors, ValidWindowLargerThanInput) {
  testing::OpBuilder b;
  const int x = b.input({1, 2, 2, 1});
  const int w = constant<float>(b, {1, 3, 3, 1}, std::vector<float>(9, 0.0f));
  const int y = b.output({1, 1, 1, 1});
  b.op(BuiltinOperator::DEPTHWISE_CONV_2D, {x, w}, {y}, depthwise_options(Padding::VALID, 1, 1, 1));
  expect_plan_error(b, {"op 0 (DEPTHWISE_CONV_2D)", "output height would be 0"});
}

}  // namespace
}  // namespace lq
