// int8 CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED on hand-made one-op models, run by litequant
// and by LiteRT.js: every int8 output element must equal LiteRT.js's under the default arithmetic
// (Arithmetic::kRuntime). The cases are built to make the arithmetics disagree: scales whose
// multiplier is a power of two (so many products are exact ties), activation bounds that fall on a
// tie, and accumulators beyond 2^24 placed on purpose next to a tie. The same outputs under
// kTfliteReference are counted too, to show that the choice of arithmetic matters. A second test
// does the same for ADD, SUB, MUL, MAX_POOL_2D and AVERAGE_POOL_2D, a third for MEAN and
// QUANTIZE (int8 -> int8), a fourth for MEAN on inputs crafted so that every output lies next to a
// rounding tie.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "testing/op_builder.h"
#include "testing/oracle_cases.h"
#include "testing/random.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;
using tflite::Padding;

struct Case {
  std::string name;
  BuiltinOperator op;
  Shape input, filter;  // NHWC and [out, kh, kw, in] / [1, kh, kw, ch] / [units, depth]
  float input_scale;
  int input_zero_point;
  std::vector<float> filter_scales;  // one (per tensor) or one per output channel
  float output_scale;
  int output_zero_point;
  int input_spread = 128;   // inputs uniform in zero point +- spread (clamped to int8)
  int weight_spread = 127;  // weights uniform in +- spread
  int bias_spread = 1000;
  int stride = 1, dilation = 1;
  Padding padding = Padding::SAME;
  ActivationFunctionType activation = ActivationFunctionType::NONE;
  // FULLY_CONNECTED: place row 0's accumulators next to ties of a 2^-tie_shift multiplier (0: off).
  int tie_shift = 0;
};

using testing::pow2_scales;
using testing::spread_scales;

