// Full-integer quantization (int8, int16x8) of small graphs with given ranges: the parameters each
// spec rule fixes, the conversions where integer and float meet, model boundary types, the report
// and --strict; every result passes `check`. Calibration itself: min/max over a data set.
#include "quant/full_integer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "data/dataset.h"
#include "io/npy.h"
#include "io/tflite_writer.h"
#include "quant/check.h"
#include "quant/params.h"
#include "testing/op_builder.h"

namespace lq::quant {
namespace {

using Op = tflite::BuiltinOperator;
using T = ElementType;

// Ranges given per tensor (of subgraph 0 unless named), as a calibration would have found them.
class FixedRanges final : public Calibrator {
 public:
  void set(int32_t tensor, float lo, float hi) { ranges_[{0, tensor}] = {lo, hi}; }
  void observe(int32_t, int32_t, const float*, int64_t) override {}
  Range range(int32_t subgraph, int32_t tensor) const override {
    const auto it = ranges_.find({subgraph, tensor});
    return it == ranges_.end() ? Range{} : it->second;
  }

 private:
  std::map<std::pair<int32_t, int32_t>, Range> ranges_;
};

std::vector<std::string> op_names(const ir::Model& m) {
  std::vector<std::string> names;
  for (const ir::Op& op : m.subgraphs[0].ops) names.push_back(ir::op_name(op));
  return names;
}

const ir::Tensor& tensor(const ir::Model& m, int32_t index) { return m.subgraphs[0].tensors[static_cast<size_t>(index)]; }

// x [1,2,2,2] -> CONV_2D 1x1 (3 output channels, bias) -> y -> MAX_POOL_2D 2x2 -> z.
struct ConvPool {
  testing::OpBuilder b;
  FixedRanges ranges;
  int x, w, bias, y, z;
  ConvPool() {
    x = b.input({1, 2, 2, 2});
    w = b.constant<float>({3, 1, 1, 2}, {0.5f, -1.0f, 2.0f, 0.25f, -0.127f, 0.0f});
    bias = b.constant<float>({3}, {0.1f, -0.2f, 0.3f});
    y = b.tensor({1, 2, 2, 3}, T::kFloat32);
    z = b.output({1, 1, 1, 3});
    tflite::Conv2DOptionsT conv;
    conv.padding = tflite::Padding::VALID;
    conv.stride_w = conv.stride_h = 1;
    b.op(Op::CONV_2D, {x, w, bias}, {y}, conv);
    tflite::Pool2DOptionsT pool;
    pool.padding = tflite::Padding::VALID;
    pool.stride_w = pool.stride_h = pool.filter_width = pool.filter_height = 2;
    b.op(Op::MAX_POOL_2D, {y}, {z}, pool);
    ranges.set(x, -1.0f, 1.0f);
    ranges.set(y, -2.0f, 6.0f);
    ranges.set(z, -1.0f, 6.0f);
  }
  ir::Model quantize(QuantizeOptions options) {
    ir::Model m = b.model();
    QuantizeReport report;
    quantize_full_integer(m, options, ranges, report);
    EXPECT_TRUE(check_model(m).violations.empty());
    return m;
  }
};

QuantizeOptions int8_options() {
  QuantizeOptions o;
  o.mode = Mode::kInt8;
  return o;
}

// The op whose builtin is `code` (the first).
const ir::Op& find_op(const ir::Model& m, Op code) {
  for (const ir::Op& op : m.subgraphs[0].ops)
    if (op.builtin == code) return op;
  throw std::runtime_error("no such op");
}

TEST(FullInteger, ConvWeightsPerChannelBiasAndSharedPoolParameters) {
  ConvPool g;
  const ir::Model m = g.quantize(int8_options());
  EXPECT_EQ(op_names(m), (std::vector<std::string>{"QUANTIZE", "CONV_2D", "MAX_POOL_2D", "DEQUANTIZE"}));
  const ir::Op& conv = find_op(m, Op::CONV_2D);
  const ir::Tensor& in = tensor(m, conv.inputs[0]);
  EXPECT_EQ(in.type, T::kInt8);
  EXPECT_FLOAT_EQ(in.quant.scale[0], 2.0f / 255.0f);
  EXPECT_EQ(in.quant.zero_point[0], -1);  // -128 + 1 / (2/255) = -0.5, rounded half away from zero
  const ir::Tensor& w = tensor(m, conv.inputs[1]);
  ASSERT_EQ(w.type, T::kInt8);
  ASSERT_EQ(w.quant.scale.size(), 3u);
  EXPECT_FLOAT_EQ(w.quant.scale[0], 1.0f / 127.0f);
  EXPECT_FLOAT_EQ(w.quant.scale[1], 2.0f / 127.0f);
  EXPECT_FLOAT_EQ(w.quant.scale[2], 0.127f / 127.0f);
  EXPECT_EQ(w.quant.axis, 0);
  const auto* wq = w.data_as<int8_t>();
  EXPECT_EQ(std::vector<int>(wq, wq + 6), (std::vector<int>{64, -127, 127, 16, -127, 0}));
  const ir::Tensor& bias = tensor(m, conv.inputs[2]);
  ASSERT_EQ(bias.type, T::kInt32);
  for (size_t c = 0; c < 3; ++c) {
    EXPECT_FLOAT_EQ(bias.quant.scale[c], in.quant.scale[0] * w.quant.scale[c]);
    EXPECT_EQ(bias.data_as<int32_t>()[c],
              static_cast<int32_t>(std::round(std::vector<float>{0.1f, -0.2f, 0.3f}[c] /
                                              (static_cast<double>(in.quant.scale[0]) * w.quant.scale[c]))));
  }
  const ir::Tensor& y = tensor(m, conv.outputs[0]);
  EXPECT_FLOAT_EQ(y.quant.scale[0], 8.0f / 255.0f);
  EXPECT_EQ(y.quant.zero_point[0], -64);  // -128 + 2 / (8/255) = -64.25
  EXPECT_EQ(tensor(m, find_op(m, Op::MAX_POOL_2D).outputs[0]).quant, y.quant);
  // The model's interface stays float and keeps its names.
  EXPECT_EQ(tensor(m, m.subgraphs[0].inputs[0]).type, T::kFloat32);
  EXPECT_EQ(tensor(m, m.subgraphs[0].outputs[0]).type, T::kFloat32);
  EXPECT_EQ(tensor(m, m.subgraphs[0].outputs[0]).name, tensor(g.b.model(), g.z).name);
}

TEST(FullInteger, PerTensorWeightsHaveOneScale) {
  ConvPool g;
  QuantizeOptions o = int8_options();
  o.per_tensor = true;
  const ir::Model m = g.quantize(o);
  const ir::Tensor& w = tensor(m, find_op(m, Op::CONV_2D).inputs[1]);
  ASSERT_EQ(w.quant.scale.size(), 1u);
  EXPECT_FLOAT_EQ(w.quant.scale[0], 2.0f / 127.0f);
}

TEST(FullInteger, Uint8InterfaceShiftsZeroPointsBy128) {
  ConvPool g;
  QuantizeOptions o = int8_options();
  o.input_type = o.output_type = T::kUInt8;
  const ir::Model m = g.quantize(o);
  EXPECT_EQ(op_names(m), (std::vector<std::string>{"QUANTIZE", "CONV_2D", "MAX_POOL_2D", "QUANTIZE"}));
  const ir::Tensor& in = tensor(m, m.subgraphs[0].inputs[0]);
  const ir::Tensor& inner = tensor(m, m.subgraphs[0].ops[0].outputs[0]);
  EXPECT_EQ(in.type, T::kUInt8);
  EXPECT_EQ(inner.type, T::kInt8);
  EXPECT_EQ(in.quant.scale, inner.quant.scale);
  EXPECT_EQ(in.quant.zero_point[0], inner.quant.zero_point[0] + 128);
  EXPECT_EQ(in.name, tensor(g.b.model(), g.x).name);
  const ir::Tensor& out = tensor(m, m.subgraphs[0].outputs[0]);
  EXPECT_EQ(out.type, T::kUInt8);
  const ir::Tensor& pooled = tensor(m, m.subgraphs[0].ops[2].outputs[0]);
  EXPECT_EQ(out.quant.zero_point[0], pooled.quant.zero_point[0] + 128);
}

TEST(FullInteger, Int8InterfaceNeedsNoConversions) {
  ConvPool g;
  QuantizeOptions o = int8_options();
  o.input_type = o.output_type = T::kInt8;
  const ir::Model m = g.quantize(o);
  EXPECT_EQ(op_names(m), (std::vector<std::string>{"CONV_2D", "MAX_POOL_2D"}));
}

TEST(FullInteger, QuantizedModelComputesCloseToFloat) {
  ConvPool g;
  const std::vector<float> input = {0.3f, -0.7f, 0.9f, 0.1f, -1.0f, 0.5f, 0.2f, 0.8f};
  const std::vector<float> want = g.b.run({input});
  ir::Model m = g.quantize(int8_options());
  rt::Interpreter interpreter(m);
  interpreter.set_input(0, input.data(), input.size() * sizeof(float));
  interpreter.invoke();
  const float* got = interpreter.output(0).as<float>();
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got[i], want[i], 0.1f) << i;
}

// x -> CONV_2D -> y -> DIV (no int8 kernel in TFLite) -> d -> MAX_POOL_2D -> z
struct WithFloatOp : ConvPool {
  int d;
  WithFloatOp() {
    ir::Model& m = b.model();
    ir::Subgraph& sg = m.subgraphs[0];
    d = b.tensor({1, 2, 2, 3}, T::kFloat32);
    const int two = b.constant<float>({1}, {2.0f});
    sg.ops[1].inputs = {d};
    ir::Op div;
    div.builtin = Op::DIV;
    div.inputs = {y, two};
    div.outputs = {d};
    sg.ops.insert(sg.ops.begin() + 1, div);
    ranges.set(d, -1.0f, 3.0f);
  }
};

TEST(FullInteger, OpWithoutIntegerKernelStaysFloatBetweenConversionsAndIsReported) {
  WithFloatOp g;
  ir::Model m = g.b.model();
  QuantizeReport report;
  quantize_full_integer(m, int8_options(), g.ranges, report);
  EXPECT_EQ(op_names(m), (std::vector<std::string>{"QUANTIZE", "CONV_2D", "DEQUANTIZE", "DIV", "QUANTIZE",
                                                    "MAX_POOL_2D", "DEQUANTIZE"}));
  EXPECT_EQ(report.float_ops, (OpCounts{{"DIV", 1}}));
  EXPECT_EQ(report.quantized_ops, (OpCounts{{"CONV_2D", 1}, {"MAX_POOL_2D", 1}}));
  EXPECT_NE(report.float_reasons.at("DIV").find("no int8 kernel"), std::string::npos);
  EXPECT_TRUE(check_model(m).violations.empty());
}

TEST(FullInteger, StrictRefusesOpsLeftFloatAndChangesNothing) {
  WithFloatOp g;
  ir::Model m = g.b.model();
  QuantizeOptions o = int8_options();
  o.strict = true;
  QuantizeReport report;
  try {
    quantize_full_integer(m, o, g.ranges, report);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("op 1 DIV"), std::string::npos) << e.what();
  }
  EXPECT_EQ(io::serialize_tflite(m), io::serialize_tflite(g.b.model()));
}

