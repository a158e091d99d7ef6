// `quantize --mode dynamic` against LiteRT.js. First on one-op models (FULLY_CONNECTED, CONV_2D,
// DEPTHWISE_CONV_2D, BATCH_MATMUL; per channel and per tensor; with and without
// asymmetric_quantize_inputs), whose float inputs have lopsided ranges or ranges that make the
// zero point a tie, so that the ways of quantizing the inputs on the fly disagree: litequant's
// hybrid kernels under the default arithmetic must equal LiteRT.js's outputs bit for bit, and the
// figures show how far TFLite's builtin hybrid arithmetic is from what LiteRT.js runs. Then on
// every asset model: the written file must pass `check` and run in LiteRT.js, each hybrid op, fed
// LiteRT.js's own value of its input, must give LiteRT.js's outputs bit for bit, and the whole
// model's outputs must be within 1e-4 x max(1, max|ref|) of LiteRT.js's; that error and the SQNR
// of the dynamic model's outputs against the float model's are printed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "io/npy.h"
#include "ir/graph_edit.h"
#include "ir/passes.h"
#include "quant/check.h"
#include "quant/dynamic.h"
#include "testing/op_builder.h"
#include "testing/quantized_models.h"
#include "testing/random.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

using tflite::BuiltinOperator;

quant::QuantizeReport quantize_dynamic(ir::Model& model, bool per_tensor = false) {
  quant::QuantizeOptions options;
  options.mode = quant::Mode::kDynamic;
  options.per_tensor = per_tensor;
  quant::QuantizeReport report;
  report.mode = options.mode;
  quant::read_as_float(model);
  quant::quantize_dynamic(model, options, report);
  return report;
}

// ---- One-op models.

struct HybridCase {
  std::string name;
  BuiltinOperator op;
  Shape input, weights;
  bool per_tensor = false;
  bool symmetric_inputs = false;  // clear asymmetric_quantize_inputs after quantizing
  float lo = -0.4f, hi = 1.7f;    // input range: lopsided, so the zero point matters
  int32_t stride = 1;
  tflite::Padding padding = tflite::Padding::SAME;
  tflite::ActivationFunctionType activation = tflite::ActivationFunctionType::NONE;
  // Every run of inputs quantized together spans exactly [lo, hi]: with [-1, 1] TFLite's
  // asymmetric zero point is -0.5 rounded away from zero (-1), XNNPACK's rounded to even (0).
  bool pin_range = false;
  // Inputs rounded to multiples of `step`: with [0, 6] and 0.2, x / scale hits ties (0.2 -> 8.5).
  float step = 0;
  bool bias = true;
};

std::vector<HybridCase> hybrid_cases() {
  using BO = BuiltinOperator;
  const auto relu = tflite::ActivationFunctionType::RELU;
  std::vector<HybridCase> cases = {
      {"fc_per_channel", BO::FULLY_CONNECTED, {4, 48}, {64, 48}},
      {"fc_per_tensor", BO::FULLY_CONNECTED, {4, 48}, {64, 48}, true},
      {"fc_symmetric_inputs", BO::FULLY_CONNECTED, {4, 48}, {64, 48}, false, true},
      {"fc_rank3_relu",
       BO::FULLY_CONNECTED,
       {2, 3, 40},
       {32, 40},
       false,
       false,
       -2.0f,
       0.5f,
       1,
       tflite::Padding::SAME,
       relu},
      {"conv_per_channel", BO::CONV_2D, {2, 9, 9, 16}, {32, 3, 3, 16}},
      {"conv_1x1", BO::CONV_2D, {2, 6, 6, 32}, {64, 1, 1, 32}},
      {"conv_1x1_per_tensor", BO::CONV_2D, {1, 6, 6, 32}, {64, 1, 1, 32}, true},
      {"conv_1x1_stride2",
       BO::CONV_2D,
       {1, 7, 7, 32},
       {64, 1, 1, 32},
       false,
       false,
       -0.4f,
       1.7f,
       2},
      {"conv_per_tensor", BO::CONV_2D, {1, 9, 9, 16}, {32, 3, 3, 16}, true},
      {"conv_stride2_valid_relu",
       BO::CONV_2D,
       {1, 11, 11, 8},
       {24, 3, 3, 8},
       false,
       false,
       -1.5f,
       0.3f,
       2,
       tflite::Padding::VALID,
       relu},
      {"depthwise_per_channel", BO::DEPTHWISE_CONV_2D, {2, 10, 10, 32}, {1, 3, 3, 128}},
      {"depthwise_per_tensor", BO::DEPTHWISE_CONV_2D, {1, 10, 10, 32}, {1, 3, 3, 128}, true},
      {"batch_matmul", BO::BATCH_MATMUL, {2, 5, 64}, {64, 32}},
      {"batch_matmul_symmetric_inputs", BO::BATCH_MATMUL, {2, 5, 64}, {64, 32}, false, true},
  };
  for (BO op : {BO::FULLY_CONNECTED, BO::CONV_2D, BO::DEPTHWISE_CONV_2D}) {
    HybridCase c =
        *std::find_if(cases.begin(), cases.end(), [&](const HybridCase& x) { return x.op == op; });
    c.name += "_no_bias";
    c.bias = false;
    cases.push_back(c);
  }
  for (const HybridCase& c : std::vector<HybridCase>(cases)) {
    if (!c.bias) continue;
    if (c.per_tensor || c.symmetric_inputs || c.activation != tflite::ActivationFunctionType::NONE)
      continue;
    HybridCase tie = c;
    tie.name += "_zero_point_tie";
    tie.lo = -1.0f;
    tie.hi = 1.0f;
    tie.pin_range = true;
    cases.push_back(tie);
    HybridCase relu6 = c;
    relu6.name += "_value_ties";
    relu6.lo = 0.0f;
    relu6.hi = 6.0f;
    relu6.pin_range = true;
    relu6.step = 0.2f;
    cases.push_back(relu6);
  }
  return cases;
}