std::vector<Case> cases() {
  using BO = BuiltinOperator;
  using AF = ActivationFunctionType;
  std::vector<Case> c;
  // FULLY_CONNECTED.
  c.push_back({"fc_ties_per_tensor", BO::FULLY_CONNECTED, {64, 32}, {16, 32}, 0.5f, 3, {0.25f},
               0.25f, -5, 4, 4, 20});
  c.push_back({"fc_ties_per_channel", BO::FULLY_CONNECTED, {64, 32}, {24, 32}, 0.5f, -9,
               pow2_scales(24, 0.25f), 0.5f, 7, 4, 4, 40});
  c.push_back({"fc_spread_per_channel_relu", BO::FULLY_CONNECTED, {16, 128}, {48, 128}, 0.0235f,
               -7, spread_scales(48, 0.003f, 0.02f, 11), 0.2f, 4, 128, 127, 5000});
  c.back().activation = AF::RELU;
  c.push_back({"fc_large_accumulators", BO::FULLY_CONNECTED, {2, 1024}, {256, 1024}, 1.0f, -128,
               {1.0f}, 524288.0f, 0, 128, 127, 0});
  c.back().tie_shift = 19;
  c.push_back({"fc_large_accumulators_per_channel", BO::FULLY_CONNECTED, {2, 1024}, {256, 1024},
               0.5f, 0, pow2_scales(256, 0.5f), 65536.0f, 3, 128, 127, 0});
  c.back().tie_shift = 18;
  // CONV_2D.
  c.push_back({"conv_ties_per_channel_same", BO::CONV_2D, {1, 9, 9, 8}, {16, 3, 3, 8}, 0.5f, 2,
               pow2_scales(16, 0.25f), 0.5f, -3, 3, 3, 30});
  c.push_back({"conv_ties_per_tensor_stride2", BO::CONV_2D, {2, 12, 11, 5}, {8, 3, 3, 5}, 1.0f, -1,
               {1.0f}, 4.0f, 1, 4, 4, 30});
  c.back().stride = 2;
  c.push_back({"conv_spread_valid_dilation2_relu6", BO::CONV_2D, {2, 13, 12, 6}, {12, 3, 3, 6},
               0.0235f, -3, spread_scales(12, 0.002f, 0.01f, 12), 0.04f, -100, 128, 127, 3000});
  c.back().padding = Padding::VALID;
  c.back().dilation = 2;
  c.back().activation = AF::RELU6;
  c.push_back({"conv_relu6_bound_on_a_tie", BO::CONV_2D, {1, 8, 8, 4}, {8, 3, 3, 4}, 1.0f, 0, {1.0f},
               12.0f, -4, 5, 5, 20});
  c.back().activation = AF::RELU6;
  c.push_back({"conv_relu_n1_to_1_bound_on_a_tie", BO::CONV_2D, {1, 8, 8, 4}, {8, 3, 3, 4}, 1.0f, 0,
               {1.0f}, 2.0f, -2, 2, 2, 4});
  c.back().activation = AF::RELU_N1_TO_1;
  c.push_back({"conv_5x5_stride2_spread", BO::CONV_2D, {1, 17, 17, 3}, {16, 5, 5, 3}, 0.0078f, 0,
               spread_scales(16, 0.001f, 0.02f, 13), 0.05f, -10, 128, 127, 2000});
  c.back().stride = 2;
  // DEPTHWISE_CONV_2D.
  c.push_back({"dw_ties_multiplier2", BO::DEPTHWISE_CONV_2D, {1, 10, 10, 6}, {1, 3, 3, 12}, 0.5f, 1,
               pow2_scales(12, 0.25f), 0.25f, 2, 4, 4, 12});
  c.push_back({"dw_ties_per_tensor_stride2_valid", BO::DEPTHWISE_CONV_2D, {2, 15, 14, 8},
               {1, 3, 3, 8}, 1.0f, -20, {1.0f}, 2.0f, 0, 6, 6, 10});
  c.back().stride = 2;
  c.back().padding = Padding::VALID;
  c.push_back({"dw_spread_dilation2_relu6", BO::DEPTHWISE_CONV_2D, {1, 16, 16, 16}, {1, 3, 3, 16},
               0.0235f, 10, spread_scales(16, 0.003f, 0.03f, 14), 0.03f, -128, 128, 127, 500});
  c.back().dilation = 2;
  c.back().activation = AF::RELU6;
  c.push_back({"dw_5x5_spread_relu", BO::DEPTHWISE_CONV_2D, {1, 12, 12, 8}, {1, 5, 5, 8}, 0.02f, -5,
               spread_scales(8, 0.002f, 0.01f, 15), 0.1f, -60, 128, 127, 800});
  c.back().activation = AF::RELU;
  return c;
}

int32_t output_channels(const Case& c) {
  return c.op == BuiltinOperator::DEPTHWISE_CONV_2D ? c.filter[3] : c.filter[0];
}

// Values uniform in [lo, hi] clamped to int8.
std::vector<int8_t> int8_values(testing::Random& random, int64_t n, int lo, int hi) {
  return testing::uniform_ints<int8_t>(random, n, std::max(lo, -128), std::min(hi, 127));
}

// FULLY_CONNECTED with tie_shift: biases that put row 0's accumulator of unit u at
// (n + 1/2) * 2^shift + d, n spread over the output range, d in [-2, 2]: beyond 2^24 float32
// rounds d away, which turns near-ties into ties.
void place_near_ties(const Case& c, const std::vector<int8_t>& in, const std::vector<int8_t>& w,
                     std::vector<int32_t>& bias) {
  const int32_t units = c.filter[0], depth = c.filter[1];
  for (int32_t u = 0; u < units; ++u) {
    int64_t sum = 0;
    for (int32_t d = 0; d < depth; ++d)
      sum += (in[static_cast<size_t>(d)] - c.input_zero_point) * w[static_cast<size_t>(u * depth + d)];
    const int64_t n = u % 200 - 100;
    const int64_t target = ((2 * n + 1) << (c.tie_shift - 1)) + (u % 5 - 2);
    bias[static_cast<size_t>(u)] = static_cast<int32_t>(target - sum);
  }
}