TEST(FullInteger, TensorNeverCalibratedLeavesItsOpFloat) {
  ConvPool g;
  FixedRanges partial;
  partial.set(g.x, -1, 1);
  partial.set(g.y, -2, 6);  // z never seen
  ir::Model m = g.b.model();
  QuantizeReport report;
  quantize_full_integer(m, int8_options(), partial, report);
  EXPECT_EQ(report.float_ops, (OpCounts{{"MAX_POOL_2D", 1}}));
  EXPECT_NE(report.float_reasons.at("MAX_POOL_2D").find("calibration never reached"), std::string::npos);
}

// CONCATENATION of two activations with different ranges: the output takes its own range and
// both inputs are requantized to it.
TEST(FullInteger, ConcatenationRequantizesInputsToSharedParameters) {
  testing::OpBuilder b;
  const int a = b.input({1, 2}), c = b.input({1, 2});
  const int ra = b.tensor({1, 2}, T::kFloat32), rc = b.tensor({1, 2}, T::kFloat32);
  const int out = b.output({1, 4});
  b.op(Op::RELU, {a}, {ra});
  b.op(Op::RELU, {c}, {rc});
  tflite::ConcatenationOptionsT concat;
  concat.axis = 1;
  b.op(Op::CONCATENATION, {ra, rc}, {out}, concat);
  FixedRanges ranges;
  ranges.set(a, -1, 1);
  ranges.set(c, -4, 4);
  ranges.set(ra, 0, 1);
  ranges.set(rc, 0, 4);
  ranges.set(out, 0, 4);
  ir::Model m = b.model();
  QuantizeReport report;
  quantize_full_integer(m, int8_options(), ranges, report);
  const ir::Op& cat_op = find_op(m, Op::CONCATENATION);
  const ir::QuantParams& shared = tensor(m, cat_op.outputs[0]).quant;
  EXPECT_FLOAT_EQ(shared.scale[0], 4.0f / 255.0f);
  for (int32_t in : cat_op.inputs) EXPECT_EQ(tensor(m, in).quant, shared);
  EXPECT_TRUE(check_model(m).violations.empty());
}

