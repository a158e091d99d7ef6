// Hybrid kernels (float input and output, int8 weights): the on-the-fly input quantizations on
// hand-worked values, exact outputs where the input quantizes exactly, closeness to the float
// kernels on random models quantized by dynamic-range mode, and errors for bad weights.
#include <gtest/gtest.h>

#include <cmath>

#include "kernels/reference/hybrid.h"
#include "quant/dynamic.h"
#include "testing/op_builder.h"
#include "testing/random.h"

namespace lq {
namespace {

using ref::InputQuantization;
using tflite::BuiltinOperator;

std::vector<int8_t> quantized(InputQuantization how, const std::vector<float>& x,
                              ref::InputQuant& q) {
  std::vector<int8_t> out(x.size());
  q = ref::quantize_inputs(how, x.data(), static_cast<int64_t>(x.size()), out.data());
  return out;
}

TEST(HybridInputQuantization, SymmetricRoundsTiesAwayFromZero) {
  ref::InputQuant q;
  // max|x| = 1.27: scale 0.01, and 0.635 / 0.01 = 63.5 rounds to 64.
  const auto v = quantized(InputQuantization::kTfliteSymmetric, {-1.27f, 0.635f, 0.0f, 0.1f}, q);
  EXPECT_FLOAT_EQ(q.scale, 1.27f / 127);
  EXPECT_EQ(q.zero_point, 0);
  EXPECT_EQ(v, (std::vector<int8_t>{-127, 64, 0, 10}));
}

TEST(HybridInputQuantization, AsymmetricZeroPointsDifferBetweenTfliteAndXnnpack) {
  // Range [-1, 1]: scale 2/255, and both ends put the zero point at -0.5. TFLite rounds it away
  // from zero (-1), XNNPACK to even (0).
  ref::InputQuant tfl, xnn;
  quantized(InputQuantization::kTfliteAsymmetric, {-1.0f, 1.0f, 0.25f}, tfl);
  const auto v = quantized(InputQuantization::kXnnpack, {-1.0f, 1.0f, 0.25f}, xnn);
  EXPECT_EQ(tfl.zero_point, -1);
  EXPECT_EQ(xnn.zero_point, 0);
  EXPECT_FLOAT_EQ(tfl.scale, 2.0f / 255);
  EXPECT_FLOAT_EQ(xnn.scale, 2.0f / 255);
  // XNNPACK: x * 127.5 rounded to even: -127.5 -> -128, 127.5 -> 128 clamped to 127, 31.875 -> 32.
  EXPECT_EQ(v, (std::vector<int8_t>{-128, 127, 32}));
}

TEST(HybridInputQuantization, RangeAlwaysHoldsZeroAndAllZerosGiveScaleOne) {
  ref::InputQuant q;
  // All positive: the range is [0, 2.55], zero point -128, scale 0.01.
  const auto v = quantized(InputQuantization::kTfliteAsymmetric, {1.0f, 2.55f}, q);
  EXPECT_EQ(q.zero_point, -128);
  EXPECT_NEAR(q.scale, 0.01f, 1e-8f);
  EXPECT_EQ(v, (std::vector<int8_t>{-28, 127}));
  for (InputQuantization how :
       {InputQuantization::kTfliteSymmetric, InputQuantization::kTfliteAsymmetric,
        InputQuantization::kXnnpack}) {
    const auto zeros = quantized(how, {0.0f, 0.0f, 0.0f}, q);
    EXPECT_EQ(q.scale, 1.0f);
    EXPECT_EQ(zeros, (std::vector<int8_t>{0, 0, 0}));
  }
}

TEST(HybridInputQuantization, ZeroPointFirstRoundsAfterAddingIt) {
  // Range [0, 6]: scale 6/255, zero point -128, and 0.2 / scale = 8.5 exactly. TFLite's portable
  // code rounds 8.5 to 9, then adds -128; LiteRT.js's depthwise rounds -119.5 to -120.
  ref::InputQuant q;
  EXPECT_EQ(quantized(InputQuantization::kTfliteAsymmetric, {0.0f, 6.0f, 0.2f, 0.6f}, q),
            (std::vector<int8_t>{-128, 127, -119, -102}));
  EXPECT_EQ(q.zero_point, -128);
  EXPECT_EQ(
      quantized(InputQuantization::kTfliteAsymmetricZeroPointFirst, {0.0f, 6.0f, 0.2f, 0.6f}, q),
      (std::vector<int8_t>{-128, 127, -120, -103}));
  EXPECT_EQ(q.zero_point, -128);
}

// FULLY_CONNECTED [1, 4] x int8 [2, 4] (scales 0.5 and 0.25) + bias. The input spans exactly
// [-128, 127], so every asymmetric quantization is exact (scale 1, zero point 0).
std::vector<float> exact_fc(arith::Arithmetic arithmetic) {
  testing::OpBuilder b;
  const int x = b.input({1, 4});
  const int w = b.constant<int8_t>({2, 4}, {1, 2, 3, 4, -1, 0, 1, 127});
  testing::set_quant(b.at(w), {0.5f, 0.25f}, {0, 0});
  const int bias = b.constant<float>({2}, {1.0f, -2.0f});
  tflite::FullyConnectedOptionsT options;
  options.asymmetric_quantize_inputs = true;
  b.op(BuiltinOperator::FULLY_CONNECTED, {x, w, bias}, {b.output({1, 2})}, options);
  rt::InterpreterOptions o;
  o.arithmetic = arithmetic;
  return b.run({{-128.0f, 127.0f, 3.0f, -5.0f}}, 0, o);
}

TEST(HybridKernels, FullyConnectedExactValues) {
  // (-128 + 254 + 9 - 20) * 0.5 + 1 = 58.5; (128 + 0 + 3 - 635) * 0.25 - 2 = -128.
  EXPECT_EQ(exact_fc(arith::Arithmetic::kRuntime), (std::vector<float>{58.5f, -128.0f}));
  EXPECT_EQ(exact_fc(arith::Arithmetic::kTfliteReference), (std::vector<float>{58.5f, -128.0f}));
}

TEST(HybridKernels, DepthwiseExactValuesWithPaddingReadingZero) {
  // 1x1x3x1 input [-128, 0, 127] (exact: scale 1, zero point 0), filter 1x1x3x1 [1, 2, 3] scale
  // 0.5, SAME padding: the taps beyond the edges add nothing.
  testing::OpBuilder b;
  const int x = b.input({1, 1, 3, 1});
  const int w = b.constant<int8_t>({1, 1, 3, 1}, {1, 2, 3});
  testing::set_quant(b.at(w), {0.5f}, {0}, 3);
  tflite::DepthwiseConv2DOptionsT options;
  options.padding = tflite::Padding::SAME;
  options.stride_h = options.stride_w = 1;
  options.depth_multiplier = 1;
  b.op(BuiltinOperator::DEPTHWISE_CONV_2D, {x, w, -1}, {b.output({1, 1, 3, 1})}, options);
  // out[0] = (0*-128*1... ) taps: x[-1]*1 + x[0]*2 + x[1]*3 = -256; out[1] = -128 + 0 + 381 = 253;
  // out[2] = 0 + 254 + 0 = 254; times 0.5.
  EXPECT_EQ(b.run({{-128.0f, 0.0f, 127.0f}}), (std::vector<float>{-128.0f, 126.5f, 127.0f}));
}

// A float one-op model and its dynamic-range version run on the same input: close, not equal.
void expect_close_to_float(testing::OpBuilder& b, const Shape& input, float tolerance) {
  const std::vector<float> x =
      testing::Random(11).uniform_vector(static_cast<size_t>(num_elements(input)), -1, 2);
  const std::vector<float> want = b.run({x});
  ir::Model model = b.model();
  quant::QuantizeOptions options;
  options.mode = quant::Mode::kDynamic;
  quant::QuantizeReport report;
  quant::quantize_dynamic(model, options, report);
  ASSERT_EQ(report.float_ops.size(), 0u);
  ASSERT_EQ(
      model.subgraphs[0].tensors[static_cast<size_t>(model.subgraphs[0].ops[0].inputs[1])].type,
      ElementType::kInt8);
  for (arith::Arithmetic arithmetic :
       {arith::Arithmetic::kRuntime, arith::Arithmetic::kTfliteReference}) {
    rt::InterpreterOptions o;
    o.arithmetic = arithmetic;
    rt::Interpreter interpreter(model, o);
    interpreter.set_input(0, x.data(), x.size() * sizeof(float));
    interpreter.invoke();
    const rt::TensorBuffer& out = interpreter.output(0);
    ASSERT_EQ(static_cast<size_t>(out.elements()), want.size());
    float max_ref = 0, max_err = 0, sum_err = 0;
    for (size_t i = 0; i < want.size(); ++i) {
      max_ref = std::max(max_ref, std::abs(want[i]));
      max_err = std::max(max_err, std::abs(out.as<float>()[i] - want[i]));
      sum_err += std::abs(out.as<float>()[i] - want[i]);
    }
    EXPECT_LE(max_err / max_ref, tolerance);
    EXPECT_GT(sum_err, 0.0f);  // the int8 weights do change the result
  }
}

std::vector<float> weights(int64_t n, uint64_t seed) {
  return testing::Random(seed).uniform_vector(static_cast<size_t>(n), -0.5f, 0.5f);
}

TEST(HybridKernels, FullyConnectedCloseToFloat) {
  testing::OpBuilder b;
  const int x = b.input({3, 64});
  const int w = b.constant<float>({40, 64}, weights(40 * 64, 1));
  const int bias = b.constant<float>({40}, weights(40, 2));
  b.op(BuiltinOperator::FULLY_CONNECTED, {x, w, bias}, {b.output({3, 40})},
       tflite::FullyConnectedOptionsT{});
  expect_close_to_float(b, {3, 64}, 0.02f);
}

TEST(HybridKernels, ConvCloseToFloat) {
  testing::OpBuilder b;
  const int x = b.input({2, 7, 7, 12});
  const int w = b.constant<float>({16, 3, 3, 12}, weights(16 * 3 * 3 * 12, 3));
  const int bias = b.constant<float>({16}, weights(16, 4));
  tflite::Conv2DOptionsT options;
  options.padding = tflite::Padding::SAME;
  options.stride_h = options.stride_w = 2;
  b.op(BuiltinOperator::CONV_2D, {x, w, bias}, {b.output({2, 4, 4, 16})}, options);
  expect_close_to_float(b, {2, 7, 7, 12}, 0.02f);
}

TEST(HybridKernels, DepthwiseCloseToFloat) {
  testing::OpBuilder b;
  const int x = b.input({2, 8, 8, 64});
  const int w = b.constant<float>({1, 3, 3, 128}, weights(3 * 3 * 128, 5));
  tflite::DepthwiseConv2DOptionsT options;
  options.padding = tflite::Padding::VALID;
  options.stride_h = options.stride_w = 1;
  options.depth_multiplier = 2;
  b.op(BuiltinOperator::DEPTHWISE_CONV_2D, {x, w, -1}, {b.output({2, 6, 6, 128})}, options);
  expect_close_to_float(b, {2, 8, 8, 64}, 0.02f);
}

TEST(HybridKernels, BatchMatMulCloseToFloat) {
  testing::OpBuilder b;
  const int x = b.input({2, 3, 48, 5});
  const int w = b.constant<float>({1, 32, 48}, weights(32 * 48, 6));
  tflite::BatchMatMulOptionsT options;
  options.adj_x = true;
  options.adj_y = true;
  b.op(BuiltinOperator::BATCH_MATMUL, {x, w}, {b.output({2, 3, 5, 32})}, options);
  expect_close_to_float(b, {2, 3, 48, 5}, 0.02f);
}

TEST(HybridKernels, WeightsWithAZeroPointAreRefused) {
  testing::OpBuilder b;
  const int x = b.input({1, 4});
  const int w = b.constant<int8_t>({2, 4}, {1, 2, 3, 4, 5, 6, 7, 8});
  testing::set_quant(b.at(w), {0.5f}, {3});
  b.op(BuiltinOperator::FULLY_CONNECTED, {x, w, -1}, {b.output({1, 2})},
       tflite::FullyConnectedOptionsT{});
  try {
    b.run({{1, 2, 3, 4}});
    FAIL() << "expected an error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("zero point 3"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("FULLY_CONNECTED"), std::string::npos) << e.what();
  }
}

TEST(HybridKernels, PerChannelScalesAlongTheWrongAxisAreRefused) {
  testing::OpBuilder b;
  const int x = b.input({1, 4});
  const int w = b.constant<int8_t>({2, 4}, {1, 2, 3, 4, 5, 6, 7, 8});
  testing::set_quant(b.at(w), {0.5f, 0.5f, 0.5f, 0.5f}, {0, 0, 0, 0}, 1);
  b.op(BuiltinOperator::FULLY_CONNECTED, {x, w, -1}, {b.output({1, 2})},
       tflite::FullyConnectedOptionsT{});
  EXPECT_THROW(b.run({{1, 2, 3, 4}}), std::exception);
}

}  // namespace
}  // namespace lq