void set_per_tensor(ir::Tensor& tensor, float scale, int zero_point) {
  testing::set_quant(tensor, {scale}, {zero_point});
}

io::Array int8_array(const Shape& shape, const std::vector<int8_t>& values) {
  return testing::to_array(ElementType::kInt8, shape, values);
}

using Built = testing::OracleCase;  // grouped by op name

Built build(const Case& c, uint64_t seed) {
  testing::Random random(seed);
  testing::OpBuilder b;
  const int32_t channels = output_channels(c);
  const int in = b.input(c.input, ElementType::kInt8);
  set_per_tensor(b.at(in), c.input_scale, c.input_zero_point);
  const std::vector<int8_t> input = int8_values(random, num_elements(c.input),
                                                c.input_zero_point - c.input_spread,
                                                c.input_zero_point + c.input_spread);
  const std::vector<int8_t> weights =
      int8_values(random, num_elements(c.filter), -c.weight_spread, c.weight_spread);
  std::vector<int32_t> bias =
      testing::uniform_ints<int32_t>(random, channels, -c.bias_spread, c.bias_spread);
  if (c.tie_shift) place_near_ties(c, input, weights, bias);

  const int filter = b.constant(c.filter, weights);
  const int bias_index = b.constant({channels}, bias);
  const bool depthwise = c.op == BuiltinOperator::DEPTHWISE_CONV_2D;
  testing::set_affine_quant(b, filter, bias_index, c.input_scale, c.filter_scales,
                            depthwise ? 3 : 0);
  const int out = b.output({}, ElementType::kInt8);
  set_per_tensor(b.at(out), c.output_scale, c.output_zero_point);
  const int32_t multiplier = depthwise ? channels / c.input[3] : 1;
  testing::add_affine_op(b, c.op, in, filter, bias_index, out,
                         {c.stride, c.dilation, c.padding, c.activation, multiplier});
  Built built{c.name, tflite::EnumNameBuiltinOperator(c.op), b.model(),
              {int8_array(c.input, input)}};
  testing::record_planned_output_shapes(built.model);
  return built;
}

TEST(Int8Kernels, OutputsEqualLiteRTUnderRuntimeArithmetic) {
  std::vector<Built> built;
  uint64_t seed = 100;
  for (const Case& c : cases()) built.push_back(build(c, seed++));
  testing::expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "int8_kernels", built, "int8 ");
}

// ADD, SUB, MUL, MAX_POOL_2D and AVERAGE_POOL_2D int8, one op per model, one or two int8 inputs
// spread over the whole int8 range. Scales whose ratios are powers of two make many exact ties;
// activation bounds are placed on ties; broadcasting and SAME padding are exercised.
struct Tensor8 {
  Shape shape;
  float scale;
  int zero_point;
};

struct ElementwiseCase {
  std::string name;
  BuiltinOperator op;
  std::vector<Tensor8> inputs;
  Tensor8 output;  // its shape is planned
  ActivationFunctionType activation = ActivationFunctionType::NONE;
  int filter = 2, stride = 2;  // pools
  Padding padding = Padding::SAME;
  std::vector<int32_t> axes = {};  // MEAN
  bool keep_dims = false;
};

