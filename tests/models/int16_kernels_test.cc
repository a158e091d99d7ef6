// 16x8 kernels (int16 activations with zero point 0, int8 weights, int64 bias) on hand-made one-op
// models with int16 inputs and outputs, run by litequant and by LiteRT.js: every int16 output
// element must equal LiteRT.js's under the default arithmetic (Arithmetic::kRuntime). Scales whose
// multipliers are powers of two make many exact ties, activation bounds fall on ties, and the
// accumulators span the int16 output range. How many elements differ under kTfliteReference is
// printed too (a [ figure ] line per op).
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>

#include "testing/op_builder.h"
#include "testing/oracle_cases.h"
#include "testing/random.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;
using tflite::Padding;
using AF = ActivationFunctionType;
using BO = BuiltinOperator;

using Built = testing::OracleCase;  // grouped by op name

using testing::uniform_ints;

io::Array int16_array(const Shape& shape, const std::vector<int16_t>& values) {
  return testing::to_array(ElementType::kInt16, shape, values);
}

void set_scale(ir::Tensor& tensor, float scale) { testing::set_quant(tensor, {scale}, {0}); }

// ---- CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED.

struct AffineCase {
  std::string name;
  BuiltinOperator op;
  Shape input, filter;  // NHWC and [out, kh, kw, in] / [1, kh, kw, ch] / [units, depth]
  float input_scale;
  std::vector<float> filter_scales;  // one (per tensor) or one per output channel
  float output_scale;
  int input_spread = 32767;  // inputs uniform in +- spread
  int weight_spread = 127;
  int64_t bias_spread = 100000;
  int stride = 1, dilation = 1;
  Padding padding = Padding::SAME;
  ActivationFunctionType activation = AF::NONE;
};

using testing::pow2_scales;
using testing::spread_scales;