TEST(FullInteger, Int16x8HasSymmetricActivationsAndInt64Bias) {
  ConvPool g;
  QuantizeOptions o;
  o.mode = Mode::kInt16x8;
  ir::Model m = g.b.model();
  QuantizeReport report;
  quantize_full_integer(m, o, g.ranges, report);
  ASSERT_EQ(report.quantized_ops.count("CONV_2D"), 1u);
  const ir::Op& conv = find_op(m, Op::CONV_2D);
  EXPECT_EQ(tensor(m, conv.inputs[0]).type, T::kInt16);
  EXPECT_EQ(tensor(m, conv.inputs[0]).quant.zero_point[0], 0);
  EXPECT_FLOAT_EQ(tensor(m, conv.outputs[0]).quant.scale[0], 6.0f / 32767.0f);
  EXPECT_EQ(tensor(m, conv.inputs[2]).type, T::kInt64);
  EXPECT_TRUE(check_model(m).violations.empty());
}

// Power-of-two calibrated scales must not switch a 16x8 ADD to TFLite's pot kernel.
TEST(FullInteger, Int16x8AddUsesTheGeneralKernel) {
  testing::OpBuilder b;
  const int x = b.input({1, 4}), y = b.input({1, 4});
  const int out = b.output({1, 4});
  b.op(Op::ADD, {x, y}, {out});
  FixedRanges ranges;
  ranges.set(x, -1, 1);
  ranges.set(y, -2, 2);
  ranges.set(out, -4, 4);
  ir::Model m = b.model();
  QuantizeOptions o;
  o.mode = Mode::kInt16x8;
  QuantizeReport report;
  quantize_full_integer(m, o, ranges, report);
  const ir::Op& add = find_op(m, Op::ADD);
  ASSERT_NE(add.options.AsAddOptions(), nullptr);
  EXPECT_FALSE(add.options.AsAddOptions()->pot_scale_int16);
}

