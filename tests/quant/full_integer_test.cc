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

// Ranges given per tensor, as a calibration would have found them.
class FixedRanges final : public Calibrator {
 public:
  void set(int32_t tensor, float lo, float hi) { ranges_[tensor] = {lo, hi}; }
  void observe(int32_t, const float*, int64_t) override {}
  Range range(int32_t tensor) const override {
    const auto it = ranges_.find(tensor);
    return it == ranges_.end() ? Range{} : it->second;
  }

 private:
  std::map<int32_t, Range> ranges_;
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

TEST(Params, ActivationParametersContainZeroAndHandleEmptyRanges) {
  const ir::QuantParams positive = activation_params({2.0f, 5.0f}, T::kInt8);  // widened to [0, 5]
  EXPECT_FLOAT_EQ(positive.scale[0], 5.0f / 255.0f);
  EXPECT_EQ(positive.zero_point[0], -128);
  const ir::QuantParams zero = activation_params({0.0f, 0.0f}, T::kInt8);
  EXPECT_GT(zero.scale[0], 0.0f);
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
  EXPECT_FLOAT_EQ(calibrator.range(x).min, -2);
  EXPECT_FLOAT_EQ(calibrator.range(x).max, 7);
  EXPECT_FLOAT_EQ(calibrator.range(y).min, 0);
  EXPECT_TRUE(calibrator.range(99).empty());
}

}  // namespace
}  // namespace lq::quant
