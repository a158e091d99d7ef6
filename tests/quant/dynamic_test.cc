// Dynamic-range mode: which weights become int8 (ops, sizes, axes), their values and parameters,
// the options set, shared constants, and the report.
#include <gtest/gtest.h>

#include <cmath>

#include "ir/graph_edit.h"
#include "quant/dynamic.h"
#include "quant/quantize.h"
#include "testing/op_builder.h"
#include "testing/random.h"

namespace lq {
namespace {

using tflite::BuiltinOperator;

quant::QuantizeReport quantize(ir::Model& model, bool per_tensor = false) {
  quant::QuantizeOptions options;
  options.mode = quant::Mode::kDynamic;
  options.per_tensor = per_tensor;
  quant::QuantizeReport report;
  quant::quantize_dynamic(model, options, report);
  return report;
}

std::vector<float> random_weights(int64_t n, uint64_t seed, float range = 0.8f) {
  return testing::Random(seed).uniform_vector(static_cast<size_t>(n), -range, range);
}

// x [rows, depth] -> FULLY_CONNECTED with float weights [units, depth] and bias [units].
struct FcModel {
  testing::OpBuilder b;
  std::vector<float> weights;
  FcModel(int32_t units, int32_t depth, uint64_t seed = 1) {
    weights = random_weights(int64_t{units} * depth, seed);
    const int x = b.input({2, depth});
    const int w = b.constant<float>({units, depth}, weights);
    const int bias = b.constant<float>({units}, random_weights(units, seed + 1));
    b.op(BuiltinOperator::FULLY_CONNECTED, {x, w, bias}, {b.output({2, units})},
         tflite::FullyConnectedOptionsT{});
  }
};

const ir::Tensor& op_input(const ir::Model& model, size_t op, size_t input) {
  const ir::Subgraph& g = model.subgraphs[0];
  return g.tensors[static_cast<size_t>(g.ops[op].inputs[input])];
}

// Checks symmetric int8 values against the float weights: zero points 0, values in [-127, 127],
// each slice's largest magnitude at +-127, and every value within half a step of its weight.
void expect_symmetric(const ir::Tensor& q, const std::vector<float>& w, int32_t axis) {
  ASSERT_EQ(q.type, ElementType::kInt8);
  const size_t slices = q.quant.scale.size();
  EXPECT_EQ(q.quant.zero_point, std::vector<int64_t>(slices, 0));
  int64_t inner = 1;
  for (size_t d = static_cast<size_t>(axis) + 1; slices > 1 && d < q.shape.size(); ++d)
    inner *= q.shape[d];
  std::vector<int> peak(slices, 0);
  for (size_t i = 0; i < w.size(); ++i) {
    const size_t s = slices == 1 ? 0 : (i / static_cast<size_t>(inner)) % slices;
    const int v = q.data_as<int8_t>()[i];
    ASSERT_GE(v, -127);
    peak[s] = std::max(peak[s], std::abs(v));
    EXPECT_LE(std::abs(static_cast<float>(v) * q.quant.scale[s] - w[i]),
              0.5f * q.quant.scale[s] * 1.0001f)
        << i;
  }
  for (size_t s = 0; s < slices; ++s) EXPECT_EQ(peak[s], 127) << "slice " << s;
}

TEST(DynamicMode, FullyConnectedWeightsPerChannelInt8WithAsymmetricInputs) {
  FcModel m(64, 48);
  ir::Model model = m.b.model();
  const quant::QuantizeReport report = quantize(model);
  EXPECT_EQ(report.quantized_ops, (quant::OpCounts{{"FULLY_CONNECTED", 1}}));
  EXPECT_TRUE(report.float_ops.empty());
  const ir::Tensor& w = op_input(model, 0, 1);
  EXPECT_EQ(w.quant.scale.size(), 64u);
  EXPECT_EQ(w.quant.axis, 0);
  expect_symmetric(w, m.weights, 0);
  EXPECT_EQ(op_input(model, 0, 2).type, ElementType::kFloat32);  // the bias stays float
  EXPECT_EQ(op_input(model, 0, 0).type, ElementType::kFloat32);
  const auto* options = ir::find_options<tflite::FullyConnectedOptionsT>(model.subgraphs[0].ops[0]);
  ASSERT_NE(options, nullptr);
  EXPECT_TRUE(options->asymmetric_quantize_inputs);
  EXPECT_EQ(model.subgraphs[0].tensors.size(), 4u);  // the float weights are gone
}

TEST(DynamicMode, PerTensorGivesOneScaleOfMaxOver127) {
  FcModel m(32, 40);
  ir::Model model = m.b.model();
  quantize(model, /*per_tensor=*/true);
  const ir::Tensor& w = op_input(model, 0, 1);
  ASSERT_EQ(w.quant.scale.size(), 1u);
  float max_abs = 0;
  for (float v : m.weights) max_abs = std::max(max_abs, std::abs(v));
  EXPECT_FLOAT_EQ(w.quant.scale[0], max_abs / 127);
  expect_symmetric(w, m.weights, 0);
}

TEST(DynamicMode, PerTensorDepthwiseRepeatsItsOneScalePerChannel) {
  testing::OpBuilder b;
  const std::vector<float> values = random_weights(3 * 3 * 128, 8);
  const int x = b.input({1, 6, 6, 64});
  const int w = b.constant<float>({1, 3, 3, 128}, values);
  tflite::DepthwiseConv2DOptionsT dw;
  dw.depth_multiplier = 2;
  b.op(BuiltinOperator::DEPTHWISE_CONV_2D, {x, w, -1}, {b.output({1, 6, 6, 128})}, dw);
  ir::Model model = b.model();
  quantize(model, /*per_tensor=*/true);
  const ir::Tensor& q = op_input(model, 0, 1);
  ASSERT_EQ(q.quant.scale.size(), 128u);
  EXPECT_EQ(q.quant.axis, 3);
  float max_abs = 0;
  for (float v : values) max_abs = std::max(max_abs, std::abs(v));
  EXPECT_EQ(q.quant.scale, std::vector<float>(128, max_abs / 127));
  for (size_t i = 0; i < values.size(); ++i)
    EXPECT_LE(std::abs(static_cast<float>(q.data_as<int8_t>()[i]) * q.quant.scale[0] - values[i]),
              0.5f * q.quant.scale[0] * 1.0001f);
}

TEST(DynamicMode, WeightsUnder1024ElementsStayFloat) {
  FcModel small(31, 33);  // 1023 elements
  ir::Model model = small.b.model();
  const quant::QuantizeReport report = quantize(model);
  EXPECT_EQ(op_input(model, 0, 1).type, ElementType::kFloat32);
  EXPECT_TRUE(report.quantized_ops.empty());
  EXPECT_EQ(report.float_ops, (quant::OpCounts{{"FULLY_CONNECTED", 1}}));
  EXPECT_FALSE(ir::find_options<tflite::FullyConnectedOptionsT>(model.subgraphs[0].ops[0])
                   ->asymmetric_quantize_inputs);

  FcModel boundary(32, 32);  // 1024 elements: quantized
  ir::Model model2 = boundary.b.model();
  quantize(model2);
  EXPECT_EQ(op_input(model2, 0, 1).type, ElementType::kInt8);
}

TEST(DynamicMode, ConvAndDepthwiseAxesAndSharedConstantQuantizedOncePerAxis) {
  // One [1, 4, 4, 64] constant read by a CONV_2D (as OHWI, axis 0), a DEPTHWISE_CONV_2D (axis 3)
  // and a second CONV_2D: two int8 copies, the convolutions share one.
  testing::OpBuilder b;
  const std::vector<float> values = random_weights(1 * 4 * 4 * 64, 3);
  const int x = b.input({1, 6, 6, 64});
  const int w = b.constant<float>({1, 4, 4, 64}, values);
  tflite::Conv2DOptionsT conv;
  conv.padding = tflite::Padding::SAME;
  tflite::DepthwiseConv2DOptionsT dw;
  dw.padding = tflite::Padding::SAME;
  dw.depth_multiplier = 1;
  b.op(BuiltinOperator::CONV_2D, {x, w, -1}, {b.output({1, 6, 6, 1})}, conv);
  b.op(BuiltinOperator::DEPTHWISE_CONV_2D, {x, w, -1}, {b.output({1, 6, 6, 64})}, dw);
  b.op(BuiltinOperator::CONV_2D, {x, w, -1}, {b.output({1, 6, 6, 1})}, conv);
  ir::Model model = b.model();
  const quant::QuantizeReport report = quantize(model);
  EXPECT_EQ(report.quantized_ops, (quant::OpCounts{{"CONV_2D", 2}, {"DEPTHWISE_CONV_2D", 1}}));
  const ir::Subgraph& g = model.subgraphs[0];
  EXPECT_EQ(g.ops[0].inputs[1], g.ops[2].inputs[1]);
  EXPECT_NE(g.ops[0].inputs[1], g.ops[1].inputs[1]);
  const ir::Tensor& conv_w = op_input(model, 0, 1);
  const ir::Tensor& dw_w = op_input(model, 1, 1);
  EXPECT_EQ(conv_w.quant.scale.size(), 1u);  // axis 0 has one slice
  EXPECT_EQ(dw_w.quant.scale.size(), 64u);
  EXPECT_EQ(dw_w.quant.axis, 3);
  EXPECT_NE(conv_w.name, dw_w.name);
  expect_symmetric(conv_w, values, 0);
  expect_symmetric(dw_w, values, 3);
  // input, 3 outputs, 2 int8 copies, 3 zero biases: the float constant is gone.
  EXPECT_EQ(g.tensors.size(), 9u);
  // TFLite's hybrid convolutions need a bias: each gets a float zero bias of its channels.
  for (size_t op = 0; op < 3; ++op) {
    ASSERT_EQ(g.ops[op].inputs.size(), 3u);
    const ir::Tensor& bias = op_input(model, op, 2);
    EXPECT_EQ(bias.type, ElementType::kFloat32);
    EXPECT_EQ(bias.shape, (Shape{op == 1 ? 64 : 1}));
    EXPECT_EQ(ir::read_floats(bias), std::vector<float>(op == 1 ? 64 : 1, 0.0f));
  }
}

TEST(DynamicMode, BatchMatMulQuantizesAConstantRhsPerTensor) {
  testing::OpBuilder b;
  const std::vector<float> values = random_weights(64 * 32, 4);
  const int x = b.input({2, 5, 64});
  const int y = b.input({2, 64, 32});
  const int w = b.constant<float>({64, 32}, values);
  b.op(BuiltinOperator::BATCH_MATMUL, {x, w}, {b.output({2, 5, 32})},
       tflite::BatchMatMulOptionsT{});
  b.op(BuiltinOperator::BATCH_MATMUL, {x, y}, {b.output({2, 5, 32})},
       tflite::BatchMatMulOptionsT{});
  ir::Model model = b.model();
  const quant::QuantizeReport report = quantize(model);
  EXPECT_EQ(report.quantized_ops, (quant::OpCounts{{"BATCH_MATMUL", 1}}));
  EXPECT_EQ(report.float_ops, (quant::OpCounts{{"BATCH_MATMUL", 1}}));
  const ir::Tensor& q = op_input(model, 0, 1);
  EXPECT_EQ(q.quant.scale.size(), 1u);
  expect_symmetric(q, values, 0);
  const ir::Subgraph& g = model.subgraphs[0];
  EXPECT_TRUE(ir::find_options<tflite::BatchMatMulOptionsT>(g.ops[0])->asymmetric_quantize_inputs);
  EXPECT_FALSE(ir::find_options<tflite::BatchMatMulOptionsT>(g.ops[1])->asymmetric_quantize_inputs);
}

TEST(DynamicMode, TransposeConvAndGatherReadInt8WeightsThroughDequantize) {
  testing::OpBuilder b;
  const std::vector<float> filter = random_weights(16 * 3 * 3 * 8, 5);
  const std::vector<float> table = random_weights(256 * 8, 6);
  const int shape = b.constant<int32_t>({4}, {1, 8, 8, 16});
  const int x = b.input({1, 4, 4, 8});
  const int w = b.constant<float>({16, 3, 3, 8}, filter);
  tflite::TransposeConvOptionsT tconv;
  tconv.padding = tflite::Padding::SAME;
  tconv.stride_h = tconv.stride_w = 2;
  b.op(BuiltinOperator::TRANSPOSE_CONV, {shape, w, x, -1}, {b.output({1, 8, 8, 16})}, tconv);
  const int params = b.constant<float>({256, 8}, table);
  const int indices = b.input({3}, ElementType::kInt32);
  b.op(BuiltinOperator::GATHER, {params, indices}, {b.output({3, 8})}, tflite::GatherOptionsT{});
  ir::Model model = b.model();
  const quant::QuantizeReport report = quantize(model);
  EXPECT_EQ(report.quantized_ops, (quant::OpCounts{{"GATHER", 1}, {"TRANSPOSE_CONV", 1}}));
  const ir::Subgraph& g = model.subgraphs[0];
  ASSERT_EQ(g.ops.size(), 4u);
  EXPECT_EQ(g.ops[0].builtin, BuiltinOperator::DEQUANTIZE);
  EXPECT_EQ(g.ops[1].builtin, BuiltinOperator::TRANSPOSE_CONV);
  EXPECT_EQ(g.ops[2].builtin, BuiltinOperator::DEQUANTIZE);
  EXPECT_EQ(g.ops[3].builtin, BuiltinOperator::GATHER);
  EXPECT_EQ(g.ops[1].inputs[1], g.ops[0].outputs[0]);
  EXPECT_EQ(g.ops[3].inputs[0], g.ops[2].outputs[0]);
  const ir::Tensor& tw = g.tensors[static_cast<size_t>(g.ops[0].inputs[0])];
  EXPECT_EQ(tw.quant.scale.size(), 16u);
  expect_symmetric(tw, filter, 0);
  const ir::Tensor& gw = g.tensors[static_cast<size_t>(g.ops[2].inputs[0])];
  EXPECT_EQ(gw.quant.scale.size(), 1u);
  expect_symmetric(gw, table, 0);

  // The rewritten model runs: GATHER returns the dequantized rows.
  std::vector<float> in = testing::Random(9).uniform_vector(4 * 4 * 8, -1, 1);
  auto run = [&](const ir::Model& mdl) {
    rt::Interpreter interpreter(mdl);
    interpreter.set_input(0, in.data(), in.size() * sizeof(float));
    const std::vector<int32_t> idx = {0, 255, 7};
    interpreter.set_input(1, idx.data(), idx.size() * sizeof(int32_t));
    interpreter.invoke();
    const rt::TensorBuffer& out = interpreter.output(1);
    return std::vector<float>(out.as<float>(), out.as<float>() + out.elements());
  };
  const std::vector<float> gathered = run(model);
  for (int c = 0; c < 8; ++c)
    EXPECT_NEAR(gathered[static_cast<size_t>(8 + c)], table[static_cast<size_t>(255 * 8 + c)],
                0.8f / 254 * 1.001f);
}

TEST(DynamicMode, OtherOpsAndNonConstantWeightsStayFloat) {
  testing::OpBuilder b;
  const int x = b.input({2, 48});
  const int w = b.input({64, 48});  // weights fed at run time
  const int y = b.tensor({2, 64}, ElementType::kFloat32);
  b.op(BuiltinOperator::FULLY_CONNECTED, {x, w, -1}, {y}, tflite::FullyConnectedOptionsT{});
  const int z = b.output({2, 64});
  b.op(BuiltinOperator::ADD, {y, y}, {z}, tflite::AddOptionsT{});
  ir::Model model = b.model();
  const quant::QuantizeReport report = quantize(model);
  EXPECT_TRUE(report.quantized_ops.empty());
  EXPECT_EQ(report.float_ops, (quant::OpCounts{{"ADD", 1}, {"FULLY_CONNECTED", 1}}));
}

// x [2, 40] -> IF(mean(x) >= 0, x, w, bias): the then branch is FULLY_CONNECTED(x, w, bias) with
// the weights passed in as IF operands (constants of subgraph 0, as in hey_jarvis), the else branch
// FULLY_CONNECTED with weights of its own. The operands move into the branches and both branches'
// weights become int8; the model runs close to float on either branch.
TEST(DynamicMode, WeightsPassedIntoIfBranchesBecomeInt8BranchConstants) {
  constexpr int32_t kUnits = 32, kDepth = 40;
  testing::OpBuilder b;
  const int x = b.input({2, kDepth});
  const int axis = b.constant<int32_t>({2}, {0, 1});
  const int mean = b.tensor({}, ElementType::kFloat32);
  const int zero = b.constant<float>({}, {0.0f});
  const int c = b.tensor({}, ElementType::kBool);
  b.op(BuiltinOperator::MEAN, {x, axis}, {mean}, tflite::ReducerOptionsT{});
  b.op(BuiltinOperator::GREATER_EQUAL, {mean, zero}, {c});
  auto add_branch = [&](bool weights_from_operands, uint64_t seed) {
    testing::OpBuilder branch;
    const int in = branch.input({2, kDepth});
    int w = branch.input({kUnits, kDepth});
    int bias = branch.input({kUnits});
    if (!weights_from_operands) {
      w = branch.constant<float>({kUnits, kDepth}, random_weights(int64_t{kUnits} * kDepth, seed));
      bias = branch.constant<float>({kUnits}, random_weights(kUnits, seed + 1));
    }
    branch.op(BuiltinOperator::FULLY_CONNECTED, {in, w, bias}, {branch.output({2, kUnits})},
              tflite::FullyConnectedOptionsT{});
    b.model().subgraphs.push_back(branch.model().subgraphs[0]);
    return static_cast<int32_t>(b.model().subgraphs.size() - 1);
  };
  tflite::IfOptionsT branches;
  branches.then_subgraph_index = add_branch(true, 0);
  branches.else_subgraph_index = add_branch(false, 20);
  const int w = b.constant<float>({kUnits, kDepth}, random_weights(int64_t{kUnits} * kDepth, 10));
  const int bias = b.constant<float>({kUnits}, random_weights(kUnits, 11));
  b.op(BuiltinOperator::IF, {c, x, w, bias}, {b.output({2, kUnits})}, branches);

  ir::Model model = b.model();
  const quant::QuantizeReport report = quantize(model);
  EXPECT_EQ(report.quantized_ops, (quant::OpCounts{{"FULLY_CONNECTED", 2}}));
  const ir::Subgraph& main = model.subgraphs[0];
  ASSERT_EQ(main.ops.size(), 3u);
  EXPECT_EQ(main.ops[2].inputs.size(), 2u);  // condition and x
  for (const ir::Tensor& t : main.tensors) EXPECT_FALSE(t.is_constant() && t.shape == (Shape{kUnits, kDepth}));
  for (const size_t k : {1u, 2u}) {
    const ir::Subgraph& branch = model.subgraphs[k];
    EXPECT_EQ(branch.inputs.size(), 1u) << k;
    const ir::Tensor& q = branch.tensors[static_cast<size_t>(branch.ops[0].inputs[1])];
    EXPECT_EQ(q.type, ElementType::kInt8) << k;
    EXPECT_EQ(q.quant.scale.size(), static_cast<size_t>(kUnits)) << k;
    EXPECT_EQ(branch.tensors[static_cast<size_t>(branch.ops[0].inputs[2])].type, ElementType::kFloat32);
  }
  expect_symmetric(model.subgraphs[1].tensors[static_cast<size_t>(model.subgraphs[1].ops[0].inputs[1])],
                   ir::read_floats(b.at(w)), 0);
  for (const float sign : {1.0f, -1.0f}) {  // the then branch, then the else branch
    std::vector<float> in = testing::Random(30).uniform_vector(2 * kDepth, -1, 1);
    for (float& v : in) v = sign * std::abs(v);
    const std::vector<float> want = b.run({in});
    rt::Interpreter interpreter(model);
    interpreter.set_input(0, in.data(), in.size() * sizeof(float));
    interpreter.invoke();
    const float* got = interpreter.output(0).as<float>();
    float peak = 0;
    for (float v : want) peak = std::max(peak, std::abs(v));
    for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got[i], want[i], 0.02f * peak) << sign << " " << i;
  }
}

TEST(DynamicMode, NonFiniteWeightsAreRefusedNamingTheTensorAndLeaveTheModel) {
  FcModel m(32, 32);
  ir::Model model = m.b.model();
  ir::Tensor& w =
      model.subgraphs[0].tensors[static_cast<size_t>(model.subgraphs[0].ops[0].inputs[1])];
  reinterpret_cast<float*>(w.data.data())[5] = std::nanf("");
  try {
    quantize(model);
    FAIL() << "expected an error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("'" + w.name + "'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("finite"), std::string::npos) << e.what();
  }
  EXPECT_EQ(op_input(model, 0, 1).type, ElementType::kFloat32);  // the model is left as it was
  EXPECT_FALSE(ir::find_options<tflite::FullyConnectedOptionsT>(model.subgraphs[0].ops[0])
                   ->asymmetric_quantize_inputs);
}

}  // namespace
}  // namespace lq
