// float16 mode and the fold of DEQUANTIZE of constants that the quantizer starts with.
#include <gtest/gtest.h>

#include <cmath>

#include "core/float16.h"
#include "ir/graph_edit.h"
#include "ir/passes.h"
#include "quant/float16.h"
#include "quant/quantize.h"
#include "testing/op_builder.h"
#include "testing/random.h"

namespace lq {
namespace {

using tflite::BuiltinOperator;

// y = relu(conv(x, w, b)) + c: weights, a bias and an elementwise constant, all float32.
struct ConvModel {
  testing::OpBuilder b;
  int w = 0, bias = 0, c = 0;
  ConvModel() {
    testing::Random random(7);
    const int x = b.input({1, 5, 5, 3});
    w = b.constant<float>({4, 3, 3, 3}, random.uniform_vector(4 * 3 * 3 * 3, -1.3f, 1.3f));
    bias = b.constant<float>({4}, {0.1f, -0.2f, 0.3f, 1e-9f});
    c = b.constant<float>({1, 1, 1, 4}, {0.5f, 1.0f / 3, 70000.0f, -2});
    const int conv = b.tensor({1, 5, 5, 4}, ElementType::kFloat32);
    const int y = b.output({1, 5, 5, 4});
    tflite::Conv2DOptionsT conv_options;
    conv_options.padding = tflite::Padding::SAME;
    conv_options.stride_w = conv_options.stride_h = 1;
    conv_options.fused_activation_function = tflite::ActivationFunctionType::RELU;
    b.op(BuiltinOperator::CONV_2D, {x, w, bias}, {conv}, conv_options);
    b.op(BuiltinOperator::ADD, {conv, c}, {y}, tflite::AddOptionsT{});
  }
};

std::vector<float> run(const ir::Model& model, const std::vector<float>& input) {
  rt::Interpreter interpreter(model);
  interpreter.set_input(0, input.data(), input.size() * sizeof(float));
  interpreter.invoke();
  const rt::TensorBuffer& out = interpreter.output(0);
  return {out.as<float>(), out.as<float>() + out.elements()};
}

// The float32 values a float16 tensor holds.
std::vector<float> widened(const ir::Tensor& t) {
  std::vector<float> values(t.data.size() / 2);
  for (size_t i = 0; i < values.size(); ++i) values[i] = half_to_float(t.data_as<uint16_t>()[i]);
  return values;
}

TEST(Float16Mode, WeightsBecomeFloat16ReadThroughDequantize) {
  ConvModel m;
  ir::Model model = m.b.model();
  const quant::QuantizeReport report = quant::quantize(model, {});
  EXPECT_EQ(report.quantized_ops, (quant::OpCounts{{"ADD", 1}, {"CONV_2D", 1}}));
  EXPECT_TRUE(report.float_ops.empty());
  EXPECT_EQ(report.calibration_samples, 0);

  const ir::Subgraph& g = model.subgraphs[0];
  ASSERT_EQ(g.ops.size(), 5u);  // 2 DEQUANTIZE, CONV_2D, 1 DEQUANTIZE, ADD
  EXPECT_EQ(g.ops[2].builtin, BuiltinOperator::CONV_2D);
  EXPECT_EQ(g.ops[4].builtin, BuiltinOperator::ADD);
  for (size_t i : {0u, 1u, 3u}) {
    const ir::Op& dq = g.ops[i];
    ASSERT_EQ(dq.builtin, BuiltinOperator::DEQUANTIZE);
    const ir::Tensor& half = g.tensors[dq.inputs[0]];
    const ir::Tensor& out = g.tensors[dq.outputs[0]];
    EXPECT_EQ(half.type, ElementType::kFloat16);
    EXPECT_TRUE(half.is_constant());
    EXPECT_EQ(out.type, ElementType::kFloat32);
    EXPECT_FALSE(out.is_constant());
    EXPECT_EQ(out.name, half.name + "_dequantize");
  }
  for (const ir::Tensor& t : g.tensors)
    EXPECT_FALSE(t.type == ElementType::kFloat32 && t.is_constant()) << t.name << " stayed float32";
  // Values beyond float16's range are clamped to its largest finite value, not made infinite.
  EXPECT_EQ(widened(g.tensors[g.ops[3].inputs[0]])[2], 65504.0f);
}

TEST(Float16Mode, OutputsStayWithinFloat16RoundingOfTheFloatModel) {
  ConvModel m;
  const ir::Model float_model = m.b.model();
  ir::Model half_model = float_model;
  quant::quantize(half_model, {});
  const std::vector<float> input = testing::Random(3).uniform_vector(75, -1, 1);
  const std::vector<float> want = run(float_model, input), got = run(half_model, input);
  ASSERT_EQ(want.size(), got.size());
  // Each weight moves by at most 2^-11 of itself; 27 products of |x| <= 1, |w| <= 1.3 then move
  // the sum by at most 27 x 1.3 x 2^-11, plus the bias and the constant's own rounding.
  const float bound = 27 * 1.3f * std::ldexp(1.0f, -11) + 2 * std::ldexp(1.0f, -11) * 2;
  int changed = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    if (i % 4 == 2) continue;  // + 70000, clamped to 65504 in float16
    EXPECT_NEAR(got[i], want[i], bound) << i;
    changed += got[i] != want[i];
  }
  EXPECT_GT(changed, 0) << "the weights were not rounded";
}

TEST(Float16Mode, SharedConstantGetsOneDequantizeBeforeItsFirstReader) {
  testing::OpBuilder b;
  const int x = b.input({1, 4});
  const int c = b.constant<float>({1, 4}, {1, 2, 3, 4});
  const int t = b.tensor({1, 4}, ElementType::kFloat32);
  const int y = b.output({1, 4});
  b.op(BuiltinOperator::RELU, {x}, {t});
  b.op(BuiltinOperator::ADD, {t, c}, {y}, tflite::AddOptionsT{});
  b.op(BuiltinOperator::MUL, {y, c}, {b.output({1, 4})}, tflite::MulOptionsT{});
  ir::Model model = b.model();
  const quant::QuantizeReport report = quant::quantize(model, {});
  EXPECT_EQ(report.float_ops, (quant::OpCounts{{"RELU", 1}}));
  const ir::Subgraph& g = model.subgraphs[0];
  ASSERT_EQ(g.ops.size(), 4u);
  EXPECT_EQ(g.ops[0].builtin, BuiltinOperator::RELU);
  EXPECT_EQ(g.ops[1].builtin, BuiltinOperator::DEQUANTIZE);
  EXPECT_EQ(g.ops[2].inputs[1], g.ops[1].outputs[0]);
  EXPECT_EQ(g.ops[3].inputs[1], g.ops[1].outputs[0]);
}

// openWakeWord's melspectrogram floors its power spectrum at 1e-10 before a log; in float16 that
// would be 0 and the log -inf, so such a constant stays float32. Tiny values in a weight tensor
// with normal ones still convert.
TEST(Float16Mode, ConstantThatWouldVanishStaysFloat32) {
  testing::OpBuilder b;
  const int x = b.input({1, 2});
  const int floor = b.constant<float>({1}, {1e-10f});
  const int w = b.constant<float>({1, 2}, {0.5f, 1e-10f});
  const int y = b.tensor({1, 2}, ElementType::kFloat32);
  const int z = b.output({1, 2});
  b.op(BuiltinOperator::MAXIMUM, {x, floor}, {y});
  b.op(BuiltinOperator::MUL, {y, w}, {z}, tflite::MulOptionsT{});
  ir::Model model = b.model();
  const quant::QuantizeReport report = quant::quantize(model, {});
  EXPECT_EQ(report.float_ops, (quant::OpCounts{{"MAXIMUM", 1}}));
  EXPECT_EQ(report.quantized_ops, (quant::OpCounts{{"MUL", 1}}));
  // max(x, 1e-10) keeps its floor; the weight's 1e-10 becomes float16's 0.
  EXPECT_EQ(run(model, {0.0f, 2.0f}), (std::vector<float>{1e-10f * 0.5f, 0.0f}));
}

TEST(QuantizeOptions, BadCombinationsFailBeforeAnyChange) {
  ConvModel m;
  ir::Model model = m.b.model();
  quant::QuantizeOptions options;
  options.mode = quant::Mode::kInt8;
  try {
    quant::quantize(model, options);
    FAIL() << "int8 quantized without calibration";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("--mode int8 needs calibration data"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(model.subgraphs[0].ops.size(), 2u);
  EXPECT_THROW(quant::parse_mode("int4"), Error);
  EXPECT_EQ(quant::parse_mode("int16x8"), quant::Mode::kInt16x8);
  options.mode = quant::Mode::kFloat16;
  options.input_type = ElementType::kInt8;
  EXPECT_THROW(quant::quantize(model, options), Error);
}

// A float16-weight model as MediaPipe ships them: float16 constants, DEQUANTIZE, the op.
TEST(FoldDequantize, Float16WeightsFoldToTheExactFloat32Values) {
  ConvModel m;
  ir::Model half_model = m.b.model();
  quant::quantize(half_model, {});
  ir::Model folded = half_model;
  ir::run_pass(folded, ir::fold_dequantize);
  const ir::Subgraph& h = half_model.subgraphs[0];
  const ir::Subgraph& g = folded.subgraphs[0];
  ASSERT_EQ(g.ops.size(), 2u);
  EXPECT_EQ(g.ops[0].builtin, BuiltinOperator::CONV_2D);
  const ir::Tensor& w = g.tensors[g.ops[0].inputs[1]];
  EXPECT_EQ(w.type, ElementType::kFloat32);
  EXPECT_EQ(w.name, h.tensors[h.ops[0].outputs[0]].name);
  EXPECT_EQ(ir::read_floats(w), widened(h.tensors[h.ops[0].inputs[0]]));
  const std::vector<float> input = testing::Random(5).uniform_vector(75, -1, 1);
  EXPECT_EQ(run(folded, input), run(half_model, input));
}

// The sparse face detector's weights: a CSR float16 constant -> DENSIFY -> DEQUANTIZE -> op.
TEST(FoldDequantize, DensifyOfASparseConstantFoldsFirst) {
  testing::OpBuilder b;
  const int x = b.input({2, 3});
  ir::DimensionMetadata rows, cols;
  rows.dense_size = 2;
  cols.sparse_csr = true;
  cols.segments = {tflite::SparseIndexVector::Int32Vector, {0, 1, 3}};
  cols.indices = {tflite::SparseIndexVector::Int32Vector, {1, 0, 2}};
  const std::vector<int16_t> stored = {static_cast<int16_t>(float_to_half(1.5f)),
                                       static_cast<int16_t>(float_to_half(-2.0f)),
                                       static_cast<int16_t>(float_to_half(4.0f))};
  const int sparse = b.constant<int16_t>({2, 3}, stored);  // float16 bits
  b.at(sparse).type = ElementType::kFloat16;
  b.at(sparse).sparsity = ir::Sparsity{{0, 1}, {}, {rows, cols}};
  const int dense = b.tensor({2, 3}, ElementType::kFloat16);
  const int w = b.tensor({2, 3}, ElementType::kFloat32);
  const int y = b.output({2, 3});
  b.op(BuiltinOperator::DENSIFY, {sparse}, {dense});
  b.op(BuiltinOperator::DEQUANTIZE, {dense}, {w});
  b.op(BuiltinOperator::ADD, {x, w}, {y});
  ir::Model model = b.model();
  ir::run_pass(model, ir::fold_dequantize);
  const ir::Subgraph& g = model.subgraphs[0];
  ASSERT_EQ(g.ops.size(), 1u);
  EXPECT_EQ(ir::read_floats(g.tensors[g.ops[0].inputs[1]]), (std::vector<float>{0, 1.5f, 0, -2, 0, 4}));
  b.at(sparse).sparsity->dim_metadata[1].indices.values = {1, 0, 7};  // beyond the row
  ir::Model bad = b.model();
  EXPECT_THROW(ir::run_pass(bad, ir::fold_dequantize), Error);
}

TEST(FoldDequantize, Int8ConstantsFoldWithTheirScalesPerTensorAndPerAxis) {
  testing::OpBuilder b;
  const int x = b.input({2, 3});
  const int q = b.constant<int8_t>({2, 3}, {-128, 0, 127, 5, 6, -7});
  b.at(q).quant.scale = {0.5f, 0.25f};
  b.at(q).quant.zero_point = {1, -2};
  b.at(q).quant.axis = 0;
  const int u = b.constant<uint8_t>({2, 3}, {0, 128, 255, 1, 2, 3});
  b.at(u).quant.scale = {0.1f};
  b.at(u).quant.zero_point = {128};
  const int dq = b.tensor({2, 3}, ElementType::kFloat32), du = b.tensor({2, 3}, ElementType::kFloat32);
  const int s = b.tensor({2, 3}, ElementType::kFloat32);
  const int y = b.output({2, 3});
  b.op(BuiltinOperator::DEQUANTIZE, {q}, {dq});
  b.op(BuiltinOperator::DEQUANTIZE, {u}, {du});
  b.op(BuiltinOperator::ADD, {x, dq}, {s}, tflite::AddOptionsT{});
  b.op(BuiltinOperator::ADD, {s, du}, {y}, tflite::AddOptionsT{});
  const std::vector<float> input = {1, 2, 3, 4, 5, 6};
  const std::vector<float> want = b.run({input});
  ir::Model model = b.model();
  ir::run_pass(model, ir::fold_dequantize);
  const ir::Subgraph& g = model.subgraphs[0];
  ASSERT_EQ(g.ops.size(), 2u);
  EXPECT_EQ(ir::read_floats(g.tensors[g.ops[0].inputs[1]]),
            (std::vector<float>{-64.5f, -0.5f, 63, 1.75f, 2, -1.25f}));
  EXPECT_EQ(ir::read_floats(g.tensors[g.ops[1].inputs[1]]),
            (std::vector<float>{0.1f * -128, 0, 0.1f * 127, 0.1f * -127, 0.1f * -126, 0.1f * -125}));
  EXPECT_EQ(run(model, input), want);
}

TEST(FoldDequantize, LeavesDequantizeOfActivationsAndBadParametersAlone) {
  testing::OpBuilder b;
  const int x = b.input({2}, ElementType::kInt8);
  b.at(x).quant.scale = {0.5f};
  b.at(x).quant.zero_point = {0};
  const int q = b.constant<int8_t>({2}, {1, 2});  // no scale: the interpreter reports it
  const int dx = b.output({2});
  const int dq = b.output({2});
  b.op(BuiltinOperator::DEQUANTIZE, {x}, {dx});
  b.op(BuiltinOperator::DEQUANTIZE, {q}, {dq});
  ir::Model model = b.model();
  ir::run_pass(model, ir::fold_dequantize);
  EXPECT_EQ(model.subgraphs[0].ops.size(), 2u);
}

}  // namespace
}  // namespace lq