// Samples [n, 1, width] written as .npy and read back as the model's data set.
std::unique_ptr<data::Dataset> write_samples(const ir::Model& model, const std::string& name,
                                             const std::vector<float>& values, int32_t width = 4) {
  const std::filesystem::path dir = std::filesystem::path(LQ_TEST_WORK_DIR) / "calibration_test";
  std::filesystem::create_directories(dir);
  io::Array samples{T::kFloat32, {static_cast<int32_t>(values.size()) / width, 1, width},
                    std::vector<uint8_t>(values.size() * 4)};
  std::memcpy(samples.data.data(), values.data(), samples.data.size());
  const std::string path = (dir / (name + ".npy")).string();
  io::write_npy(path, samples);
  return std::make_unique<data::Dataset>(path, data::model_inputs(model), data::Preprocess{});
}

// x [1,4] -> MEAN over axis 1 -> m [1] -> GREATER_EQUAL 0 -> c -> IF(c, x) -> y [1,3]: the then
// branch is FULLY_CONNECTED + RELU, the else branch FULLY_CONNECTED + LOGISTIC.
struct IfModel {
  testing::OpBuilder b;
  int x, y;
  int then_fc = 0, else_fc = 0;  // the FULLY_CONNECTED outputs (tensor indices in their branches)
  IfModel() {
    x = b.input({1, 4});
    const int axis = b.constant<int32_t>({1}, {1});
    const int m = b.tensor({1}, T::kFloat32);
    const int zero = b.constant<float>({1}, {0.0f});
    const int c = b.tensor({1}, T::kBool);
    y = b.output({1, 3});
    b.op(Op::MEAN, {x, axis}, {m}, tflite::ReducerOptionsT{});
    b.op(Op::GREATER_EQUAL, {m, zero}, {c});
    tflite::IfOptionsT branches;
    branches.then_subgraph_index = add_branch(Op::RELU, {0.5f, -1, 2, 0.25f, -0.3f, 0.8f, 1, -1, 0.1f, 0.2f, 0.3f, 0.4f},
                                              then_fc);
    branches.else_subgraph_index = add_branch(Op::LOGISTIC, {1, 1, -1, -1, 0.7f, -0.2f, 0.4f, 0.9f, -2, 1, 0, 0.5f},
                                              else_fc);
    b.op(Op::IF, {c, x}, {y}, branches);
  }
  // A subgraph x [1,4] -> FULLY_CONNECTED (weights [3,4], bias) -> h -> `activation` -> out [1,3].
  int add_branch(Op activation, const std::vector<float>& weights, int& fc_out) {
    testing::OpBuilder branch;
    const int in = branch.input({1, 4});
    const int w = branch.constant<float>({3, 4}, weights);
    const int bias = branch.constant<float>({3}, {0.1f, -0.2f, 0.05f});
    fc_out = branch.tensor({1, 3}, T::kFloat32);
    const int out = branch.output({1, 3});
    branch.op(Op::FULLY_CONNECTED, {in, w, bias}, {fc_out}, tflite::FullyConnectedOptionsT{});
    branch.op(activation, {fc_out}, {out});
    b.model().subgraphs.push_back(branch.model().subgraphs[0]);
    return static_cast<int>(b.model().subgraphs.size() - 1);
  }
};

// Samples with a positive mean (then branch) and a negative one (else branch).
const std::vector<float> kBothBranches = {0.9f, 0.2f, -0.1f, 0.6f, -0.8f, 0.3f, -0.5f, -0.2f,
                                          0.4f, 0.7f, 0.1f, -0.3f, -0.1f, -0.9f, 0.2f, -0.6f};

std::vector<std::string> op_names(const ir::Subgraph& g) {
  std::vector<std::string> names;
  for (const ir::Op& op : g.ops) names.push_back(ir::op_name(op));
  return names;
}

TEST(Calibration, RangesOfTheBranchesAnIfRuns) {
  IfModel g;
  MinMaxCalibrator calibrator;
  const auto only_then = write_samples(g.b.model(), "if_then", {0.9f, 0.2f, -0.1f, 0.6f});
  calibrate(g.b.model(), *only_then, calibrator);
  const Range then_in = calibrator.range(1, 0);  // branch input: what IF passed in
  EXPECT_FLOAT_EQ(then_in.min, -0.1f);
  EXPECT_FLOAT_EQ(then_in.max, 0.9f);
  EXPECT_FALSE(calibrator.range(1, g.then_fc).empty());
  EXPECT_TRUE(calibrator.range(2, 0).empty());  // else never ran
  EXPECT_TRUE(calibrator.range(2, g.else_fc).empty());
}

