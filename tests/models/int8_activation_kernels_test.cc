// int8 activation kernels (RELU, RELU6, RELU_N1_TO_1, LEAKY_RELU, PRELU, LOGISTIC, TANH,
// HARD_SWISH, SOFTMAX, RSQRT) on hand-made one-op models, run by litequant and by LiteRT.js: every
// int8 output element must equal LiteRT.js's under the default arithmetic (Arithmetic::kRuntime);
// the differences under kTfliteReference are counted and printed. The unary cases feed every int8
// value at once (so the whole function is compared), under several quantization parameters: equal
// and different input/output parameters, scales whose ratios are powers of two (exact ties), and
// spread ones. Each case's parameters are written next to its model (case.json), to investigate a
// mismatch.
#include <gtest/gtest.h>

#include <fstream>

#include "testing/op_builder.h"
#include "testing/oracle_cases.h"
#include "testing/random.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

using tflite::BuiltinOperator;
using BO = tflite::BuiltinOperator;

struct Q {
  float scale;
  int zero_point;
};

// 256 elements: every int8 value once, in order.
const Shape kEveryValue = {1, 4, 8, 8};

struct ActivationCase {
  std::string name;
  BuiltinOperator op;
  Q in, out;
  Shape shape = kEveryValue;
  float alpha = 0.0f;     // LEAKY_RELU
  float beta = 1.0f;      // SOFTMAX
  Q alpha_q = {0.0f, 0};  // PRELU: the int8 alpha tensor, one value per channel
  int lo = -128;          // the smallest input value (RSQRT: none below the zero point)
};

constexpr Q kLogisticOut = {1.0f / 256, -128};
constexpr Q kTanhOut = {1.0f / 128, 0};

