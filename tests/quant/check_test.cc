// `check`: a valid int8 model passes, and each kind of violation is caught and named.
#include "quant/check.h"

#include <gtest/gtest.h>

#include <cmath>

#include "testing/op_builder.h"

namespace lq::quant {
namespace {

using Op = tflite::BuiltinOperator;
using K = ViolationKind;
using T = ElementType;

ir::QuantParams params(std::vector<float> scale, std::vector<int64_t> zero_point, int32_t axis = 0) {
  ir::QuantParams q;
  q.scale = std::move(scale);
  q.zero_point = std::move(zero_point);
  q.axis = axis;
  return q;
}

std::vector<K> kinds(const CheckResult& r) {
  std::vector<K> k;
  for (const Violation& v : r.violations) k.push_back(v.kind);
  return k;
}

std::string all_text(const CheckResult& r) {
  std::string s;
  for (const Violation& v : r.violations) s += violation_text(v) + "\n";
  return s;
}

// float x -> QUANTIZE -> CONV_2D (1x1, per-channel) -> RESHAPE -> FULLY_CONNECTED (per-channel)
// -> SOFTMAX -> DEQUANTIZE -> float y; every parameter as the spec requires.
struct ConvFcModel {
  testing::OpBuilder b;
  int x, xq, conv_w, conv_b, conv_out, shape, flat, fc_w, fc_b, fc_out, probs, y;