int32_t output_channels(const HybridCase& c) {
  return c.op == BuiltinOperator::DEPTHWISE_CONV_2D ? c.weights[3]
         : c.op == BuiltinOperator::BATCH_MATMUL    ? c.weights[1]
                                                    : c.weights[0];
}

struct BuiltHybrid {
  HybridCase c;
  ir::Model model;
  std::vector<float> input;
};

// A float one-op model with random weights and bias, quantized by quantize_dynamic.
BuiltHybrid build(const HybridCase& c, uint64_t seed) {
  testing::Random random(seed);
  testing::OpBuilder b;
  const int in = b.input(c.input);
  const int w = b.constant(
      c.weights, random.uniform_vector(static_cast<size_t>(num_elements(c.weights)), -0.5f, 0.5f));
  const int channels = output_channels(c);
  const std::vector<float> bias_values =
      random.uniform_vector(static_cast<size_t>(channels), -0.2f, 0.2f);
  const int bias = c.bias ? b.constant({channels}, bias_values) : -1;
  const int out = b.output({});
  if (c.op == BuiltinOperator::FULLY_CONNECTED) {
    tflite::FullyConnectedOptionsT o;
    o.fused_activation_function = c.activation;
    o.keep_num_dims = c.input.size() > 2;
    b.op(c.op, {in, w, bias}, {out}, o);
  } else if (c.op == BuiltinOperator::CONV_2D) {
    tflite::Conv2DOptionsT o;
    o.padding = c.padding;
    o.stride_h = o.stride_w = c.stride;
    o.fused_activation_function = c.activation;
    b.op(c.op, {in, w, bias}, {out}, o);
  } else if (c.op == BuiltinOperator::DEPTHWISE_CONV_2D) {
    tflite::DepthwiseConv2DOptionsT o;
    o.padding = c.padding;
    o.stride_h = o.stride_w = c.stride;
    o.depth_multiplier = channels / c.input[3];
    o.fused_activation_function = c.activation;
    b.op(c.op, {in, w, bias}, {out}, o);
  } else {
    b.op(c.op, {in, w}, {out}, tflite::BatchMatMulOptionsT{});
  }
  BuiltHybrid built{c, b.model(),
                    random.uniform_vector(static_cast<size_t>(num_elements(c.input)), c.lo, c.hi)};
  if (c.step > 0)
    for (float& x : built.input) x = std::round(x / c.step) * c.step;
  if (c.pin_range) {
    const bool rows =
        c.op == BuiltinOperator::FULLY_CONNECTED || c.op == BuiltinOperator::BATCH_MATMUL;
    const size_t run =
        static_cast<size_t>(rows ? c.input.back() : num_elements(c.input) / c.input[0]);
    for (size_t i = 0; i < built.input.size(); i += run) {
      built.input[i] = c.lo;
      built.input[i + 1] = c.hi;
    }
  }
  const quant::QuantizeReport report = quantize_dynamic(built.model, c.per_tensor);
  EXPECT_EQ(report.quantized_ops.count(tflite::EnumNameBuiltinOperator(c.op)), 1u) << c.name;
  ir::Subgraph& g = built.model.subgraphs[0];
  if (c.symmetric_inputs) {
    ir::Op& op = g.ops[0];
    if (c.op == BuiltinOperator::FULLY_CONNECTED)
      ir::mutable_options<tflite::FullyConnectedOptionsT>(op).asymmetric_quantize_inputs = false;
    else
      ir::mutable_options<tflite::BatchMatMulOptionsT>(op).asymmetric_quantize_inputs = false;
  }
  // LiteRT.js sizes the output from the recorded shape: record the one litequant plans.
  g.tensors[static_cast<size_t>(g.outputs[0])].shape = rt::Interpreter(built.model).output(0).shape;
  return built;
}