std::vector<ActivationCase> unary_cases() {
  std::vector<ActivationCase> c;
  const Q inputs[] = {{0.1f, 0}, {0.0625f, -10},  {0.03f, 20},     {0.25f, 5},
                      {0.5f, 0}, {0.0235f, -128}, {0.0078125f, 3}, {0.0173f, 60}};
  int i = 0;
  for (const Q& in : inputs) {
    c.push_back({"logistic_" + std::to_string(i), BO::LOGISTIC, in, kLogisticOut});
    c.push_back({"tanh_" + std::to_string(i), BO::TANH, in, kTanhOut});
    ++i;
  }
  // Inputs whose float32 result falls exactly halfway between two outputs (x = +-scale gives
  // sigmoid(x) = 301/512 and 129/512, tanh(x) = +-129/256): rounded half to even by XNNPACK's
  // table, half away from zero by TFLite's.
  c.push_back({"logistic_tie_301", BO::LOGISTIC, {0.3552519977092743f, 0}, kLogisticOut});
  c.push_back({"logistic_tie_129", BO::LOGISTIC, {1.088222622871399f, 1}, kLogisticOut});
  c.push_back({"tanh_tie_129", BO::TANH, {0.5545281171798706f, 0}, kTanhOut});
  c.push_back({"tanh_tie_minus_129", BO::TANH, {0.5545281171798706f, 1}, kTanhOut});
  c.push_back({"hard_swish_ties", BO::HARD_SWISH, {0.125f, 0}, {0.125f, 0}});
  c.push_back({"hard_swish_spread", BO::HARD_SWISH, {0.0235f, 3}, {0.0171f, -100}});
  c.push_back({"hard_swish_wide_in", BO::HARD_SWISH, {0.05f, -20}, {0.04f, -50}});
  c.push_back({"hard_swish_narrow_out", BO::HARD_SWISH, {0.25f, -3}, {0.5f, -128}});
  c.push_back({"hard_swish_small", BO::HARD_SWISH, {0.02f, 10}, {0.05f, 30}});
  c.push_back({"hard_swish_pow2", BO::HARD_SWISH, {0.0625f, 0}, {0.03125f, -64}});
  for (BuiltinOperator op : {BO::RELU, BO::RELU6, BO::RELU_N1_TO_1}) {
    const std::string name = tflite::EnumNameBuiltinOperator(op);
    c.push_back({name + "_equal_params", op, {0.1f, -5}, {0.1f, -5}});
    c.push_back({name + "_equal_params_pow2", op, {0.0625f, 17}, {0.0625f, 17}});
    c.push_back({name + "_halve_ties", op, {0.5f, 1}, {1.0f, -128}});
    c.push_back({name + "_double", op, {0.05f, 0}, {0.025f, -128}});
    c.push_back({name + "_spread", op, {0.0235f, 3}, {0.0171f, -120}});
    c.push_back({name + "_wide_output", op, {0.02f, -7}, {0.03f, -1}});
  }
  // Bounds on a tie: 6 / 12 and -1 / 2 are halves, rounded differently by TFLite and XNNPACK.
  c.push_back({"RELU6_equal_params_bound_on_a_tie", BO::RELU6, {12.0f, 0}, {12.0f, 0}});
  c.push_back({"RELU6_equal_params_bound_on_a_tie_odd", BO::RELU6, {4.0f, 3}, {4.0f, 3}});
  c.push_back({"RELU_N1_TO_1_equal_params_bound_on_a_tie", BO::RELU_N1_TO_1, {2.0f, 0}, {2.0f, 0}});
  c.push_back({"RELU6_bound_on_a_tie", BO::RELU6, {6.0f, 0}, {12.0f, 0}});
  const auto leaky = [](std::string name, Q in, Q out, float alpha) {
    return ActivationCase{"leaky_relu_" + name, BO::LEAKY_RELU, in, out, kEveryValue, alpha};
  };
  c.push_back(leaky("equal_params", {0.1f, -5}, {0.1f, -5}, 0.2f));
  c.push_back(leaky("ties", {0.5f, 0}, {0.5f, 0}, 0.25f));
  c.push_back(leaky("spread", {0.0235f, 3}, {0.0171f, 10}, 0.1f));
  c.push_back(leaky("small_alpha", {0.05f, 20}, {0.04f, -30}, 0.01f));
  c.push_back(leaky("pow2", {0.25f, -3}, {0.125f, 7}, 0.3f));
  // Scale ratios below what XNNPACK accepts (2^-8): TFLite's kernel runs.
  c.push_back(leaky("tiny_alpha", {1.0f, 127}, {1.0f, 0}, 0.003f));
  c.push_back(leaky("ratio_below_range", {0.0039f, -128}, {1.0f, 0}, 0.5f));
  // RSQRT: inputs from the zero point up (negative values are an error).
  const auto rsqrt = [](std::string name, Q in, Q out) {
    return ActivationCase{"rsqrt_" + name, BO::RSQRT, in, out, kEveryValue, 0, 1, {},
                          in.zero_point};
  };
  c.push_back(rsqrt("spread", {0.05f, -128}, {0.02f, -128}));
  c.push_back(rsqrt("pow2", {0.0625f, -100}, {0.0078125f, -128}));
  c.push_back(rsqrt("small_scale", {0.001f, -128}, {0.25f, -128}));
  // Scales found by search where TFLite's fixed point and float32 round one or two outputs apart.
  c.push_back(rsqrt("fixed_vs_float_a", {0.0108f, -128}, {0.00582f, -128}));
  c.push_back(rsqrt("fixed_vs_float_b", {0.0815f, -128}, {0.00634f, -128}));
  c.push_back(rsqrt("fixed_vs_float_c", {0.0395f, -128}, {0.01115f, -128}));
  return c;
}

std::vector<ActivationCase> prelu_and_softmax_cases() {
  std::vector<ActivationCase> c;
  // PRELU: every int8 value in each of 8 channels (shape [1, 16, 16, 8]), alpha [1, 1, 8].
  const Shape prelu_shape = {1, 16, 16, 8};
  c.push_back(
      {"prelu_spread", BO::PRELU, {0.0235f, 3}, {0.0171f, 10}, prelu_shape, 0, 1, {0.004f, -20}});
  c.push_back({"prelu_ties", BO::PRELU, {0.5f, 0}, {0.5f, -3}, prelu_shape, 0, 1, {0.0078125f, 0}});
  c.push_back(
      {"prelu_equal_params", BO::PRELU, {0.1f, -5}, {0.1f, -5}, prelu_shape, 0, 1, {0.002f, 12}});
  // SOFTMAX over the last axis, random inputs.
  c.push_back({"softmax_beta1", BO::SOFTMAX, {0.1f, 0}, kLogisticOut, {16, 10}});
  c.push_back({"softmax_beta_half", BO::SOFTMAX, {0.05f, -20}, kLogisticOut, {8, 32}, 0, 0.5f});
  c.push_back({"softmax_wide", BO::SOFTMAX, {0.2f, 5}, kLogisticOut, {4, 100}});
  c.push_back({"softmax_pow2_rank4", BO::SOFTMAX, {0.0625f, 3}, kLogisticOut, {2, 3, 4, 16}});
  return c;
}