TEST(FullInteger, OpsInIfBranchesBecomeIntegerBehindFloatInterfaces) {
  IfModel g;
  MinMaxCalibrator calibrator;
  calibrate(g.b.model(), *write_samples(g.b.model(), "if_both", kBothBranches), calibrator);
  for (const QuantizeOptions& o : {int8_options(), QuantizeOptions{.mode = Mode::kInt16x8}}) {
    ir::Model m = g.b.model();
    QuantizeReport report;
    quantize_full_integer(m, o, calibrator, report);
    const T act = o.mode == Mode::kInt8 ? T::kInt8 : T::kInt16;
    SCOPED_TRACE(element_type_name(act));
    EXPECT_EQ(report.quantized_ops.at("FULLY_CONNECTED"), 2);
    EXPECT_EQ(report.quantized_ops.at("RELU"), 1);
    EXPECT_EQ(report.quantized_ops.at("LOGISTIC"), 1);
    EXPECT_EQ(report.float_ops.count("FULLY_CONNECTED"), 0u);
    EXPECT_NE(report.float_reasons.at("IF").find("control flow"), std::string::npos);
    for (const size_t k : {1u, 2u}) {
      const ir::Subgraph& branch = m.subgraphs[k];
      EXPECT_EQ(op_names(branch), (std::vector<std::string>{"QUANTIZE", "FULLY_CONNECTED",
                                                             k == 1 ? "RELU" : "LOGISTIC", "DEQUANTIZE"}));
      const ir::Op& fc = branch.ops[1];
      EXPECT_EQ(branch.tensors[static_cast<size_t>(fc.inputs[0])].type, act);
      EXPECT_EQ(branch.tensors[static_cast<size_t>(fc.inputs[1])].type, T::kInt8);
      EXPECT_EQ(branch.tensors[static_cast<size_t>(fc.inputs[2])].type, act == T::kInt8 ? T::kInt32 : T::kInt64);
      // The interface IF sees stays float.
      EXPECT_EQ(branch.tensors[static_cast<size_t>(branch.inputs[0])].type, T::kFloat32);
      EXPECT_EQ(branch.tensors[static_cast<size_t>(branch.outputs[0])].type, T::kFloat32);
      for (const ir::Tensor& t : branch.tensors)
        EXPECT_FALSE(t.is_constant() && t.type == T::kFloat32) << "float constant '" << t.name << "' left";
    }
    const ir::Op& call = find_op(m, Op::IF);
    for (int32_t t : call.inputs) EXPECT_NE(tensor(m, t).type, act);
    EXPECT_TRUE(check_model(m).violations.empty());
    for (size_t s = 0; s < kBothBranches.size(); s += 4) {
      const std::vector<float> input(kBothBranches.begin() + static_cast<long>(s),
                                     kBothBranches.begin() + static_cast<long>(s) + 4);
      const std::vector<float> want = g.b.run({input});
      rt::Interpreter interpreter(m);
      interpreter.set_input(0, input.data(), input.size() * sizeof(float));
      interpreter.invoke();
      const float* got = interpreter.output(0).as<float>();
      for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got[i], want[i], 0.03f) << "sample " << s / 4 << " " << i;
    }
  }
}

TEST(FullInteger, BranchNeverCalibratedStaysFloatAndStrictNamesItsSubgraph) {
  IfModel g;
  MinMaxCalibrator calibrator;
  calibrate(g.b.model(), *write_samples(g.b.model(), "if_then_only", {0.9f, 0.2f, -0.1f, 0.6f}), calibrator);
  ir::Model m = g.b.model();
  QuantizeReport report;
  quantize_full_integer(m, int8_options(), calibrator, report);
  EXPECT_EQ(report.quantized_ops.at("FULLY_CONNECTED"), 1);
  EXPECT_EQ(report.float_ops.at("FULLY_CONNECTED"), 1);
  EXPECT_NE(report.float_reasons.at("FULLY_CONNECTED").find("calibration never reached"), std::string::npos);
  EXPECT_EQ(op_names(m.subgraphs[2]), (std::vector<std::string>{"FULLY_CONNECTED", "LOGISTIC"}));
  EXPECT_TRUE(check_model(m).violations.empty());
  QuantizeOptions strict = int8_options();
  strict.strict = true;
  ir::Model untouched = g.b.model();
  try {
    quantize_full_integer(untouched, strict, calibrator, report);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("subgraph 2 op 0 FULLY_CONNECTED"), std::string::npos) << e.what();
  }
  EXPECT_EQ(io::serialize_tflite(untouched), io::serialize_tflite(g.b.model()));
}