  ConvFcModel() {
    x = b.input({1, 2, 2, 2});
    xq = b.tensor({1, 2, 2, 2}, T::kInt8);
    b.at(xq).quant = params({0.5f}, {-3});
    b.op(Op::QUANTIZE, {x}, {xq});

    conv_w = b.constant<int8_t>({3, 1, 1, 2}, {127, -127, 5, -6, 0, 100});
    b.at(conv_w).quant = params({0.1f, 0.2f, 0.3f}, {0, 0, 0}, 0);
    conv_b = b.constant<int32_t>({3}, {10, -20, 30});
    b.at(conv_b).quant = params({0.05f, 0.1f, 0.15f}, {0, 0, 0});
    conv_out = b.tensor({1, 2, 2, 3}, T::kInt8);
    b.at(conv_out).quant = params({0.25f}, {1});
    b.op(Op::CONV_2D, {xq, conv_w, conv_b}, {conv_out}, tflite::Conv2DOptionsT{});

    shape = b.constant<int32_t>({2}, {1, 12});
    flat = b.tensor({1, 12}, T::kInt8);
    b.at(flat).quant = params({0.25f}, {1});
    b.op(Op::RESHAPE, {conv_out, shape}, {flat});

    std::vector<int8_t> w(2 * 12, 3);
    fc_w = b.constant<int8_t>({2, 12}, w);
    b.at(fc_w).quant = params({0.02f, 0.04f}, {0, 0}, 0);
    fc_b = b.constant<int32_t>({2}, {1, 2});
    b.at(fc_b).quant = params({0.25f * 0.02f, 0.25f * 0.04f}, {0, 0});
    fc_out = b.tensor({1, 2}, T::kInt8);
    b.at(fc_out).quant = params({0.3f}, {-2});
    b.op(Op::FULLY_CONNECTED, {flat, fc_w, fc_b}, {fc_out}, tflite::FullyConnectedOptionsT{});

    probs = b.tensor({1, 2}, T::kInt8);
    b.at(probs).quant = params({1.0f / 256}, {-128});
    b.op(Op::SOFTMAX, {fc_out}, {probs}, tflite::SoftmaxOptionsT{});

    y = b.output({1, 2});
    b.op(Op::DEQUANTIZE, {probs}, {y});
  }
  ir::Tensor& at(int t) { return b.at(t); }
  CheckResult check() { return check_model(b.model()); }
};

TEST(Check, ValidPerChannelInt8ModelPasses) {
  ConvFcModel m;
  const CheckResult r = m.check();
  EXPECT_TRUE(r.quantized);
  EXPECT_TRUE(r.violations.empty()) << all_text(r);
}

TEST(Check, FloatModelIsNotQuantizedAndHasNoViolations) {
  testing::OpBuilder b;
  const int x = b.input({1, 3});
  const int y = b.output({1, 3});
  b.op(Op::RELU, {x}, {y});
  const CheckResult r = check_model(b.model());
  EXPECT_FALSE(r.quantized);
  EXPECT_TRUE(r.violations.empty());
}

TEST(Check, WeightZeroPointNamesOpTensorAndChannel) {
  ConvFcModel m;
  m.at(m.conv_w).quant.zero_point = {0, 5, 0};
  const CheckResult r = m.check();
  ASSERT_EQ(kinds(r), std::vector<K>{K::kWeightZeroPoint}) << all_text(r);
  const Violation& v = r.violations[0];
  EXPECT_EQ(v.op, 1);
  EXPECT_EQ(v.op_name, "CONV_2D");
  EXPECT_EQ(v.tensor, m.at(m.conv_w).name);
  const std::string text = violation_text(v);
  EXPECT_NE(text.find("op 1 (CONV_2D) tensor 't"), std::string::npos) << text;
  EXPECT_NE(text.find("expected zero point 0, found 5"), std::string::npos) << text;
  EXPECT_NE(text.find("channel 1"), std::string::npos) << text;
}

TEST(Check, WeightValueMinus128IsOutsideTheSymmetricRange) {
  ConvFcModel m;
  m.at(m.fc_w).data[7] = static_cast<uint8_t>(int8_t{-128});
  const CheckResult r = m.check();
  ASSERT_EQ(kinds(r), std::vector<K>{K::kWeightRange}) << all_text(r);
  EXPECT_NE(r.violations[0].message.find("-128 at element 7"), std::string::npos) << all_text(r);
}

TEST(Check, WrongPerAxisDimension) {
  ConvFcModel m;
  m.at(m.conv_w).quant.axis = 3;
  const CheckResult r = m.check();
  ASSERT_EQ(kinds(r), std::vector<K>{K::kWeightAxis}) << all_text(r);
  EXPECT_NE(r.violations[0].message.find("expected quantized dimension 0, found 3"), std::string::npos);
}

TEST(Check, ScaleCountDifferentFromTheChannelCount) {
  ConvFcModel m;
  m.at(m.fc_w).quant = params({0.02f, 0.04f, 0.05f}, {0, 0, 0}, 0);  // 2 output channels
  const CheckResult r = m.check();
  // The bias (2 scales) no longer matches the weights' 3 scales either.
  EXPECT_EQ(kinds(r), (std::vector<K>{K::kWeightAxis, K::kBiasScale})) << all_text(r);
}

TEST(Check, DepthwiseWeightsArePerAxisOnDimension3) {
  testing::OpBuilder b;
  const int x = b.input({1, 2, 2, 2}, T::kInt8);
  b.at(x).quant = params({0.5f}, {0});
  const int w = b.constant<int8_t>({1, 1, 1, 2}, {1, 2});
  b.at(w).quant = params({0.1f, 0.2f}, {0, 0}, 3);
  const int bias = b.constant<int32_t>({2}, {0, 0});
  b.at(bias).quant = params({0.05f, 0.1f}, {0, 0});
  const int y = b.output({1, 2, 2, 2}, T::kInt8);
  b.at(y).quant = params({0.5f}, {0});
  b.op(Op::DEPTHWISE_CONV_2D, {x, w, bias}, {y}, tflite::DepthwiseConv2DOptionsT{});
  EXPECT_TRUE(check_model(b.model()).violations.empty()) << all_text(check_model(b.model()));
  b.at(w).quant.axis = 0;
  EXPECT_EQ(kinds(check_model(b.model())), std::vector<K>{K::kWeightAxis});
}

TEST(Check, WeightsThatAreNotInt8) {
  ConvFcModel m;
  ir::Tensor& w = m.at(m.conv_w);
  w.type = T::kFloat32;
  w.data.assign(6 * sizeof(float), 0);
  const CheckResult r = m.check();
  EXPECT_EQ(kinds(r), std::vector<K>{K::kWeightType}) << all_text(r);
}

TEST(Check, BiasTypeMustBeInt32ForInt8Activations) {
  ConvFcModel m;
  m.at(m.conv_b).type = T::kInt64;
  m.at(m.conv_b).data.resize(3 * sizeof(int64_t));
  const CheckResult r = m.check();
  ASSERT_EQ(kinds(r), std::vector<K>{K::kBiasType}) << all_text(r);
  EXPECT_NE(r.violations[0].message.find("expected int32, found int64"), std::string::npos);
}

TEST(Check, BiasScaleMustBeInputScaleTimesWeightScale) {
  ConvFcModel m;
  m.at(m.conv_b).quant.scale[2] *= 1.001f;
  const CheckResult r = m.check();
  ASSERT_EQ(kinds(r), std::vector<K>{K::kBiasScale}) << all_text(r);
  EXPECT_NE(r.violations[0].message.find("channel 2"), std::string::npos) << all_text(r);
  // Within the relative tolerance of 1e-6: float rounding of the product is accepted.
  ConvFcModel ok;
  ok.at(ok.conv_b).quant.scale[2] = std::nextafter(ok.at(ok.conv_b).quant.scale[2], 1.0f);
  EXPECT_TRUE(ok.check().violations.empty());
}

TEST(Check, BiasZeroPointMustBeZero) {
  ConvFcModel m;
  m.at(m.fc_b).quant.zero_point = {0, 4};
  EXPECT_EQ(kinds(m.check()), std::vector<K>{K::kBiasZeroPoint});
}

TEST(Check, FixedOutputParameters) {
  ConvFcModel m;
  m.at(m.probs).quant = params({1.0f / 128}, {0});
  const CheckResult r = m.check();
  ASSERT_EQ(kinds(r), std::vector<K>{K::kFixedOutput}) << all_text(r);
  EXPECT_NE(r.violations[0].message.find("expected fixed scale 0.00390625 zero point -128"), std::string::npos)
      << all_text(r);
}

TEST(Check, ReshapeMustKeepTheInputParameters) {
  ConvFcModel m;
  m.at(m.flat).quant = params({0.25f}, {2});
  m.at(m.fc_b).quant = params({0.25f * 0.02f, 0.25f * 0.04f}, {0, 0});
  const CheckResult r = m.check();
  ASSERT_EQ(kinds(r), std::vector<K>{K::kSharedParams}) << all_text(r);
  EXPECT_EQ(r.violations[0].op_name, "RESHAPE");
}

TEST(Check, ConcatenationInputsMustHaveTheOutputParameters) {
  testing::OpBuilder b;
  const int a = b.input({1, 2}, T::kInt8);
  const int c = b.input({1, 2}, T::kInt8);
  const int y = b.output({1, 4}, T::kInt8);
  b.at(a).quant = params({0.1f}, {0});
  b.at(c).quant = params({0.1f}, {0});
  b.at(y).quant = params({0.1f}, {0});
  tflite::ConcatenationOptionsT options;
  options.axis = 1;
  b.op(Op::CONCATENATION, {a, c}, {y}, options);
  EXPECT_TRUE(check_model(b.model()).violations.empty());
  b.at(c).quant = params({0.2f}, {0});
  const CheckResult r = check_model(b.model());
  ASSERT_EQ(kinds(r), std::vector<K>{K::kSharedParams}) << all_text(r);
  EXPECT_EQ(r.violations[0].tensor, b.at(c).name);
  EXPECT_NE(r.violations[0].message.find("LiteRT.js"), std::string::npos);
}

TEST(Check, EveryViolationIsListed) {
  ConvFcModel m;
  m.at(m.conv_w).quant.zero_point = {1, 0, 0};
  m.at(m.fc_w).quant.zero_point = {0, 2};
  m.at(m.probs).quant.zero_point = {0};
  EXPECT_EQ(kinds(m.check()), (std::vector<K>{K::kWeightZeroPoint, K::kWeightZeroPoint, K::kFixedOutput}));
}

TEST(Check, QuantizedTensorsNeedParameters) {
  ConvFcModel m;
  m.at(m.fc_out).quant = {};
  const CheckResult r = m.check();
  ASSERT_EQ(kinds(r), std::vector<K>{K::kMissingQuantParams}) << all_text(r);
  EXPECT_EQ(r.violations[0].op_name, "FULLY_CONNECTED");  // reported at the producer
}

TEST(Check, InvalidScaleAndZeroPointOutOfRange) {
  ConvFcModel m;
  m.at(m.fc_out).quant = params({0.0f}, {-2});
  m.at(m.xq).quant = params({0.5f}, {200});
  const CheckResult r = m.check();
  EXPECT_EQ(kinds(r), (std::vector<K>{K::kZeroPointRange, K::kInvalidQuantParams})) << all_text(r);
}

TEST(Check, ActivationsArePerTensor) {
  ConvFcModel m;
  m.at(m.fc_out).quant = params({0.3f, 0.3f}, {-2, -2}, 1);
  const CheckResult r = m.check();
  EXPECT_EQ(kinds(r), std::vector<K>{K::kPerAxisActivation}) << all_text(r);
}

TEST(Check, FloatAndInt8ActivationsMixedInOneOp) {
  ConvFcModel m;
  m.at(m.fc_out).type = T::kFloat32;  // FULLY_CONNECTED int8 -> float32, SOFTMAX float32 -> int8
  m.at(m.fc_out).quant = {};
  const CheckResult r = m.check();
  EXPECT_EQ(kinds(r), (std::vector<K>{K::kMixedTypes, K::kMixedTypes})) << all_text(r);
}

TEST(Check, OpsWithoutAnInt8KernelInTheSpec) {
  testing::OpBuilder b;
  const int a = b.input({1, 2}, T::kInt8);
  const int c = b.input({1, 2}, T::kInt8);
  const int y = b.output({1, 2}, T::kInt8);
  for (int t : {a, c, y}) b.at(t).quant = params({0.1f}, {0});
  b.op(Op::DIV, {a, c}, {y});
  const CheckResult r = check_model(b.model());
  ASSERT_EQ(kinds(r), std::vector<K>{K::kUnsupportedType}) << all_text(r);
  EXPECT_EQ(r.violations[0].op_name, "DIV");
}

// 16x8: int16 activations with zero point 0 and an int64 bias.
struct Conv16x8 {
  testing::OpBuilder b;
  int x, w, bias, y;
  Conv16x8() {
    x = b.input({1, 1, 1, 2}, T::kInt16);
    b.at(x).quant = params({0.001f}, {0});
    w = b.constant<int8_t>({2, 1, 1, 2}, {1, 2, 3, 4});
    b.at(w).quant = params({0.1f, 0.2f}, {0, 0}, 0);
    bias = b.constant<int64_t>({2}, {0, 0});
    b.at(bias).quant = params({0.0001f, 0.0002f}, {0, 0});
    y = b.output({1, 1, 1, 2}, T::kInt16);
    b.at(y).quant = params({0.002f}, {0});
    b.op(Op::CONV_2D, {x, w, bias}, {y}, tflite::Conv2DOptionsT{});
  }
};

TEST(Check, Int16x8ModelPassesWithInt64Bias) {
  Conv16x8 m;
  const CheckResult r = check_model(m.b.model());
  EXPECT_TRUE(r.violations.empty()) << all_text(r);
}

TEST(Check, Int16ActivationsNeedZeroPointZeroAndInt64Bias) {
  Conv16x8 m;
  m.b.at(m.y).quant.zero_point = {5};
  m.b.at(m.bias).type = T::kInt32;
  const CheckResult r = check_model(m.b.model());
  EXPECT_EQ(kinds(r), (std::vector<K>{K::kInt16ZeroPoint, K::kBiasType})) << all_text(r);
}

TEST(Check, Int16OpWithoutA16x8Kernel) {
  testing::OpBuilder b;
  const int x = b.input({1, 4}, T::kInt16);
  const int y = b.output({1, 4}, T::kInt16);
  b.at(x).quant = params({0.01f}, {0});
  b.at(y).quant = params({16.0f / 256}, {0});
  b.op(Op::LOG_SOFTMAX, {x}, {y});
  EXPECT_EQ(kinds(check_model(b.model())), std::vector<K>{K::kUnsupportedType});
}

TEST(Check, Uint8InputMustGoThroughQuantize) {
  ConvFcModel m;
  // Feed the CONV_2D with a uint8 model input directly.
  ir::Tensor& x = m.at(m.x);
  x.type = T::kUInt8;
  x.quant = params({0.5f}, {125});
  m.b.model().subgraphs[0].ops[1].inputs[0] = m.x;
  const CheckResult r = m.check();
  ASSERT_EQ(kinds(r), std::vector<K>{K::kIoType}) << all_text(r);
  EXPECT_EQ(r.violations[0].op_name, "CONV_2D");
}

TEST(Check, Uint8InputThroughQuantizePasses) {
  ConvFcModel m;
  m.at(m.x).type = T::kUInt8;
  m.at(m.x).quant = params({0.5f}, {125});  // zero point shifted by 128, as TFLite's converter does
  EXPECT_TRUE(m.check().violations.empty()) << all_text(m.check());
}

TEST(Check, ModelOutputOfAnotherType) {
  ConvFcModel m;
  m.at(m.y).type = T::kFloat16;
  const CheckResult r = m.check();
  // DEQUANTIZE must produce float32, and a float16 model output is not an allowed I/O type.
  EXPECT_EQ(kinds(r), (std::vector<K>{K::kUnsupportedType, K::kIoType})) << all_text(r);
  EXPECT_EQ(r.violations[1].op, -1);
  EXPECT_NE(violation_text(r.violations[1]).find("model output"), std::string::npos);
}

// Dynamic range: float activations, int8 symmetric weights (the FULLY_CONNECTED with weight zero
// point 5 that LiteRT.js accepted).
TEST(Check, DynamicRangeWeightsAreSymmetric) {
  testing::OpBuilder b;
  const int x = b.input({1, 2});
  const int w = b.constant<int8_t>({2, 2}, {1, 2, 3, 4});
  b.at(w).quant = params({0.1f}, {0});
  const int y = b.output({1, 2});
  b.op(Op::FULLY_CONNECTED, {x, w, -1}, {y}, tflite::FullyConnectedOptionsT{});
  const CheckResult ok = check_model(b.model());
  EXPECT_TRUE(ok.quantized);
  EXPECT_TRUE(ok.violations.empty()) << all_text(ok);
  b.at(w).quant.zero_point = {5};
  EXPECT_EQ(kinds(check_model(b.model())), std::vector<K>{K::kWeightZeroPoint});
}

}  // namespace
}  // namespace lq::quant
