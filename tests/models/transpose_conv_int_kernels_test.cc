// TRANSPOSE_CONV int8 and 16x8 on hand-made one-op models run by litequant and by LiteRT.js:
// every output element must equal LiteRT.js's under the default arithmetic (Arithmetic::kRuntime);
// how many differ under kTfliteReference is printed too. Strides, SAME/VALID (with odd overlaps, so the
// padding is uneven), per-tensor and per-channel weights, with and without bias, fused clamps;
// weight scales of few mantissa bits put many accumulators on exact rounding ties.
#include <gtest/gtest.h>

#include "testing/oracle_cases.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;
using tflite::Padding;

struct Case {
  std::string name;
  Shape input;               // [n, h, w, in_ch]
  int32_t out_c, kh, kw;
  int32_t stride_h, stride_w;
  int32_t out_h, out_w;
  Padding padding = Padding::SAME;
  std::vector<float> weight_scales;  // one (per tensor) or out_c
  bool bias = true;
  ActivationFunctionType activation = ActivationFunctionType::NONE;
  float input_scale = 0.05f, output_scale = 0.1f;
  int32_t input_zero_point = 3, output_zero_point = -5;
  int32_t bias_spread = 3000;
  int32_t weight_spread = 127;  // weights uniform in [-spread, spread]
  // int16 inputs are 256 times wider: a coarser 16x8 output keeps most results unclamped.
  float int16_output_factor = 32.0f;
};

// int8 (int32 bias) or 16x8 (int16 data and output with zero point 0, int64 bias).
testing::OracleCase build(const Case& c, ElementType type, uint64_t seed) {
  const bool int16 = type == ElementType::kInt16;
  testing::Random random(seed);
  testing::OpBuilder b;
  const Shape filter_shape = {c.out_c, c.kh, c.kw, c.input[3]};
  const int shape = b.constant<int32_t>({4}, {c.input[0], c.out_h, c.out_w, c.out_c});
  const int filter = b.constant(filter_shape,
                                testing::uniform_ints<int8_t>(random, num_elements(filter_shape),
                                                              -c.weight_spread, c.weight_spread));
  const std::vector<int64_t> zero_points(c.weight_scales.size(), 0);
  testing::set_quant(b.at(filter), c.weight_scales, zero_points, 0);
  const int in = b.input(c.input, type);
  testing::set_quant(b.at(in), {c.input_scale}, {int16 ? 0 : c.input_zero_point});
  std::vector<int32_t> inputs = {shape, filter, in};
  if (c.bias) {
    const int bias =
        int16 ? b.constant({c.out_c}, testing::uniform_ints<int64_t>(random, c.out_c,
                                                                     -c.bias_spread * 256,
                                                                     c.bias_spread * 256))
              : b.constant({c.out_c}, testing::uniform_ints<int32_t>(random, c.out_c,
                                                                     -c.bias_spread,
                                                                     c.bias_spread));
    std::vector<float> bias_scales;
    for (float ws : c.weight_scales) bias_scales.push_back(c.input_scale * ws);
    testing::set_quant(b.at(bias), bias_scales, zero_points);
    inputs.push_back(bias);
  }
  const int out = b.output({}, type);
  const float output_scale = int16 ? c.output_scale * c.int16_output_factor : c.output_scale;
  testing::set_quant(b.at(out), {output_scale}, {int16 ? 0 : c.output_zero_point});
  tflite::TransposeConvOptionsT o;
  o.padding = c.padding;
  o.stride_h = c.stride_h;
  o.stride_w = c.stride_w;
  o.fused_activation_function = c.activation;
  b.op(BuiltinOperator::TRANSPOSE_CONV, inputs, {out}, o);

  testing::OracleCase oc;
  oc.name = c.name;
  oc.group = int16 ? "16x8 TRANSPOSE_CONV" : "int8 TRANSPOSE_CONV";
  oc.model = b.model();
  testing::record_planned_output_shapes(oc.model);
  const int64_t n = num_elements(c.input);
  oc.inputs.push_back(
      int16 ? testing::to_array(type, c.input,
                                testing::uniform_ints<int16_t>(random, n, -32768, 32767))
            : testing::to_array(type, c.input,
                                testing::uniform_ints<int8_t>(random, n, -128, 127)));
  return oc;
}