std::vector<AffineCase> affine_cases() {
  std::vector<AffineCase> c;
  // Ties: with input 2^-8, weights 2^-8..2^-6 and output 2^-14 the multipliers are 2^-2..2^0, so
  // every accumulator that is an odd multiple of 2^-(m+1) is a tie for multiplier 2^-m.
  c.push_back({"fc_ties_per_tensor", BO::FULLY_CONNECTED, {64, 32}, {16, 32}, 0x1.0p-8f,
               {0x1.0p-7f}, 0x1.0p-14f, 64, 8, 64});
  c.push_back({"fc_ties_per_channel", BO::FULLY_CONNECTED, {64, 32}, {24, 32}, 0x1.0p-8f,
               pow2_scales(24, 0x1.0p-8f), 0x1.0p-14f, 64, 8, 64});
  c.push_back({"fc_spread_per_channel_relu", BO::FULLY_CONNECTED, {16, 128}, {48, 128}, 0.00031f,
               spread_scales(48, 0.003f, 0.02f, 21), 0.0041f, 32767, 127, 1000000});
  c.back().activation = AF::RELU;
  c.push_back({"fc_spread_per_tensor_relu6", BO::FULLY_CONNECTED, {8, 256}, {32, 256}, 0.0002f,
               {0.0123f}, 0.0007f, 32767, 127, 1000000});
  c.back().activation = AF::RELU6;
  // Accumulators of about 2^34 (through the bias), beyond int32: 16x8 accumulates in int64.
  c.push_back({"fc_int64_accumulators_per_channel", BO::FULLY_CONNECTED, {8, 512}, {64, 512},
               0.0001f, spread_scales(64, 0.005f, 0.015f, 25), 0.5f, 32767, 127,
               int64_t{20000000000}});
  c.push_back({"fc_multipliers_above_one", BO::FULLY_CONNECTED, {32, 32}, {32, 32}, 0.0001f,
               spread_scales(32, 0.01f, 0.03f, 27), 0.0000007f, 64, 16, 1000});
  // Multipliers of about 1000 on accumulators of about 2^25: results beyond int32, which TFLite's
  // int64 MultiplyByQuantizedMultiplier narrows with a plain cast.
  c.push_back({"fc_results_beyond_int32", BO::FULLY_CONNECTED, {8, 256}, {16, 256}, 0.0001f,
               spread_scales(16, 0.01f, 0.03f, 29), 0.000000002f, 32767, 127, 1000});
  // CONV_2D.
  c.push_back({"conv_results_beyond_int32", BO::CONV_2D, {1, 6, 6, 8}, {8, 3, 3, 8}, 0.0001f,
               spread_scales(8, 0.01f, 0.03f, 30), 0.000000002f, 32767, 127, 1000});
  c.push_back({"conv_ties_per_channel_same", BO::CONV_2D, {1, 9, 9, 8}, {16, 3, 3, 8}, 0x1.0p-8f,
               pow2_scales(16, 0x1.0p-8f), 0x1.0p-14f, 64, 8, 64});
  c.push_back({"conv_ties_per_tensor_stride2", BO::CONV_2D, {2, 12, 11, 5}, {8, 3, 3, 5}, 0x1.0p-8f,
               {0x1.0p-7f}, 0x1.0p-13f, 64, 8, 64});
  c.back().stride = 2;
  c.push_back({"conv_spread_valid_dilation2_relu6", BO::CONV_2D, {2, 13, 12, 6}, {12, 3, 3, 6},
               0.00019f, spread_scales(12, 0.002f, 0.01f, 22), 0.0003f, 32767, 127, 1000000});
  c.back().padding = Padding::VALID;
  c.back().dilation = 2;
  c.back().activation = AF::RELU6;
  c.push_back({"conv_int64_accumulators", BO::CONV_2D, {1, 8, 8, 16}, {16, 3, 3, 16}, 0.0001f,
               spread_scales(16, 0.005f, 0.015f, 26), 0.5f, 32767, 127, int64_t{20000000000}});
  c.push_back({"conv_multipliers_above_one", BO::CONV_2D, {1, 8, 8, 4}, {16, 3, 3, 4}, 0.0001f,
               spread_scales(16, 0.01f, 0.03f, 28), 0.0000007f, 64, 16, 1000});
  c.push_back({"conv_5x5_stride2_spread", BO::CONV_2D, {1, 17, 17, 3}, {16, 5, 5, 3}, 0.0001f,
               spread_scales(16, 0.001f, 0.02f, 23), 0.0011f, 32767, 127, 1000000});
  c.back().stride = 2;
  // DEPTHWISE_CONV_2D.
  c.push_back({"dw_ties_multiplier2", BO::DEPTHWISE_CONV_2D, {1, 10, 10, 6}, {1, 3, 3, 12},
               0x1.0p-8f, pow2_scales(12, 0x1.0p-8f), 0x1.0p-14f, 64, 8, 64});
  c.push_back({"dw_ties_per_tensor_stride2_valid", BO::DEPTHWISE_CONV_2D, {2, 15, 14, 8},
               {1, 3, 3, 8}, 0x1.0p-8f, {0x1.0p-7f}, 0x1.0p-14f, 64, 8, 64});
  c.back().stride = 2;
  c.back().padding = Padding::VALID;
  c.push_back({"dw_spread_dilation2_relu", BO::DEPTHWISE_CONV_2D, {1, 16, 16, 16}, {1, 3, 3, 16},
               0.00023f, spread_scales(16, 0.003f, 0.03f, 24), 0.0009f, 32767, 127, 100000});
  c.back().dilation = 2;
  c.back().activation = AF::RELU;
  return c;
}

Built build_affine(const AffineCase& c, uint64_t seed) {
  testing::Random random(seed);
  testing::OpBuilder b;
  const bool depthwise = c.op == BO::DEPTHWISE_CONV_2D;
  const int32_t channels = depthwise ? c.filter[3] : c.filter[0];
  const int in = b.input(c.input, ElementType::kInt16);
  set_scale(b.at(in), c.input_scale);
  const auto input = uniform_ints<int16_t>(random, num_elements(c.input), -c.input_spread,
                                           c.input_spread);
  const int filter = b.constant(
      c.filter, uniform_ints<int8_t>(random, num_elements(c.filter), -c.weight_spread,
                                     c.weight_spread));
  const int bias = b.constant(
      {channels}, uniform_ints<int64_t>(random, channels, -c.bias_spread, c.bias_spread));
  testing::set_affine_quant(b, filter, bias, c.input_scale, c.filter_scales, depthwise ? 3 : 0);
  const int out = b.output({}, ElementType::kInt16);
  set_scale(b.at(out), c.output_scale);
  const int32_t multiplier = depthwise ? channels / c.input[3] : 1;
  testing::add_affine_op(b, c.op, in, filter, bias, out,
                         {c.stride, c.dilation, c.padding, c.activation, multiplier});
  Built built{c.name, tflite::EnumNameBuiltinOperator(c.op), b.model(),
              {int16_array(c.input, input)}};
  testing::record_planned_output_shapes(built.model);
  return built;
}