std::vector<ElementwiseCase> elementwise_cases() {
  using BO = BuiltinOperator;
  using AF = ActivationFunctionType;
  std::vector<ElementwiseCase> c;
  c.push_back({"add_ties", BO::ADD, {{{64, 64}, 0.5f, 3}, {{64, 64}, 0.25f, -7}}, {{}, 1.0f, -2}});
  c.push_back({"add_ties_output_scale_2", BO::ADD, {{{64, 64}, 1.0f, 0}, {{64, 64}, 0.5f, 5}},
               {{}, 2.0f, 1}});
  c.push_back({"add_spread_broadcast_relu6", BO::ADD,
               {{{2, 8, 8, 16}, 0.0235f, -11}, {{1, 1, 1, 16}, 0.0171f, 9}}, {{}, 0.04f, -100}});
  c.back().activation = AF::RELU6;
  c.push_back({"add_broadcast_relu6_bound_on_a_tie", BO::ADD,
               {{{8, 1, 32}, 4.0f, 0}, {{16, 1}, 4.0f, -1}}, {{}, 4.0f, -3}});
  c.back().activation = AF::RELU6;
  c.push_back({"add_scale_ratio_below_xnnpack_range", BO::ADD,
               {{{64, 64}, 0x1.0p-11f, 0}, {{64, 64}, 0.5f, 1}}, {{}, 1.0f, 0}});
  c.push_back({"sub_ties_broadcast", BO::SUB, {{{16, 1, 64}, 0.5f, 3}, {{4, 64}, 0.25f, -7}},
               {{}, 1.0f, -2}});
  c.push_back({"sub_spread_relu", BO::SUB, {{{32, 64}, 0.031f, 2}, {{32, 64}, 0.027f, -3}},
               {{}, 0.05f, -128}});
  c.back().activation = AF::RELU;
  c.push_back({"mul_ties", BO::MUL, {{{64, 64}, 0.5f, 0}, {{64, 64}, 0.25f, 0}}, {{}, 16.0f, 0}});
  c.push_back({"mul_ties_zero_points", BO::MUL, {{{64, 64}, 0.5f, 5}, {{64, 64}, 0.25f, -9}},
               {{}, 16.0f, 3}});
  c.push_back({"mul_spread_broadcast_relu_n1_to_1", BO::MUL,
               {{{4, 8, 8, 8}, 0.0235f, -5}, {{8, 1, 8}, 0.0311f, 12}}, {{}, 0.0079f, 0}});
  c.back().activation = AF::RELU_N1_TO_1;
  c.push_back({"max_pool_3x3_s2_same_relu6_bound_on_a_tie", BO::MAX_POOL_2D,
               {{{1, 15, 15, 8}, 4.0f, -3}}, {{}, 4.0f, -3}, AF::RELU6, 3, 2});
  c.push_back({"max_pool_2x2_s2_valid", BO::MAX_POOL_2D, {{{2, 16, 15, 4}, 0.1f, 7}},
               {{}, 0.1f, 7}, AF::NONE, 2, 2, Padding::VALID});
  c.push_back({"avg_pool_3x3_s2_same", BO::AVERAGE_POOL_2D, {{{1, 15, 15, 8}, 0.1f, -5}},
               {{}, 0.1f, -5}, AF::NONE, 3, 2});
  c.push_back({"avg_pool_2x2_s2_valid_relu", BO::AVERAGE_POOL_2D, {{{2, 16, 16, 4}, 0.1f, 20}},
               {{}, 0.1f, 20}, AF::RELU, 2, 2, Padding::VALID});
  c.push_back({"avg_pool_5x5_s1_same", BO::AVERAGE_POOL_2D, {{{1, 9, 9, 4}, 0.05f, 0}},
               {{}, 0.05f, 0}, AF::NONE, 5, 1});
  return c;
}

Built build(const ElementwiseCase& c, uint64_t seed) {
  testing::Random random(seed);
  testing::OpBuilder b;
  Built built{c.name, tflite::EnumNameBuiltinOperator(c.op), {}, {}};
  std::vector<int32_t> ins;
  for (const Tensor8& t : c.inputs) {
    ins.push_back(b.input(t.shape, ElementType::kInt8));
    set_per_tensor(b.at(ins.back()), t.scale, t.zero_point);
    built.inputs.push_back(int8_array(t.shape, int8_values(random, num_elements(t.shape), -128, 127)));
  }
  const int out = b.output({}, ElementType::kInt8);
  set_per_tensor(b.at(out), c.output.scale, c.output.zero_point);
  testing::add_case_op(b, c, ins, out);
  built.model = b.model();
  testing::record_planned_output_shapes(built.model);
  return built;
}

TEST(Int8Kernels, ElementwiseAndPoolOutputsEqualLiteRTUnderRuntimeArithmetic) {
  std::vector<Built> built;
  uint64_t seed = 500;
  for (const ElementwiseCase& c : elementwise_cases()) built.push_back(build(c, seed++));
  testing::expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "int8_elementwise_kernels", built,
                                  "int8 ");
}