std::vector<float> run_litequant(const BuiltHybrid& b, arith::Arithmetic arithmetic) {
  rt::InterpreterOptions options;
  options.arithmetic = arithmetic;
  rt::Interpreter interpreter(b.model, options);
  interpreter.set_input(0, b.input.data(), b.input.size() * sizeof(float));
  interpreter.invoke();
  const rt::TensorBuffer& out = interpreter.output(0);
  return std::vector<float>(out.as<float>(), out.as<float>() + out.elements());
}

io::Array float_array(const Shape& shape, const std::vector<float>& values) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
  return {ElementType::kFloat32, shape,
          std::vector<uint8_t>(bytes, bytes + values.size() * sizeof(float))};
}

// How many elements are not bit-equal, and the relative error.
struct Agreement {
  int64_t differing = 0;
  double relative = 0;
};
Agreement agreement(const std::vector<float>& got, const io::Array& ref) {
  const float* r = ref.as<float>();
  Agreement a;
  a.relative = testing::relative_error(got.data(), r, ref.elements());
  for (size_t i = 0; i < got.size(); ++i) a.differing += got[i] != r[i];
  return a;
}

TEST(DynamicModels, HybridKernelsMatchLiteRTUnderRuntimeArithmetic) {
  const fs::path work_dir = fs::path(LQ_TEST_WORK_DIR) / "dynamic_kernels";
  fs::remove_all(work_dir);
  fs::create_directories(work_dir);
  std::vector<BuiltHybrid> built;
  nlohmann::json jobs = nlohmann::json::array();
  uint64_t seed = 500;
  for (const HybridCase& c : hybrid_cases()) {
    built.push_back(build(c, seed++));
    const fs::path dir = work_dir / c.name;
    fs::create_directories(dir);
    io::write_tflite(built.back().model, dir / "model.tflite");
    io::write_npy(dir / "input_0.npy", float_array(c.input, built.back().input));
    jobs.push_back({{"model", dir / "model.tflite"},
                    {"inputs", {dir / "input_0.npy"}},
                    {"output_dir", dir / "litert"}});
  }
  ASSERT_TRUE(testing::run_oracle("litert_run.mjs", jobs, work_dir / "jobs.json"));
  for (const BuiltHybrid& b : built) {
    const io::Array ref = io::read_npy(work_dir / b.c.name / "litert" / "output_0.npy");
    ASSERT_EQ(ref.type, ElementType::kFloat32) << b.c.name;
    const std::vector<float> runtime = run_litequant(b, arith::Arithmetic::kRuntime);
    const std::vector<float> reference = run_litequant(b, arith::Arithmetic::kTfliteReference);
    ASSERT_EQ(static_cast<int64_t>(runtime.size()), ref.elements()) << b.c.name;
    const Agreement rt = agreement(runtime, ref), tfl = agreement(reference, ref);
    EXPECT_EQ(rt.differing, 0) << b.c.name << ": " << rt.differing << " of " << runtime.size()
                               << " outputs differ from LiteRT.js (relative error " << rt.relative
                               << ")";
    std::cout << "[ figure ] dynamic " << b.c.name << " vs LiteRT.js: " << runtime.size()
              << " elements, " << rt.differing << " differ with runtime arithmetic (max relative "
              << rt.relative << "), " << tfl.differing << " with tflite-reference (max relative "
              << tfl.relative << ")" << std::endl;
  }
}