// ---- Comparison with LiteRT.js.

// Expects 0 differing int16 elements under kRuntime; prints per-case and per-op figures.
void expect_equal_to_litert(const fs::path& work_dir, const std::vector<Built>& built) {
  testing::expect_equal_to_litert(work_dir, built, "16x8 ");
}

TEST(Int16Kernels, AffineOutputsEqualLiteRTUnderRuntimeArithmetic) {
  std::vector<Built> built;
  uint64_t seed = 1600;
  for (const AffineCase& c : affine_cases()) built.push_back(build_affine(c, seed++));
  expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "int16_affine_kernels", built);
}

// ---- ADD, SUB, MUL, MAX_POOL_2D, AVERAGE_POOL_2D, MEAN: int16 inputs over the whole range.

struct Tensor16 {
  Shape shape;
  float scale;
};

struct ElementwiseCase {
  std::string name;
  BuiltinOperator op;
  std::vector<Tensor16> inputs;
  float output_scale;  // the output's shape is planned
  ActivationFunctionType activation = AF::NONE;
  // ADD, SUB: 1 writes pot_scale_int16 true, 0 false, -1 writes no options table at all.
  int pot_option = 0;
  int filter = 2, stride = 2;  // pools
  Padding padding = Padding::SAME;
  std::vector<int32_t> axes = {};  // MEAN
  bool keep_dims = false;
};

std::vector<ElementwiseCase> elementwise_cases() {
  std::vector<ElementwiseCase> c;
  const float p8 = 0x1.0p-8f, p9 = 0x1.0p-9f, p10 = 0x1.0p-10f;
  c.push_back({"add_general_pot_scales", BO::ADD, {{{64, 64}, p9}, {{64, 64}, p10}}, p8});
  c.push_back({"add_general_spread_broadcast_relu6", BO::ADD,
               {{{2, 8, 8, 16}, 0.00031f}, {{1, 1, 1, 16}, 0.00023f}}, 0.00041f, AF::RELU6});
  c.push_back({"add_general_ties", BO::ADD, {{{64, 64}, 1.0f}, {{64, 64}, 0.5f}}, 3.0f});
  c.push_back({"add_general_saturates_relu_n1_to_1", BO::ADD, {{{64, 64}, p8}, {{64, 64}, p8}},
               p9, AF::RELU_N1_TO_1});
  c.push_back({"add_general_no_options", BO::ADD, {{{64, 64}, p9}, {{64, 64}, p8}}, p8});
  c.back().pot_option = -1;
  c.push_back({"add_pot", BO::ADD, {{{64, 64}, p10}, {{64, 64}, p8}}, p8});
  c.back().pot_option = 1;
  c.push_back({"add_pot_relu", BO::ADD, {{{64, 64}, p8}, {{64, 64}, p9}}, p8, AF::RELU});
  c.back().pot_option = 1;
  c.push_back({"add_pot_option_general_scales", BO::ADD, {{{64, 64}, 0.0003f}, {{64, 64}, p8}},
               0.0005f});
  c.back().pot_option = 1;
  c.push_back({"sub_general_ties_broadcast", BO::SUB, {{{16, 1, 64}, 0.5f}, {{4, 64}, 0.25f}},
               1.0f});
  c.push_back({"sub_general_spread_relu", BO::SUB, {{{32, 64}, 0.00031f}, {{32, 64}, 0.00027f}},
               0.0005f, AF::RELU});
  c.push_back({"sub_pot", BO::SUB, {{{64, 64}, p8}, {{64, 64}, p10}}, p8});
  c.back().pot_option = 1;
  c.push_back({"sub_pot_shift_first", BO::SUB, {{{64, 64}, p10}, {{64, 64}, p9}}, p9});
  c.back().pot_option = 1;
  c.push_back({"sub_pot_broadcast_relu", BO::SUB, {{{8, 1, 32}, p8}, {{16, 1}, p9}}, p8, AF::RELU});
  c.back().pot_option = 1;
  c.push_back({"mul_ties", BO::MUL, {{{64, 64}, p8}, {{64, 64}, p9}}, 0x1.0p-4f});
  c.push_back({"mul_spread_broadcast_relu_n1_to_1", BO::MUL,
               {{{4, 8, 8, 8}, 0.00031f}, {{8, 1, 8}, 0.00011f}}, 0.00007f, AF::RELU_N1_TO_1});
  c.push_back({"mul_scale_above_one", BO::MUL, {{{64, 64}, 0.001f}, {{64, 64}, 0.002f}}, 1e-6f});
  c.push_back({"max_pool_3x3_s2_same_relu6", BO::MAX_POOL_2D, {{{1, 15, 15, 8}, 0.0004f}},
               0.0004f, AF::RELU6, 0, 3, 2});
  c.push_back({"max_pool_2x2_s2_valid", BO::MAX_POOL_2D, {{{2, 16, 15, 4}, 0.01f}}, 0.01f,
               AF::NONE, 0, 2, 2, Padding::VALID});
  c.push_back({"avg_pool_3x3_s2_same", BO::AVERAGE_POOL_2D, {{{1, 15, 15, 8}, 0.01f}}, 0.01f,
               AF::NONE, 0, 3, 2});
  c.push_back({"avg_pool_2x2_s2_valid_relu", BO::AVERAGE_POOL_2D, {{{2, 16, 16, 4}, 0.01f}},
               0.01f, AF::RELU, 0, 2, 2, Padding::VALID});
  c.push_back({"avg_pool_5x5_s1_same", BO::AVERAGE_POOL_2D, {{{1, 9, 9, 4}, 0.05f}}, 0.05f,
               AF::NONE, 0, 5, 1});
  return c;
}