// MEAN (axes {1, 2} and others, with and without keep_dims) and QUANTIZE int8 -> int8. Scales whose
// ratios are powers of two and reduced counts of 2^k make many exact ties.
std::vector<ElementwiseCase> mean_and_requantize_cases() {
  using BO = BuiltinOperator;
  using AF = ActivationFunctionType;
  auto mean = [](std::string name, Tensor8 in, Tensor8 out, std::vector<int32_t> axes, bool keep) {
    return ElementwiseCase{std::move(name), BO::MEAN, {in}, out, AF::NONE, 2, 2, Padding::SAME,
                           std::move(axes), keep};
  };
  auto requantize = [](std::string name, Tensor8 in, Tensor8 out) {
    return ElementwiseCase{std::move(name), BO::QUANTIZE, {in}, out};
  };
  return {
      mean("mean_hw_keep_dims_ties", {{1, 4, 4, 32}, 1.0f, 0}, {{}, 1.0f, 0}, {1, 2}, true),
      mean("mean_hw_zero_points", {{2, 7, 9, 16}, 0.1f, -5}, {{}, 0.1f, -5}, {1, 2}, false),
      mean("mean_hw_rescaled", {{1, 8, 8, 24}, 0.0235f, 3}, {{}, 0.015f, -10}, {2, 1}, true),
      mean("mean_hw_scale_up_ties", {{1, 4, 8, 16}, 0.5f, 1}, {{}, 0.125f, 2}, {1, 2}, false),
      mean("mean_last_axis", {{4, 6, 10}, 0.05f, 0}, {{}, 0.04f, 2}, {-1}, false),
      mean("mean_axes_0_2_keep_dims", {{3, 5, 8}, 0.02f, -20}, {{}, 0.01f, 7}, {0, 2}, true),
      mean("mean_axis_1_rank4", {{2, 6, 5, 8}, 0.3f, 10}, {{}, 0.2f, -1}, {1}, false),
      mean("mean_all_axes", {{4, 16}, 0.25f, 0}, {{}, 0.25f, 0}, {0, 1}, false),
      // Many outputs over large counts, at the parameters of a MEAN in ppocr_cls (n = 288) and
      // others.
      mean("mean_hw_288_ppocr_params", {{4, 6, 48, 64}, 0.0223767f, -111},
           {{}, 0.00390109f, -74}, {1, 2}, true),
      mean("mean_hw_49", {{8, 7, 7, 128}, 0.0371f, 12}, {{}, 0.0123f, -30}, {1, 2}, true),
      mean("mean_last_axis_50", {{256, 50}, 0.013f, 4}, {{}, 0.0041f, 9}, {-1}, false),
      requantize("requantize_halve_ties", {{64, 64}, 0.25f, 2}, {{}, 0.5f, 3}),
      requantize("requantize_spread", {{64, 64}, 0.0235f, -3}, {{}, 0.0171f, 10}),
      requantize("requantize_scale_up_clamps", {{64, 64}, 0.5f, 0}, {{}, 0.125f, -1}),
      requantize("requantize_third", {{64, 64}, 0.1f, 5}, {{}, 0.3f, -7}),
      // Outside the scale ratios XNNPACK takes, TFLite's kernel runs.
      requantize("requantize_ratio_below_xnnpack_range", {{64, 64}, 0.001f, -128}, {{}, 0.5f, 0}),
  };
}