// As IfModel, with the then branch's weights and bias passed in as IF operands (constants of
// subgraph 0), as TFLite files converted from ONNX have them (openWakeWord's hey_jarvis); the else
// branch takes the same inputs and ignores them. `calls` IF ops run the same branches.
struct IfWithWeightOperands {
  testing::OpBuilder b;
  int x, y;
  explicit IfWithWeightOperands(int calls = 1) {
    x = b.input({1, 4});
    const int axis = b.constant<int32_t>({1}, {1});
    const int m = b.tensor({1}, T::kFloat32);
    const int zero = b.constant<float>({1}, {0.0f});
    const int c = b.tensor({1}, T::kBool);
    b.op(Op::MEAN, {x, axis}, {m}, tflite::ReducerOptionsT{});
    b.op(Op::GREATER_EQUAL, {m, zero}, {c});
    tflite::IfOptionsT branches;
    branches.then_subgraph_index = add_branch(Op::RELU, true);
    branches.else_subgraph_index = add_branch(Op::LOGISTIC, false);
    for (int i = 0; i < calls; ++i) {
      const int w = b.constant<float>({3, 4}, {0.5f, -1, 2, 0.25f, -0.3f, 0.8f, 1, -1, 0.1f, 0.2f, 0.3f, 0.4f});
      const int bias = b.constant<float>({3}, {0.1f, -0.2f, 0.05f});
      y = b.output({1, 3});
      b.op(Op::IF, {c, x, w, bias}, {y}, branches);
    }
  }
  // Inputs (x, w, bias); FULLY_CONNECTED with the weight inputs, or with constants of its own.
  int add_branch(Op activation, bool use_operands) {
    testing::OpBuilder branch;
    const int in = branch.input({1, 4});
    int w = branch.input({3, 4});
    int bias = branch.input({3});
    if (!use_operands) {
      w = branch.constant<float>({3, 4}, {1, 1, -1, -1, 0.7f, -0.2f, 0.4f, 0.9f, -2, 1, 0, 0.5f});
      bias = branch.constant<float>({3}, {0.0f, 0.1f, -0.1f});
    }
    const int h = branch.tensor({1, 3}, T::kFloat32);
    const int out = branch.output({1, 3});
    branch.op(Op::FULLY_CONNECTED, {in, w, bias}, {h}, tflite::FullyConnectedOptionsT{});
    branch.op(activation, {h}, {out});
    b.model().subgraphs.push_back(branch.model().subgraphs[0]);
    return static_cast<int>(b.model().subgraphs.size() - 1);
  }
};

int64_t float_constant_bytes(const ir::Model& m) {
  int64_t bytes = 0;
  for (const ir::Subgraph& g : m.subgraphs)
    for (const ir::Tensor& t : g.tensors)
      if (t.is_constant() && t.type == T::kFloat32) bytes += static_cast<int64_t>(t.data.size());
  return bytes;
}

TEST(FullInteger, ConstantIfOperandsMoveIntoTheBranchesAndTakeIntegerWeights) {
  IfWithWeightOperands g;
  MinMaxCalibrator calibrator;
  calibrate(g.b.model(), *write_samples(g.b.model(), "if_operands", kBothBranches), calibrator);
  ir::Model m = g.b.model();
  QuantizeReport report;
  quantize_full_integer(m, int8_options(), calibrator, report);
  EXPECT_EQ(report.quantized_ops.at("FULLY_CONNECTED"), 2);
  EXPECT_EQ(find_op(m, Op::IF).inputs.size(), 2u);  // condition and x
  for (const size_t k : {1u, 2u}) {
    const ir::Subgraph& branch = m.subgraphs[k];
    EXPECT_EQ(branch.inputs.size(), 1u);
    EXPECT_EQ(branch.tensors[static_cast<size_t>(branch.ops[1].inputs[1])].type, T::kInt8);
  }
  EXPECT_EQ(float_constant_bytes(m), 0);  // the operands were moved, not copied
  EXPECT_TRUE(check_model(m).violations.empty());
  for (size_t s = 0; s < kBothBranches.size(); s += 4) {
    const std::vector<float> input(kBothBranches.begin() + static_cast<long>(s),
                                   kBothBranches.begin() + static_cast<long>(s) + 4);
    const std::vector<float> want = g.b.run({input});
    rt::Interpreter interpreter(m);
    interpreter.set_input(0, input.data(), input.size() * sizeof(float));
    interpreter.invoke();
    const float* got = interpreter.output(0).as<float>();
    for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got[i], want[i], 0.03f) << "sample " << s / 4 << " " << i;
  }
}

// Two IF ops run the same branches: their operands may differ, so they stay operands, and the
// branch's FULLY_CONNECTED, whose weights are then no constant, stays float.
TEST(FullInteger, OperandsOfBranchesRunBySeveralOpsStay) {
  IfWithWeightOperands g(2);
  MinMaxCalibrator calibrator;
  calibrate(g.b.model(), *write_samples(g.b.model(), "if_shared", kBothBranches), calibrator);
  ir::Model m = g.b.model();
  QuantizeReport report;
  quantize_full_integer(m, int8_options(), calibrator, report);
  EXPECT_EQ(find_op(m, Op::IF).inputs.size(), 4u);
  EXPECT_EQ(report.float_ops.at("FULLY_CONNECTED"), 1);
  EXPECT_NE(report.float_reasons.at("FULLY_CONNECTED").find("not a float32 constant"), std::string::npos);
  EXPECT_TRUE(check_model(m).violations.empty());
}