Built build_elementwise(const ElementwiseCase& c, uint64_t seed) {
  testing::Random random(seed);
  testing::OpBuilder b;
  Built built{c.name, tflite::EnumNameBuiltinOperator(c.op), {}, {}};
  std::vector<int32_t> ins;
  for (const Tensor16& t : c.inputs) {
    ins.push_back(b.input(t.shape, ElementType::kInt16));
    set_scale(b.at(ins.back()), t.scale);
    built.inputs.push_back(
        int16_array(t.shape, uniform_ints<int16_t>(random, num_elements(t.shape), -32768, 32767)));
  }
  const int out = b.output({}, ElementType::kInt16);
  set_scale(b.at(out), c.output_scale);
  testing::add_case_op(b, c, ins, out);
  built.model = b.model();
  testing::record_planned_output_shapes(built.model);
  return built;
}

TEST(Int16Kernels, ElementwiseAndPoolOutputsEqualLiteRTUnderRuntimeArithmetic) {
  std::vector<Built> built;
  uint64_t seed = 1700;
  for (const ElementwiseCase& c : elementwise_cases())
    built.push_back(build_elementwise(c, seed++));
  expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "int16_elementwise_kernels", built);
}

// MEAN: the cases cover the three paths TFLite's source has for int16 (rank 4 with keep_dims over
// axes {1, 2}, equal scales, the rescaled general one), of which LiteRT.js measurably runs only the
// last (mean_int16.cc); power-of-two counts and scale ratios make ties.
std::vector<ElementwiseCase> mean_cases() {
  auto mean = [](std::string name, Tensor16 in, float out, std::vector<int32_t> axes, bool keep) {
    return ElementwiseCase{std::move(name), BO::MEAN, {in}, out, AF::NONE, 0, 2, 2, Padding::SAME,
                           std::move(axes), keep};
  };
  return {
      mean("mean_hw_keep_dims_rescaled_ties", {{4, 4, 4, 64}, 0.001f}, 0.004f, {1, 2}, true),
      mean("mean_hw_keep_dims_spread", {{4, 7, 9, 64}, 0.00031f}, 0.00017f, {2, 1}, true),
      mean("mean_hw_keep_dims_same_scale", {{2, 8, 8, 128}, 0.001f}, 0.001f, {1, 2}, true),
      mean("mean_hw_same_scale", {{4, 6, 5, 64}, 0.001f}, 0.001f, {1, 2}, false),
      mean("mean_hw_same_scale_ties", {{4, 4, 4, 64}, 0.001f}, 0.001f, {1, 2}, false),
      mean("mean_hw_rescaled_ties", {{4, 4, 8, 64}, 0.5f}, 0.125f, {1, 2}, false),
      mean("mean_last_axis_rescaled", {{16, 16, 10}, 0.0005f}, 0.0004f, {-1}, false),
      mean("mean_axes_0_2_keep_dims_same_scale", {{3, 64, 8}, 0.002f}, 0.002f, {0, 2}, true),
      mean("mean_axis_1_rank4_rescaled", {{2, 6, 5, 32}, 0.0003f}, 0.0002f, {1}, false),
      mean("mean_all_axes_rescaled", {{4, 16}, 0.25f}, 0.0625f, {0, 1}, false),
  };
}