// For each input element in order, the output element a MEAN over `axes` folds it into.
std::vector<int64_t> reduced_output_index(const Shape& shape, std::vector<int32_t> axes) {
  const auto rank = static_cast<int32_t>(shape.size());
  for (int32_t& a : axes) a = a < 0 ? a + rank : a;
  std::vector<int64_t> stride(shape.size(), 0);
  int64_t s = 1;
  for (int32_t d = rank; d-- > 0;) {
    if (std::find(axes.begin(), axes.end(), d) != axes.end()) continue;
    stride[static_cast<size_t>(d)] = s;
    s *= shape[static_cast<size_t>(d)];
  }
  std::vector<int64_t> out(static_cast<size_t>(num_elements(shape)));
  for (size_t i = 0; i < out.size(); ++i) {
    int64_t rest = static_cast<int64_t>(i), o = 0;
    for (int32_t d = rank; d-- > 0;) {
      o += rest % shape[static_cast<size_t>(d)] * stride[static_cast<size_t>(d)];
      rest /= shape[static_cast<size_t>(d)];
    }
    out[i] = o;
  }
  return out;
}

// The int8 sums of n inputs whose exact mean (or sum, for SUM), requantized, lies nearest to a
// rounding tie (halfway between two output values, inside the output range), nearest first: where
// float32 evaluations of the requantization may round differently.
std::vector<int64_t> near_tie_sums(const ElementwiseCase& c, int64_t n, size_t count) {
  const Tensor8& in = c.inputs[0];
  const double divisor = c.op == BuiltinOperator::SUM ? 1.0 : static_cast<double>(n);
  const double ratio = static_cast<double>(in.scale) / static_cast<double>(c.output.scale);
  std::vector<std::pair<double, int64_t>> by_distance;
  for (int64_t sum = -128 * n; sum <= 127 * n; ++sum) {
    const double y =
        static_cast<double>(sum - n * in.zero_point) * ratio / divisor + c.output.zero_point;
    if (y < -128 || y > 127) continue;
    by_distance.push_back({std::fabs(y - std::floor(y) - 0.5), sum});
  }
  std::sort(by_distance.begin(), by_distance.end());
  std::vector<int64_t> sums;
  for (size_t i = 0; i < std::min(count, by_distance.size()); ++i)
    sums.push_back(by_distance[i].second);
  return sums;
}

// A MEAN or SUM case's input whose output elements each sum to one of near_tie_sums(), plus `extra` sums.
io::Array near_tie_mean_input(const ElementwiseCase& c, const std::vector<int64_t>& extra) {
  const Shape& shape = c.inputs[0].shape;
  const std::vector<int64_t> out_of = reduced_output_index(shape, c.axes);
  const int64_t outputs = *std::max_element(out_of.begin(), out_of.end()) + 1;
  const int64_t n = num_elements(shape) / outputs;
  std::vector<int64_t> sums = extra;
  for (int64_t sum : near_tie_sums(c, n, static_cast<size_t>(outputs) - extra.size()))
    sums.push_back(sum);
  // Output o's k-th input: floor(sum / n), plus one for the first sum mod n of them.
  std::vector<int64_t> seen(static_cast<size_t>(outputs), 0);
  std::vector<int8_t> values(out_of.size());
  for (size_t i = 0; i < out_of.size(); ++i) {
    const auto o = static_cast<size_t>(out_of[i]);
    const int64_t base = sums[o] >= 0 ? sums[o] / n : -((-sums[o] + n - 1) / n);
    values[i] = static_cast<int8_t>(base + (seen[o]++ < sums[o] - base * n ? 1 : 0));
  }
  return int8_array(shape, values);
}

// MEAN cases whose every output lies next to a rounding tie, some with sums of their own first: a
// MEAN of ppocr_cls as quantized in a colleague's run (n = 288), where the raw sum -30286 made a
// tie of f32(sum) * s + f32(zo - n*zi*s) that f32(sum - n*zi) * s + zo misses, and two whose sums
// round differently with s = f32(f32(si / so) / n) than with XNNPACK's f32(si / so) * f32(1 / n)
// (found by search among 120 random near-tie cases).
struct NearTieCase {
  ElementwiseCase c;
  std::vector<int64_t> sums;
};