// A subgraph out = `code`(in, constant) on [1] tensors; returns its index.
int add_binary_subgraph(ir::Model& model, Op code, float constant, T out_type) {
  testing::OpBuilder sub;
  const int in = sub.input({1});
  const int k = sub.constant<float>({1}, {constant});
  const int out = sub.output({1}, out_type);
  if (code == Op::ADD)
    sub.op(code, {in, k}, {out}, tflite::AddOptionsT{});
  else
    sub.op(code, {in, k}, {out});
  model.subgraphs.push_back(sub.model().subgraphs[0]);
  return static_cast<int>(model.subgraphs.size() - 1);
}

// x -> WHILE (x < 5: x = x + 1.5) -> y. Calibration sees the body once per iteration; the loop
// variable stays float between iterations, its condition and body quantized inside.
TEST(FullInteger, WhileConditionAndBodyBecomeIntegerBehindFloatInterfaces) {
  testing::OpBuilder b;
  const int x = b.input({1});
  const int y = b.output({1});
  tflite::WhileOptionsT loop;
  loop.cond_subgraph_index = add_binary_subgraph(b.model(), Op::LESS, 5.0f, T::kBool);
  loop.body_subgraph_index = add_binary_subgraph(b.model(), Op::ADD, 1.5f, T::kFloat32);
  b.op(Op::WHILE, {x}, {y}, loop);
  MinMaxCalibrator calibrator;
  calibrate(b.model(), *write_samples(b.model(), "while", {0.0f, 0.4f}, 1), calibrator);
  EXPECT_FLOAT_EQ(calibrator.range(2, 2).min, 1.5f);  // body output over every iteration
  EXPECT_FLOAT_EQ(calibrator.range(2, 2).max, 6.4f);
  ir::Model m = b.model();
  QuantizeReport report;
  quantize_full_integer(m, int8_options(), calibrator, report);
  EXPECT_EQ(report.quantized_ops, (OpCounts{{"ADD", 1}, {"LESS", 1}}));
  EXPECT_EQ(op_names(m.subgraphs[1]), (std::vector<std::string>{"QUANTIZE", "LESS"}));
  EXPECT_EQ(op_names(m.subgraphs[2]), (std::vector<std::string>{"QUANTIZE", "ADD", "DEQUANTIZE"}));
  EXPECT_TRUE(check_model(m).violations.empty());
  for (const float start : {0.0f, 0.4f}) {
    rt::Interpreter interpreter(m);
    interpreter.set_input(0, &start, sizeof start);
    interpreter.invoke();
    // Four iterations, each rounding twice (input and ADD output, steps about 0.02 and 0.025); a
    // different iteration count would be 1.5 off.
    EXPECT_NEAR(*interpreter.output(0).as<float>(), b.run({{start}})[0], 0.1f) << start;
  }
}

// x [1, 8] compared with an all-zero constant by each comparison op. The constant takes x's
// parameters (its own range is degenerate), so both sides lie on one grid with 0 exact: the file
// passes check and the integer comparisons equal the float ones on the calibration data.
TEST(FullInteger, ComparisonConstantsTakeTheParametersOfTheActivationTheyMeet) {
  const std::vector<Op> ops = {Op::GREATER, Op::GREATER_EQUAL, Op::LESS, Op::LESS_EQUAL, Op::EQUAL, Op::NOT_EQUAL};
  testing::OpBuilder b;
  const int x = b.input({1, 8});
  const int zero = b.constant<float>({8}, std::vector<float>(8, 0.0f));
  for (const Op op : ops) b.op(op, {x, zero}, {b.output({1, 8}, T::kBool)});
  std::vector<float> samples;  // -0.4 .. 0.4 in steps of 0.05, zeros included
  for (int i = 0; i < 32; ++i) samples.push_back(0.05f * static_cast<float>((i * 7) % 17 - 8));
  MinMaxCalibrator calibrator;
  calibrate(b.model(), *write_samples(b.model(), "compare_zero", samples, 8), calibrator);
  ir::Model m = b.model();
  QuantizeReport report;
  quantize_full_integer(m, int8_options(), calibrator, report);
  EXPECT_EQ(report.quantized_ops.size(), ops.size());
  EXPECT_TRUE(report.float_ops.empty());
  EXPECT_TRUE(check_model(m).violations.empty());
  for (const ir::Op& op : m.subgraphs[0].ops) {
    if (op.builtin == Op::QUANTIZE) continue;
    const ir::Tensor& a = tensor(m, op.inputs[0]);
    const ir::Tensor& k = tensor(m, op.inputs[1]);
    EXPECT_EQ(a.type, T::kInt8);
    EXPECT_EQ(k.type, T::kInt8);
    EXPECT_EQ(k.quant, a.quant) << ir::op_name(op);
    EXPECT_LT(k.quant.scale[0], 1.0f);
    for (size_t i = 0; i < 8; ++i) EXPECT_EQ(k.data_as<int8_t>()[i], a.quant.zero_point[0]);
  }
  for (size_t s = 0; s < samples.size(); s += 8) {
    const std::vector<float> in(samples.begin() + static_cast<long>(s), samples.begin() + static_cast<long>(s) + 8);
    rt::Interpreter want(b.model()), got(m);
    for (rt::Interpreter* run : {&want, &got}) {
      run->set_input(0, in.data(), in.size() * sizeof(float));
      run->invoke();
    }
    for (int o = 0; o < static_cast<int>(ops.size()); ++o)
      for (size_t i = 0; i < 8; ++i)
        EXPECT_EQ(got.output(o).as<bool>()[i], want.output(o).as<bool>()[i])
            << ir::op_name(m.subgraphs[0].ops[static_cast<size_t>(o) + 1]) << " of " << in[i];
  }
}