TEST(Int16Kernels, MeanOutputsEqualLiteRTUnderRuntimeArithmetic) {
  std::vector<Built> built;
  uint64_t seed = 1800;
  for (const ElementwiseCase& c : mean_cases()) built.push_back(build_elementwise(c, seed++));
  expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "int16_mean_kernels", built);
}

// LOGISTIC and TANH over every int16 input (build_elementwise draws random inputs; the test
// replaces them with all 65536 values).
std::vector<ElementwiseCase> sigmoid_cases() {
  std::vector<ElementwiseCase> c;
  const float out = 0x1.0p-15f;
  for (BO op : {BO::LOGISTIC, BO::TANH}) {
    const std::string name = op == BO::LOGISTIC ? "logistic" : "tanh";
    for (float scale : {0.001f, 0.0003f, 0x1.0p-10f, 0.00005f, 0.01f})
      c.push_back({name + "_input_scale_" + std::to_string(scale), op, {{{65536}, scale}}, out});
  }
  // LOGISTIC's table serves the power-of-two scale 2^-11 too; LOGISTIC at 2^-12 and TANH at 2^-12
  // and 2^-11 take TFLite's fixed-point path.
  c.push_back({"logistic_input_scale_2pow-11", BO::LOGISTIC, {{{65536}, 0x1.0p-11f}}, out});
  c.push_back({"logistic_input_scale_2pow-12", BO::LOGISTIC, {{{65536}, 0x1.0p-12f}}, out});
  c.push_back({"tanh_input_scale_2pow-12", BO::TANH, {{{65536}, 0x1.0p-12f}}, out});
  c.push_back({"tanh_input_scale_2pow-11", BO::TANH, {{{65536}, 0x1.0p-11f}}, out});
  return c;
}

// Every int16 value once, in order.
io::Array all_int16_values() {
  std::vector<int16_t> v(65536);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int16_t>(static_cast<int>(i) - 32768);
  return int16_array({65536}, v);
}

TEST(Int16Kernels, LogisticAndTanhOutputsEqualLiteRTOnEveryInputUnderRuntimeArithmetic) {
  std::vector<Built> built;
  uint64_t seed = 1900;
  for (const ElementwiseCase& c : sigmoid_cases()) {
    built.push_back(build_elementwise(c, seed++));
    built.back().inputs = {all_int16_values()};
  }
  expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "int16_sigmoid_kernels", built);
}

// ---- RELU, RELU6, LEAKY_RELU, PAD, PADV2, RESIZE_*, REDUCE_MAX, CONCATENATION and the copy ops:
// one op each, int16 inputs over the whole range.

// Builds one model of one op with int16 activations (zero point 0) drawn from a seeded generator.
class Int16Case {
 public:
  Int16Case(std::string name, std::string group, uint64_t seed) : random_(seed) {
    built_.name = std::move(name);
    built_.group = std::move(group);
  }
  int input(const Shape& shape, float scale) {
    const int index = b_.input(shape, ElementType::kInt16);
    set_scale(b_.at(index), scale);
    built_.inputs.push_back(
        int16_array(shape, uniform_ints<int16_t>(random_, num_elements(shape), -32768, 32767)));
    return index;
  }
  template <class T> int constant(const Shape& shape, const std::vector<T>& values) {
    return b_.constant(shape, values);
  }
  int output(float scale) {
    const int index = b_.output({}, ElementType::kInt16);
    set_scale(b_.at(index), scale);
    return index;
  }
  ir::Tensor& at(int index) { return b_.at(index); }
  template <class Options = std::nullptr_t>
  Built op(BuiltinOperator code, std::vector<int32_t> ins, std::vector<int32_t> outs,
           Options options = nullptr) {
    b_.op(code, std::move(ins), std::move(outs), std::move(options));
    built_.model = b_.model();
    testing::record_planned_output_shapes(built_.model);
    return std::move(built_);
  }

 private:
  testing::Random random_;
  testing::OpBuilder b_;
  Built built_;
};

Built unary(std::string name, BO op, Shape shape, float in_scale, float out_scale, uint64_t seed,
            float alpha = 0.0f) {
  Int16Case c(std::move(name), tflite::EnumNameBuiltinOperator(op), seed);
  const int in = c.input(shape, in_scale);
  const int out = c.output(out_scale);
  if (op != BO::LEAKY_RELU) return c.op(op, {in}, {out});
  tflite::LeakyReluOptionsT o;
  o.alpha = alpha;
  return c.op(op, {in}, {out}, o);
}