std::vector<NearTieCase> near_tie_mean_cases() {
  auto mean = [](std::string name, Tensor8 in, Tensor8 out, std::vector<int32_t> axes, bool keep,
                 std::vector<int64_t> sums) {
    return NearTieCase{{std::move(name), BuiltinOperator::MEAN, {in}, out,
                        ActivationFunctionType::NONE, 2, 2, Padding::SAME, std::move(axes), keep},
                       std::move(sums)};
  };
  return {
      mean("mean_near_ties_ppocr_cls", {{1, 6, 48, 256}, 0x1.6e9eacp-6f, -111},
           {{}, 0x1.ff528cp-9f, -74}, {1, 2}, true, {-30286}),
      mean("mean_near_ties_last_axis_494", {{8, 494}, 0.05454833060503006f, -17},
           {{}, 0.0290705393999815f, 110}, {-1}, false, {-46177, -24589}),
      mean("mean_near_ties_last_axis_559", {{8, 559}, 0.06081759184598923f, 46},
           {{}, 0.03889273852109909f, -71}, {-1}, false, {64858, 12666, 38762}),
      mean("mean_near_ties_hw_odd_zero_point", {{2, 6, 48, 64}, 0.0223767f, -111},
           {{}, 0.00390109f, -73}, {1, 2}, false, {}),
      mean("mean_near_ties_hw_49", {{1, 7, 7, 256}, 0.0371f, 12}, {{}, 0.0123f, -31}, {1, 2}, true,
           {}),
      mean("mean_near_ties_last_axis", {{256, 50}, 0.013f, 4}, {{}, 0.0041f, 9}, {-1}, false, {}),
      mean("mean_near_ties_axes_0_2", {{24, 16, 12}, 0.02f, -20}, {{}, 0.0071f, 7}, {0, 2}, true,
           {}),
      mean("mean_near_ties_axis_1_rank4", {{2, 36, 8, 16}, 0.3f, 10}, {{}, 0.02f, -1}, {1}, false,
           {}),
  };
}

// SUM runs the same requantization with the scale f32(si / so) (no 1 / n): its outputs near ties
// (an earlier kernel that subtracted n*zi first missed 4 of 3,200 random-parameter elements).
std::vector<NearTieCase> near_tie_sum_cases() {
  auto sum = [](std::string name, Tensor8 in, Tensor8 out, std::vector<int32_t> axes, bool keep) {
    return NearTieCase{{std::move(name), BuiltinOperator::SUM, {in}, out,
                        ActivationFunctionType::NONE, 2, 2, Padding::SAME, std::move(axes), keep},
                       {}};
  };
  return {
      sum("sum_near_ties_last_axis_8", {{256, 8}, 0.013f, 4}, {{}, 0.061f, 9}, {-1}, false),
      sum("sum_near_ties_hw_49", {{1, 7, 7, 256}, 0.0371f, 12}, {{}, 0.93f, -31}, {1, 2}, true),
      sum("sum_near_ties_axis_1", {{4, 20, 64}, 0.0223767f, -111}, {{}, 0.21f, 17}, {1}, false),
      sum("sum_near_ties_axes_0_2", {{24, 16, 12}, 0.02f, -20}, {{}, 1.7f, 7}, {0, 2}, true),
  };
}

TEST(Int8Kernels, MeanAndSumOutputsNearTiesEqualLiteRTUnderRuntimeArithmetic) {
  std::vector<Built> built;
  uint64_t seed = 1000;
  std::vector<NearTieCase> cases = near_tie_mean_cases();
  for (NearTieCase& t : near_tie_sum_cases()) cases.push_back(std::move(t));
  for (const NearTieCase& t : cases) {
    built.push_back(build(t.c, seed++));
    built.back().inputs = {near_tie_mean_input(t.c, t.sums)};
  }
  testing::expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "int8_mean_near_tie_kernels", built,
                                  "int8 ");
}

TEST(Int8Kernels, MeanAndRequantizeOutputsEqualLiteRTUnderRuntimeArithmetic) {
  std::vector<Built> built;
  uint64_t seed = 900;
  for (const ElementwiseCase& c : mean_and_requantize_cases()) built.push_back(build(c, seed++));
  testing::expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "int8_mean_requantize_kernels",
                                  built, "int8 ");
}


}  // namespace
}  // namespace lq