// A constant beyond the activation's range would clamp to its edge and equal its extreme values:
// it keeps parameters of its own range, as TFLite's converter gives them.
TEST(FullInteger, AComparisonConstantBeyondTheActivationsRangeKeepsItsOwnParameters) {
  testing::OpBuilder b;
  FixedRanges ranges;
  const int x = b.input({1, 4});
  const int k = b.constant<float>({4}, {5.0f, -5.0f, 0.0f, 0.2f});
  b.op(Op::LESS, {x, k}, {b.output({1, 4}, T::kBool)});
  ranges.set(x, -0.4f, 0.4f);
  ir::Model m = b.model();
  QuantizeReport report;
  quantize_full_integer(m, int8_options(), ranges, report);
  const ir::Op& less = find_op(m, Op::LESS);
  EXPECT_EQ(tensor(m, less.inputs[0]).quant, activation_params({-0.4f, 0.4f}, T::kInt8));
  EXPECT_EQ(tensor(m, less.inputs[1]).quant, activation_params({-5.0f, 5.0f}, T::kInt8));
  EXPECT_TRUE(check_model(m).violations.empty());
}

TEST(Params, ActivationParametersContainZeroAndHandleEmptyRanges) {
  const ir::QuantParams positive = activation_params({2.0f, 5.0f}, T::kInt8);  // widened to [0, 5]
  EXPECT_FLOAT_EQ(positive.scale[0], 5.0f / 255.0f);
  EXPECT_EQ(positive.zero_point[0], -128);
  // Ranges narrower than 1e-6 are widened to [-5e-7, 5e-7] around 0, as TFLite's converter does:
  // a small scale (TFLite's comparisons refuse scales of 1 or more), zero point -0.5 rounded.
  for (const Range narrow : {Range{0.0f, 0.0f}, Range{0.0f, 2e-7f}, Range{}}) {
    const ir::QuantParams zero = activation_params(narrow, T::kInt8);
    EXPECT_NEAR(zero.scale[0], 1e-6 / 255, 1e-15);
    EXPECT_EQ(zero.zero_point[0], -1);
  }
  EXPECT_NEAR(activation_params({0.0f, 0.0f}, T::kInt16).scale[0], 5e-7 / 32767, 1e-17);
  EXPECT_FLOAT_EQ(activation_params({0.0f, 2e-6f}, T::kInt8).scale[0], 2e-6f / 255);  // wide enough
  const ir::QuantParams sym = activation_params({-3.0f, 1.0f}, T::kInt16);
  EXPECT_FLOAT_EQ(sym.scale[0], 3.0f / 32767.0f);
  EXPECT_EQ(sym.zero_point[0], 0);
}

TEST(Calibration, MinMaxOverADataSet) {
  testing::OpBuilder b;
  const int x = b.input({1, 3});
  const int y = b.output({1, 3});
  b.op(Op::RELU, {x}, {y});
  const std::filesystem::path dir = std::filesystem::path(LQ_TEST_WORK_DIR) / "calibration_test";
  std::filesystem::create_directories(dir);
  const std::vector<float> values = {1, -2, 3, 0.5f, 7, -1};
  io::Array samples{T::kFloat32, {2, 1, 3}, std::vector<uint8_t>(values.size() * 4)};
  std::memcpy(samples.data.data(), values.data(), samples.data.size());
  io::write_npy((dir / "samples.npy").string(), samples);
  data::Dataset set((dir / "samples.npy").string(), data::model_inputs(b.model()), {});
  MinMaxCalibrator calibrator;
  int64_t progress = 0;
  CalibrationOptions options;
  options.progress = [&](int64_t done, int64_t total) {
    EXPECT_EQ(total, 2);
    progress = done;
  };
  EXPECT_EQ(calibrate(b.model(), set, calibrator, options), 2);
  EXPECT_EQ(progress, 2);
  EXPECT_FLOAT_EQ(calibrator.range(0, x).min, -2);
  EXPECT_FLOAT_EQ(calibrator.range(0, x).max, 7);
  EXPECT_FLOAT_EQ(calibrator.range(0, y).min, 0);
  EXPECT_TRUE(calibrator.range(0, 99).empty());
  EXPECT_TRUE(calibrator.range(1, x).empty());
}

}  // namespace
}  // namespace lq::quant