// Scale ratios that are powers of two (every odd input a tie), ratios above one (saturating),
// and RELU6 bounds on a tie (6 / 2^-12 = 24576) or beyond the int16 range (6 / 0.0001).
std::vector<Built> activation_cases() {
  const float p10 = 0x1.0p-10f, p11 = 0x1.0p-11f, p12 = 0x1.0p-12f;
  return {
      unary("relu_equal_scales", BO::RELU, {64, 64}, 0.001f, 0.001f, 2000),
      unary("relu_ties", BO::RELU, {64, 64}, p11, p10, 2001),
      unary("relu_spread", BO::RELU, {64, 64}, 0.00031f, 0.00017f, 2002),
      unary("relu_downscale_ties", BO::RELU, {64, 64}, p12, 0x1.0p-9f, 2003),
      unary("relu6_ties", BO::RELU6, {64, 64}, p10, p11, 2004),
      unary("relu6_bound_on_tie", BO::RELU6, {64, 64}, 0x1.0p-11f, p12, 2005),
      unary("relu6_bound_beyond_int16", BO::RELU6, {64, 64}, 0.0003f, 0.0001f, 2006),
      unary("relu6_bound_not_representable", BO::RELU6, {64, 64}, 0.00041f, 0.00023f, 2007),
      unary("leaky_relu_alpha_0.2_ties", BO::LEAKY_RELU, {64, 64}, p10, p11, 2008, 0.2f),
      unary("leaky_relu_alpha_0.1_spread", BO::LEAKY_RELU, {64, 64}, 0.00031f, 0.00029f, 2009,
            0.1f),
      unary("leaky_relu_alpha_0.5_pot", BO::LEAKY_RELU, {64, 64}, p11, p11, 2010, 0.5f),
      unary("leaky_relu_alpha_0.01_upscale", BO::LEAKY_RELU, {64, 64}, 0.0002f, 0.0005f, 2011,
            0.01f),
  };
}

TEST(Int16Kernels, ActivationOutputsEqualLiteRTUnderRuntimeArithmetic) {
  expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "int16_activation_kernels",
                         activation_cases());
}

Built pad(std::string name, BO op, Shape shape, std::vector<int32_t> paddings,
          std::optional<int16_t> value, uint64_t seed) {
  Int16Case c(std::move(name), tflite::EnumNameBuiltinOperator(op), seed);
  const float scale = 0.0007f;
  const int in = c.input(shape, scale);
  const int32_t rank = static_cast<int32_t>(shape.size());
  std::vector<int32_t> ins = {in, c.constant({rank, 2}, paddings)};
  if (value) {
    ins.push_back(c.constant<int16_t>({}, {*value}));
    set_scale(c.at(ins.back()), scale);
  }
  return c.op(op, ins, {c.output(scale)});
}

Built resize(std::string name, BO op, Shape shape, int32_t height, int32_t width,
             bool align_corners, bool half_pixel, uint64_t seed) {
  const std::string variant = align_corners ? " align_corners"
                              : half_pixel  ? " half_pixel_centers"
                                            : "";
  Int16Case c(std::move(name), tflite::EnumNameBuiltinOperator(op) + variant, seed);
  const float scale = 0.0009f;
  const int in = c.input(shape, scale);
  const int size = c.constant<int32_t>({2}, {height, width});
  const int out = c.output(scale);
  if (op == BO::RESIZE_BILINEAR) {
    tflite::ResizeBilinearOptionsT o;
    o.align_corners = align_corners;
    o.half_pixel_centers = half_pixel;
    return c.op(op, {in, size}, {out}, o);
  }
  tflite::ResizeNearestNeighborOptionsT o;
  o.align_corners = align_corners;
  o.half_pixel_centers = half_pixel;
  return c.op(op, {in, size}, {out}, o);
}

Built reduce_max(std::string name, Shape shape, std::vector<int32_t> axes, bool keep_dims,
                 uint64_t seed) {
  Int16Case c(std::move(name), "REDUCE_MAX", seed);
  const int in = c.input(shape, 0.0011f);
  const int axis = c.constant<int32_t>({static_cast<int32_t>(axes.size())}, axes);
  const int out = c.output(0.0011f);
  tflite::ReducerOptionsT o;
  o.keep_dims = keep_dims;
  return c.op(BO::REDUCE_MAX, {in, axis}, {out}, o);
}