void set_per_tensor(ir::Tensor& tensor, Q q) {
  testing::set_quant(tensor, {q.scale}, {q.zero_point});
}

// Inputs: every value from c.lo up, repeated, for the 256-element unary cases and PRELU's channels;
// random for SOFTMAX.
std::vector<int8_t> input_values(const ActivationCase& c, testing::Random& random) {
  const int64_t n = num_elements(c.shape);
  std::vector<int8_t> v(static_cast<size_t>(n));
  if (c.op == BO::SOFTMAX) {
    for (int8_t& x : v) x = static_cast<int8_t>(static_cast<int>(random.next() % 256) - 128);
    return v;
  }
  const int64_t channels = c.op == BO::PRELU ? c.shape.back() : 1;
  const int span = 128 - c.lo;
  for (int64_t i = 0; i < n; ++i)
    v[static_cast<size_t>(i)] = static_cast<int8_t>(c.lo + (i / channels) % span);
  return v;
}

// PRELU's alpha values: both signs, the int8 limits and zero.
std::vector<int8_t> prelu_alphas(int32_t channels) {
  const int8_t values[] = {-128, -77, -20, 0, 13, 50, 99, 127};
  std::vector<int8_t> alphas;
  for (int32_t i = 0; i < channels; ++i) alphas.push_back(values[i % 8]);
  return alphas;
}

void add_op(testing::OpBuilder& b, const ActivationCase& c, int in, int out) {
  if (c.op == BO::LEAKY_RELU) {
    tflite::LeakyReluOptionsT o;
    o.alpha = c.alpha;
    b.op(c.op, {in}, {out}, o);
  } else if (c.op == BO::SOFTMAX) {
    tflite::SoftmaxOptionsT o;
    o.beta = c.beta;
    b.op(c.op, {in}, {out}, o);
  } else if (c.op == BO::PRELU) {
    const int32_t channels = c.shape.back();
    const int alpha = b.constant({1, 1, channels}, prelu_alphas(channels));
    set_per_tensor(b.at(alpha), c.alpha_q);
    b.op(c.op, {in, alpha}, {out});
  } else {
    b.op(c.op, {in}, {out});
  }
}

testing::OracleCase build(const ActivationCase& c, uint64_t seed) {
  testing::Random random(seed);
  testing::OpBuilder b;
  const int in = b.input(c.shape, ElementType::kInt8);
  set_per_tensor(b.at(in), c.in);
  const int out = b.output(c.shape, ElementType::kInt8);  // every case keeps the input's shape
  set_per_tensor(b.at(out), c.out);
  add_op(b, c, in, out);
  return {c.name,
          tflite::EnumNameBuiltinOperator(c.op),
          b.model(),
          {testing::to_array(ElementType::kInt8, c.shape, input_values(c, random))}};
}

void write_case_params(const fs::path& dir, const ActivationCase& c) {
  const nlohmann::json params = {{"op", tflite::EnumNameBuiltinOperator(c.op)},
                                 {"in", {c.in.scale, c.in.zero_point}},
                                 {"out", {c.out.scale, c.out.zero_point}},
                                 {"alpha", c.alpha},
                                 {"beta", c.beta},
                                 {"alpha_q", {c.alpha_q.scale, c.alpha_q.zero_point}},
                                 {"alpha_values", prelu_alphas(8)}};
  std::ofstream(dir / c.name / "case.json") << params.dump() << "\n";
}

// Runs the cases through LiteRT.js and litequant, expects 0 differing elements under kRuntime, and
// prints per-case and per-op figures under both arithmetics.
void run_cases(const std::string& dir_name, const std::vector<ActivationCase>& cases,
               uint64_t seed) {
  std::vector<testing::OracleCase> built;
  for (const ActivationCase& c : cases) built.push_back(build(c, seed++));
  const fs::path dir = fs::path(LQ_TEST_WORK_DIR) / dir_name;
  testing::expect_equal_to_litert(dir, built, "int8 ");
  for (const ActivationCase& c : cases) write_case_params(dir, c);
}

TEST(Int8ActivationKernels, UnaryOutputsEqualLiteRTUnderRuntimeArithmetic) {
  run_cases("int8_activation_kernels", unary_cases(), 1300);
}

TEST(Int8ActivationKernels, PreluAndSoftmaxOutputsEqualLiteRTUnderRuntimeArithmetic) {
  run_cases("int8_prelu_softmax_kernels", prelu_and_softmax_cases(), 1700);
}

}  // namespace
}  // namespace lq