// TRANSPOSE_CONV and GATHER read int8 weights through a DEQUANTIZE (no hybrid kernel): LiteRT.js
// runs both, and litequant agrees to float rounding.
TEST(DynamicModels, WeightOnlyOpsRunInLiteRT) {
  const fs::path work_dir = fs::path(LQ_TEST_WORK_DIR) / "dynamic_weight_only";
  fs::remove_all(work_dir);
  fs::create_directories(work_dir);
  testing::Random random(77);
  struct WeightOnly {
    std::string name;
    ir::Model model;
    std::vector<io::Array> inputs;
  };
  std::vector<WeightOnly> cases;
  {
    testing::OpBuilder b;
    const int shape = b.constant<int32_t>({4}, {1, 8, 8, 16});
    const int w =
        b.constant<float>({16, 3, 3, 8}, random.uniform_vector(16 * 3 * 3 * 8, -0.5f, 0.5f));
    const int x = b.input({1, 4, 4, 8});
    tflite::TransposeConvOptionsT o;
    o.padding = tflite::Padding::SAME;
    o.stride_h = o.stride_w = 2;
    b.op(BuiltinOperator::TRANSPOSE_CONV, {shape, w, x, -1}, {b.output({1, 8, 8, 16})}, o);
    cases.push_back({"transpose_conv",
                     b.model(),
                     {float_array({1, 4, 4, 8}, random.uniform_vector(128, -1, 1))}});
  }
  {
    testing::OpBuilder b;
    const int params = b.constant<float>({256, 8}, random.uniform_vector(256 * 8, -2, 2));
    const int indices = b.input({3}, ElementType::kInt32);
    b.op(BuiltinOperator::GATHER, {params, indices}, {b.output({3, 8})}, tflite::GatherOptionsT{});
    const std::vector<int32_t> idx = {0, 255, 17};
    const auto* bytes = reinterpret_cast<const uint8_t*>(idx.data());
    cases.push_back({"gather",
                     b.model(),
                     {{ElementType::kInt32, {3}, std::vector<uint8_t>(bytes, bytes + 12)}}});
  }
  nlohmann::json jobs = nlohmann::json::array();
  for (WeightOnly& c : cases) {
    const quant::QuantizeReport report = quantize_dynamic(c.model);
    ASSERT_EQ(report.quantized_ops.size(), 1u) << c.name;
    ASSERT_EQ(c.model.subgraphs[0].ops[0].builtin, BuiltinOperator::DEQUANTIZE) << c.name;
    const fs::path dir = work_dir / c.name;
    fs::create_directories(dir);
    io::write_tflite(c.model, dir / "model.tflite");
    io::write_npy(dir / "input_0.npy", c.inputs[0]);
    jobs.push_back({{"model", dir / "model.tflite"},
                    {"inputs", {dir / "input_0.npy"}},
                    {"output_dir", dir / "litert"}});
  }
  ASSERT_TRUE(testing::run_oracle("litert_run.mjs", jobs, work_dir / "jobs.json"));
  for (const WeightOnly& c : cases) {
    rt::Interpreter interpreter(c.model);
    interpreter.set_input(0, c.inputs[0].data.data(), c.inputs[0].data.size());
    interpreter.invoke();
    const io::Array ref = io::read_npy(work_dir / c.name / "litert" / "output_0.npy");
    ASSERT_EQ(interpreter.output(0).elements(), ref.elements()) << c.name;
    const double relative =
        testing::relative_error(interpreter.output(0).as<float>(), ref.as<float>(), ref.elements());
    EXPECT_LE(relative, 1e-6) << c.name;
    std::cout << "[ figure ] dynamic weight-only " << c.name << " vs LiteRT.js: " << ref.elements()
              << " elements, max relative error " << relative << std::endl;
  }
}

// ---- Asset models.

const testing::QuantizedAsset& prepared(const testing::AssetModel& m) {
  static const std::map<std::string, testing::QuantizedAsset> all =
      testing::prepare_quantized_assets(fs::path(LQ_TEST_WORK_DIR) / "dynamic_models", "dynamic",
                                        [](ir::Model& model) { quantize_dynamic(model); });
  return all.at(testing::asset_name(m));
}