Built concatenation(std::string name, std::vector<Shape> shapes, int32_t axis, uint64_t seed) {
  Int16Case c(std::move(name), "CONCATENATION", seed);
  std::vector<int32_t> ins;
  for (const Shape& s : shapes) ins.push_back(c.input(s, 0.0013f));
  const int out = c.output(0.0013f);
  tflite::ConcatenationOptionsT o;
  o.axis = axis;
  return c.op(BO::CONCATENATION, ins, {out}, o);
}

std::vector<Built> spatial_cases() {
  const BO bl = BO::RESIZE_BILINEAR, nn = BO::RESIZE_NEAREST_NEIGHBOR;
  return {
      pad("pad_4d", BO::PAD, {1, 5, 6, 3}, {0, 0, 1, 2, 2, 1, 0, 0}, std::nullopt, 2100),
      pad("pad_2d", BO::PAD, {7, 9}, {3, 0, 1, 4}, std::nullopt, 2101),
      pad("padv2_value_1234", BO::PADV2, {2, 4, 5, 2}, {0, 1, 2, 0, 1, 1, 0, 0}, int16_t{1234},
          2102),
      pad("padv2_value_min", BO::PADV2, {3, 6, 4}, {1, 1, 0, 2, 3, 0}, int16_t{-32768}, 2103),
      resize("bilinear_up_2x", bl, {1, 5, 6, 8}, 10, 12, false, false, 2110),
      resize("bilinear_up_odd", bl, {2, 4, 5, 3}, 11, 13, false, false, 2111),
      resize("bilinear_down", bl, {1, 13, 11, 4}, 5, 4, false, false, 2112),
      resize("bilinear_up_2x_align_corners", bl, {1, 5, 6, 8}, 10, 12, true, false, 2113),
      resize("bilinear_odd_align_corners", bl, {2, 7, 4, 3}, 9, 13, true, false, 2114),
      resize("bilinear_up_2x_half_pixel", bl, {1, 5, 6, 8}, 10, 12, false, true, 2115),
      resize("bilinear_odd_half_pixel", bl, {2, 4, 5, 3}, 11, 7, false, true, 2116),
      resize("bilinear_down_half_pixel", bl, {1, 13, 11, 4}, 5, 4, false, true, 2117),
      resize("nearest_up_odd", nn, {2, 4, 5, 3}, 11, 13, false, false, 2120),
      resize("nearest_down_align_corners", nn, {1, 13, 11, 4}, 5, 4, true, false, 2121),
      resize("nearest_up_half_pixel", nn, {1, 5, 6, 8}, 11, 12, false, true, 2122),
      reduce_max("reduce_max_hw_keep_dims", {2, 6, 5, 16}, {1, 2}, true, 2130),
      reduce_max("reduce_max_last_axis", {16, 16, 10}, {-1}, false, 2131),
      reduce_max("reduce_max_axes_0_2", {3, 64, 8}, {0, 2}, false, 2132),
      concatenation("concat_channels", {{1, 4, 5, 3}, {1, 4, 5, 7}, {1, 4, 5, 1}}, 3, 2140),
      concatenation("concat_axis_1", {{2, 3, 8}, {2, 6, 8}}, 1, 2141),
  };
}

TEST(Int16Kernels, PadResizeReduceMaxConcatenationEqualLiteRTUnderRuntimeArithmetic) {
  expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "int16_spatial_kernels", spatial_cases());
}