std::vector<Case> cases() {
  const std::vector<float> per_channel_8 = testing::spread_scales(8, 0.002f, 0.02f, 7);
  return {
      {"same_s2_k3_per_channel", {1, 5, 6, 4}, 8, 3, 3, 2, 2, 10, 12, Padding::SAME,
       per_channel_8},
      {"same_s2_k4_pow2_ties", {1, 4, 4, 6}, 6, 4, 4, 2, 2, 8, 8, Padding::SAME,
       testing::pow2_scales(6, 1.0f / 64)},
      {"valid_s2_k3_odd", {2, 3, 4, 3}, 5, 3, 3, 2, 2, 7, 9, Padding::VALID,
       testing::spread_scales(5, 0.003f, 0.01f, 8)},
      {"valid_s1_k2_per_tensor", {1, 6, 5, 7}, 4, 2, 2, 1, 1, 7, 6, Padding::VALID, {0.007f}},
      {"same_s3_k2_no_bias", {1, 4, 3, 5}, 3, 2, 2, 3, 3, 12, 9, Padding::SAME,
       testing::spread_scales(3, 0.004f, 0.02f, 9), false},
      {"same_s2_k3_odd_out", {1, 4, 4, 8}, 8, 3, 3, 2, 2, 7, 7, Padding::SAME, per_channel_8},
      {"same_s2_k5_relu", {1, 3, 5, 4}, 8, 5, 5, 2, 1, 6, 5, Padding::SAME, per_channel_8, true,
       ActivationFunctionType::RELU},
      {"same_s2_k3_relu6_ties", {1, 5, 5, 4}, 6, 3, 3, 2, 2, 10, 10, Padding::SAME,
       testing::pow2_scales(6, 1.0f / 128), true, ActivationFunctionType::RELU6, 0.0625f, 0.03125f,
       -128, -128},
      // input x weight / output scales 2^-12, 2^-11, 2^-10: accumulators on ties, little clamping.
      {"valid_s2_k3_pow2_ties_small", {1, 4, 5, 4}, 6, 3, 3, 2, 2, 9, 11, Padding::VALID,
       testing::pow2_scales(6, 1.0f / 256), true, ActivationFunctionType::NONE, 0.0625f, 1.0f, 0,
       0, 4000},
      // Scales 2^-4, 2^-3, 2^-2 and small weights: a quarter to a sixteenth of the accumulators
      // fall on ties, which XNNPACK rounds half to even, TFLite's int8 kernel half away from zero
      // and its 16x8 kernel toward +infinity (the same scales for 16x8).
      {"same_s2_k3_frequent_ties", {1, 6, 6, 4}, 6, 3, 3, 2, 2, 12, 12, Padding::SAME,
       testing::pow2_scales(6, 1.0f / 64), true, ActivationFunctionType::NONE, 0.0625f, 0.015625f,
       -7, 2, 200, 3, 1.0f},
  };
}

std::vector<testing::OracleCase> build_all(ElementType type, uint64_t seed) {
  std::vector<testing::OracleCase> built;
  for (const Case& c : cases()) built.push_back(build(c, type, seed++));
  return built;
}

TEST(TransposeConvInt8Kernels, EqualsLiteRT) {
  testing::expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "transpose_conv_int8",
                                  build_all(ElementType::kInt8, 100), "");
}

TEST(TransposeConvInt16Kernels, EqualsLiteRT) {
  testing::expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "transpose_conv_int16",
                                  build_all(ElementType::kInt16, 200), "");
}

}  // namespace
}  // namespace lq