bool is_hybrid(const ir::Subgraph& g, const ir::Op& op) {
  return op.inputs.size() > 1 && op.inputs[0] >= 0 && op.inputs[1] >= 0 &&
         g.tensors[static_cast<size_t>(op.inputs[0])].type == ElementType::kFloat32 &&
         g.tensors[static_cast<size_t>(op.inputs[1])].type == ElementType::kInt8;
}

// `model` reduced to the ops `keep` needs, with `inputs` and `outputs` as its graph inputs and
// outputs; output shapes recorded as litequant plans them (LiteRT.js sizes outputs from them).
ir::Model submodel(const ir::Model& model, std::vector<int32_t> inputs, std::vector<ir::Op> keep,
                   int32_t output, const rt::InterpreterOptions& options) {
  ir::Model t = model;
  t.signatures.clear();
  ir::Subgraph& g = t.subgraphs[0];
  g.inputs = std::move(inputs);
  g.outputs = {output};
  g.ops = std::move(keep);
  ir::remove_unused(t);
  ir::Tensor& out = g.tensors[static_cast<size_t>(g.outputs[0])];
  out.shape = rt::Interpreter(t, options).output(0).shape;
  out.shape_signature.clear();
  return t;
}

// The local error of each hybrid op: LiteRT.js runs the model cut at the op's input, and then the
// op alone on that value; litequant runs the op alone on the same value. Every output element
// must be equal: what remains end to end comes from the float ops (below). Returns the number of
// hybrid ops checked.
int expect_hybrid_ops_equal_litert(const testing::QuantizedAsset& p, const ir::Model& model) {
  const ir::Subgraph& g = model.subgraphs[0];
  const fs::path dir = p.dir / "local";
  fs::create_directories(dir);
  const rt::InterpreterOptions options = testing::asset_options(p.m, model);
  const rt::Interpreter plan(model, options);  // the shapes tensors have on the prepared inputs
  nlohmann::json jobs = nlohmann::json::array();
  std::map<int32_t, fs::path> values;  // hybrid op input -> LiteRT.js's value of it
  std::vector<size_t> hybrid;
  for (size_t k = 0; k < g.ops.size(); ++k) {
    if (!is_hybrid(g, g.ops[k])) continue;
    hybrid.push_back(k);
    const int32_t in = g.ops[k].inputs[0];
    if (values.count(in)) continue;
    const auto graph_input = std::find(g.inputs.begin(), g.inputs.end(), in);
    if (graph_input != g.inputs.end()) {
      values[in] = p.inputs[static_cast<size_t>(graph_input - g.inputs.begin())];
      continue;
    }
    const int producer = ir::producer(g, in, k);
    LQ_CHECK(producer >= 0, "op ", k, " reads a float constant as its data input");
    const ir::Model cut =
        submodel(model, g.inputs, std::vector<ir::Op>(g.ops.begin(), g.ops.begin() + producer + 1),
                 in, options);
    const fs::path file = dir / cat("cut_", in, ".tflite");
    io::write_tflite(cut, file);
    jobs.push_back(testing::litert_job(p.m, cut, file, p.inputs, dir / cat("cut_", in)));
    values[in] = dir / cat("cut_", in) / "output_0.npy";
  }
  // The jobs run in order in one process: each op's input is written before the op runs.
  for (size_t k : hybrid) {
    const ir::Op& op = g.ops[k];
    ir::Model single = model;  // its input recorded with the shape it has at run time
    single.subgraphs[0].tensors[static_cast<size_t>(op.inputs[0])].shape =
        plan.tensor(op.inputs[0]).shape;
    single = submodel(single, {op.inputs[0]}, {op}, op.outputs[0], {});
    const fs::path file = dir / cat("op_", k, ".tflite");
    io::write_tflite(single, file);
    jobs.push_back(
        {{"model", file}, {"inputs", {values[op.inputs[0]]}}, {"output_dir", dir / cat("op_", k)}});
  }
  if (!testing::run_oracle("litert_run.mjs", jobs, dir / "jobs.json")) {
    ADD_FAILURE() << "LiteRT.js failed on the cut or single-op models";
    return 0;
  }
  for (size_t k : hybrid) {
    const ir::Model single = io::read_tflite(dir / cat("op_", k, ".tflite"));
    rt::Interpreter interpreter(single);
    testing::set_inputs(interpreter, {values[g.ops[k].inputs[0]]});
    interpreter.invoke();
    const io::Array ref = io::read_npy(dir / cat("op_", k) / "output_0.npy");
    const rt::TensorBuffer& out = interpreter.output(0);
    EXPECT_EQ(out.elements(), ref.elements()) << "op " << k;
    if (out.elements() != ref.elements()) continue;
    int64_t differing = 0;
    for (int64_t i = 0; i < ref.elements(); ++i)
      differing += out.as<float>()[i] != ref.as<float>()[i];
    EXPECT_EQ(differing, 0) << "op " << k << " (" << ir::op_name(g.ops[k]) << "): " << differing
                            << " of " << ref.elements()
                            << " outputs differ from LiteRT.js on the same input";
  }
  return static_cast<int>(hybrid.size());
}