// The int16 copy ops (registered through kCopyTypes): input and output share parameters.
std::vector<Built> copy_cases() {
  const float scale = 0.0017f;
  std::vector<Built> c;
  {
    Int16Case b("reshape", "RESHAPE", 2200);
    const int in = b.input({2, 6, 5, 4}, scale);
    const int shape = b.constant<int32_t>({2}, {12, 20});
    const int out = b.output(scale);
    tflite::ReshapeOptionsT o;
    o.new_shape = {12, 20};
    c.push_back(b.op(BO::RESHAPE, {in, shape}, {out}, o));
  }
  {
    Int16Case b("transpose", "TRANSPOSE", 2201);
    const int in = b.input({2, 5, 7, 3}, scale);
    const int perm = b.constant<int32_t>({4}, {0, 3, 1, 2});
    c.push_back(b.op(BO::TRANSPOSE, {in, perm}, {b.output(scale)}));
  }
  {
    Int16Case b("strided_slice", "STRIDED_SLICE", 2202);
    const int in = b.input({3, 10, 9, 4}, scale);
    const int begin = b.constant<int32_t>({4}, {0, 1, 8, 1});
    const int end = b.constant<int32_t>({4}, {3, 10, 0, 4});
    const int strides = b.constant<int32_t>({4}, {1, 2, -2, 2});
    tflite::StridedSliceOptionsT o;
    o.begin_mask = 1;
    o.end_mask = 1;
    c.push_back(b.op(BO::STRIDED_SLICE, {in, begin, end, strides}, {b.output(scale)}, o));
  }
  {
    Int16Case b("slice", "SLICE", 2203);
    const int in = b.input({2, 8, 7, 6}, scale);
    const int begin = b.constant<int32_t>({4}, {1, 2, 0, 3});
    const int size = b.constant<int32_t>({4}, {1, -1, 5, 2});
    c.push_back(b.op(BO::SLICE, {in, begin, size}, {b.output(scale)}));
  }
  {
    Int16Case b("squeeze", "SQUEEZE", 2204);
    const int in = b.input({1, 12, 1, 16}, scale);
    tflite::SqueezeOptionsT o;
    o.squeeze_dims = {0, 2};
    c.push_back(b.op(BO::SQUEEZE, {in}, {b.output(scale)}, o));
  }
  {
    Int16Case b("expand_dims", "EXPAND_DIMS", 2205);
    const int in = b.input({12, 16}, scale);
    const int axis = b.constant<int32_t>({1}, {1});
    c.push_back(b.op(BO::EXPAND_DIMS, {in, axis}, {b.output(scale)}));
  }
  {
    Int16Case b("gather", "GATHER", 2206);
    const int in = b.input({4, 9, 8}, scale);
    const int indices = b.constant<int32_t>({2, 3}, {8, 0, 3, 3, 7, 1});
    tflite::GatherOptionsT o;
    o.axis = 1;
    c.push_back(b.op(BO::GATHER, {in, indices}, {b.output(scale)}, o));
  }
  {
    Int16Case b("split", "SPLIT", 2207);
    const int axis = b.constant<int32_t>({}, {3});
    const int in = b.input({2, 4, 5, 12}, scale);
    std::vector<int32_t> outs;
    for (int i = 0; i < 3; ++i) outs.push_back(b.output(scale));
    tflite::SplitOptionsT o;
    o.num_splits = 3;
    c.push_back(b.op(BO::SPLIT, {axis, in}, outs, o));
  }
  return c;
}

TEST(Int16Kernels, CopyOpsEqualLiteRT) {
  expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "int16_copy_ops", copy_cases());
}

// BATCH_MATMUL: int16 x int16 (TFLite's only 16-bit form). Power-of-two scale ratios make ties of
// the 16-bit-multiplier rounding; a small spread keeps accumulators near the output range.
Built batch_matmul(std::string name, Shape lhs, Shape rhs, float lhs_scale, float rhs_scale,
                   float out_scale, bool adj_x, bool adj_y, uint64_t seed) {
  Int16Case c(std::move(name), "BATCH_MATMUL", seed);
  const int a = c.input(lhs, lhs_scale);
  const int b = c.input(rhs, rhs_scale);
  tflite::BatchMatMulOptionsT o;
  o.adj_x = adj_x;
  o.adj_y = adj_y;
  return c.op(BO::BATCH_MATMUL, {a, b}, {c.output(out_scale)}, o);
}

TEST(Int16Kernels, BatchMatMulOutputsEqualLiteRTUnderRuntimeArithmetic) {
  const float p8 = 0x1.0p-8f;
  expect_equal_to_litert(
      fs::path(LQ_TEST_WORK_DIR) / "int16_batch_matmul_kernels",
      {
          batch_matmul("bmm_ties", {2, 16, 32}, {2, 32, 24}, p8, p8, 0x1.0p+12f, false, false,
                       2300),
          batch_matmul("bmm_spread", {3, 8, 64}, {3, 64, 16}, 0.00031f, 0.00027f, 0.9f, false,
                       false, 2301),
          batch_matmul("bmm_adj_x_adj_y_broadcast", {2, 1, 40, 12}, {3, 20, 40}, 0.0011f,
                       0.0007f, 3.1f, true, true, 2302),
          batch_matmul("bmm_adj_y_rank2", {24, 48}, {32, 48}, 0.001f, 0.002f, 7.7f, false, true,
                       2303),
          batch_matmul("bmm_multiplier_above_one", {4, 16}, {16, 8}, 0.5f, 0.25f, 0.01f, false,
                       false, 2304),
      });
}

}  // namespace
}  // namespace lq