class QuantizeDynamic : public ::testing::TestWithParam<testing::AssetModel> {};

// End to end, a hybrid op quantizes its float input on the fly, so a last-bit difference in a
// float op upstream can move an input element by a whole step (range / 255) and every output that
// reads it. litequant's float kernels therefore compute as XNNPACK does (summation orders, sigmoid,
// bilinear blend, mean scale: tests/models/float_kernels_test.cc), and the end-to-end error must
// meet the bound, 1e-4 x max(1, max|LiteRT.js|); it is printed too. The hybrid ops
// themselves are checked bit for bit on identical inputs.
TEST_P(QuantizeDynamic, RunsInLiteRTAndHybridOpsMatchItExactly) {
  const testing::QuantizedAsset& p = prepared(GetParam());
  ASSERT_EQ(p.error, "");
  const ir::Model quantized = io::read_tflite(p.quantized);
  ir::Model float_model = io::read_tflite(testing::asset_path(p.m));
  quant::read_as_float(float_model);
  ir::Model requantized = float_model;
  const quant::QuantizeReport report = quantize_dynamic(requantized);
  const std::vector<std::vector<float>> got = testing::run_float_outputs(quantized, p),
                                        want = testing::run_float_outputs(float_model, p);
  ASSERT_EQ(got.size(), want.size());
  double worst = 0;
  std::string sqnr, errors;
  for (size_t o = 0; o < got.size(); ++o) {
    const io::Array ref = testing::litert_output(p, o);
    ASSERT_EQ(ref.type, ElementType::kFloat32);
    ASSERT_EQ(static_cast<size_t>(ref.elements()), got[o].size()) << "output " << o;
    const double relative = testing::relative_error(got[o].data(), ref.as<float>(), ref.elements());
    EXPECT_LE(relative, 1e-4) << "output " << o << " differs from LiteRT.js's";
    worst = std::max(worst, relative);
    sqnr += cat(o ? ", " : "", testing::sqnr_db(got[o], want[o]));
    errors += cat(o ? ", " : "", relative);
  }
  for (const quant::Violation& v : quant::check_model(quantized).violations)
    ADD_FAILURE() << "check: " << quant::violation_text(v);
  const int hybrid = expect_hybrid_ops_equal_litert(p, quantized);
  int quantized_ops = 0;
  for (const auto& [name, n] : report.quantized_ops) quantized_ops += n;
  EXPECT_GT(quantized_ops, 0);
  const uintmax_t after = fs::file_size(p.quantized);
  std::cout << "[ figure ] dynamic " << testing::asset_name(p.m) << ": " << quantized_ops
            << " ops quantized (" << hybrid << " hybrid, each equal to LiteRT.js on its input), "
            << p.float_bytes << " -> " << after << " bytes ("
            << 100.0 * static_cast<double>(after) / static_cast<double>(p.float_bytes)
            << "%), output SQNR vs float (litequant) " << sqnr
            << " dB, end-to-end error vs LiteRT.js / max(1, max|ref|) per output " << errors
            << " (worst " << worst << ")" << std::endl;
}

INSTANTIATE_TEST_SUITE_P(Assets, QuantizeDynamic, ::testing::ValuesIn(testing::asset_models()),
                         [](const ::testing::TestParamInfo<testing::AssetModel>& param_info) {
                           return testing::asset_name(param_info.param);
                         });

}  // namespace
}  // namespace lq
