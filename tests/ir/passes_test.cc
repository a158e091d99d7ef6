// Graph passes (ir/passes.h): each test builds a small float graph as the ONNX importer would,
// runs it on seeded inputs before and after the passes (outputs must agree within 1e-5 x
// max(1, |expected|)), checks that the graph stays valid (topological order, one writer per tensor,
// every tensor used, IR shapes equal to the shapes the interpreter computes) and checks what the
// pass changed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "ir/graph_edit.h"
#include "ir/passes.h"
#include "testing/op_builder.h"
#include "testing/random.h"

namespace lq {
namespace {

using ir::Perm;
using ir::TensorMap;
using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;

const Perm kToNhwc = {0, 2, 3, 1};
const Perm kToNchw = {0, 3, 1, 2};

// Builds graphs layer by layer, in the importer's style: NCHW tensors, layout-sensitive ops wrapped
// in TRANSPOSE(0,2,3,1) -> op -> TRANSPOSE(0,3,1,2).
class Graph {
 public:
  explicit Graph(uint64_t seed = 1) : random_(seed) {}

  ir::Model& model() { return b_.model(); }
  ir::Subgraph& graph() { return b_.model().subgraphs[0]; }
  const Shape& shape(int t) { return b_.at(t).shape; }

  int input(Shape shape) { return b_.input(std::move(shape)); }
  void output(int t, const std::string& name) {
    b_.at(t).name = name;
    graph().outputs.push_back(t);
  }
  int activation(Shape shape) { return b_.tensor(std::move(shape), ElementType::kFloat32); }
  template <class T> int constant(Shape shape, const std::vector<T>& values) {
    const int index = b_.tensor(std::move(shape), element_type_of<T>());
    const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
    b_.at(index).data.assign(bytes, bytes + values.size() * sizeof(T));
    return index;
  }
  int random_constant(Shape shape, float lo = -1.0f, float hi = 1.0f) {
    const size_t count = static_cast<size_t>(num_elements(shape));
    return constant<float>(std::move(shape), random_.uniform_vector(count, lo, hi));
  }

  int transpose(int x, const Perm& perm) {
    const int perm_tensor = constant<int32_t>({static_cast<int32_t>(perm.size())}, perm);
    const int out = activation(ir::permute(shape(x), perm));
    b_.op(BuiltinOperator::TRANSPOSE, {x, perm_tensor}, {out}, tflite::TransposeOptionsT{});
    return out;
  }
  int unary(BuiltinOperator code, int x) {
    const int out = activation(shape(x));
    b_.op(code, {x}, {out});
    return out;
  }
  int binary(BuiltinOperator code, int a, int c) {
    const int out = activation(broadcast_shapes(shape(a), shape(c)));
    b_.op(code, {a, c}, {out});
    return out;
  }
  // 3x3 SAME convolution, stride 1, with random weights [out_c, 3, 3, in_c] and bias.
  int conv_nhwc(int x, int out_c, int weights = -1) {
    const Shape in = shape(x);
    if (weights < 0) weights = random_constant({out_c, 3, 3, in[3]});
    const int bias = random_constant({out_c});
    const int out = activation({in[0], in[1], in[2], out_c});
    tflite::Conv2DOptionsT options;
    options.padding = tflite::Padding::SAME;
    options.stride_w = options.stride_h = 1;
    b_.op(BuiltinOperator::CONV_2D, {x, weights, bias}, {out}, options);
    return out;
  }
  int conv_nchw(int x, int out_c) {
    return transpose(conv_nhwc(transpose(x, kToNhwc), out_c), kToNchw);
  }
  int max_pool_nchw(int x) {
    const int nhwc = transpose(x, kToNhwc);
    const Shape in = shape(nhwc);
    const int out = activation({in[0], in[1] / 2, in[2] / 2, in[3]});
    tflite::Pool2DOptionsT options;
    options.padding = tflite::Padding::VALID;
    options.stride_w = options.stride_h = options.filter_width = options.filter_height = 2;
    b_.op(BuiltinOperator::MAX_POOL_2D, {nhwc}, {out}, options);
    return transpose(out, kToNchw);
  }
  int reduce(BuiltinOperator code, int x, const std::vector<int32_t>& axes) {
    Shape out_shape = shape(x);
    for (int32_t a : axes) out_shape[a] = 1;
    const int out = activation(out_shape);
    const int axes_tensor = constant<int32_t>({static_cast<int32_t>(axes.size())}, axes);
    tflite::ReducerOptionsT options;
    options.keep_dims = true;
    b_.op(code, {x, axes_tensor}, {out}, options);
    return out;
  }
  int reshape(int x, const Shape& to) {
    const int out = activation(to);
    const int shape_tensor = constant<int32_t>({static_cast<int32_t>(to.size())}, to);
    tflite::ReshapeOptionsT options;
    options.new_shape = to;
    b_.op(BuiltinOperator::RESHAPE, {x, shape_tensor}, {out}, options);
    return out;
  }
  int fully_connected(int x, int weights) {
    const int units = shape(weights)[0];
    const int out = activation({shape(x)[0], units});
    b_.op(BuiltinOperator::FULLY_CONNECTED, {x, weights, random_constant({units})}, {out},
          tflite::FullyConnectedOptionsT{});
    return out;
  }
  ir::Op& op(BuiltinOperator code, std::vector<int32_t> inputs, std::vector<int32_t> outputs) {
    return b_.op(code, std::move(inputs), std::move(outputs));
  }

  int count(BuiltinOperator code) {
    return static_cast<int>(
        std::ranges::count_if(graph().ops, [&](const ir::Op& op) { return op.builtin == code; }));
  }
  const ir::Op* find(BuiltinOperator code) {
    for (const ir::Op& op : graph().ops)
      if (op.builtin == code) return &op;
    return nullptr;
  }

 private:
  testing::OpBuilder b_;
  testing::Random random_;
};

std::vector<std::vector<float>> run(const ir::Model& model,
                                    const std::vector<std::vector<float>>& inputs) {
  rt::Interpreter interpreter(model);
  for (size_t i = 0; i < inputs.size(); ++i)
    interpreter.set_input(static_cast<int>(i), inputs[i].data(), inputs[i].size() * sizeof(float));
  interpreter.invoke();
  std::vector<std::vector<float>> outputs;
  for (int i = 0; i < interpreter.num_outputs(); ++i) {
    const rt::TensorBuffer& out = interpreter.output(i);
    outputs.emplace_back(out.as<float>(), out.as<float>() + out.elements());
  }
  return outputs;
}

// Every op reads tensors that exist already, every tensor has at most one writer and is used, the
// outputs are computed, and every IR shape is the shape the interpreter computes.
void expect_valid(const ir::Model& model) {
  const ir::Subgraph& g = model.subgraphs[0];
  const size_t n = g.tensors.size();
  std::vector<bool> ready(n, false), used(n, false);
  for (size_t t = 0; t < n; ++t) ready[t] = g.tensors[t].is_constant();
  for (int32_t t : g.inputs) ready[t] = used[t] = true;
  for (size_t i = 0; i < g.ops.size(); ++i) {
    for (int32_t t : g.ops[i].inputs) {
      if (t < 0) continue;
      ASSERT_LT(static_cast<size_t>(t), n);
      EXPECT_TRUE(ready[t]) << "op " << i << " reads '" << g.tensors[t].name
                            << "' before it is written";
      used[t] = true;
    }
    for (int32_t t : g.ops[i].outputs) {
      ASSERT_LT(static_cast<size_t>(t), n);
      EXPECT_FALSE(ready[t]) << "op " << i << " writes '" << g.tensors[t].name << "' again";
      ready[t] = used[t] = true;
    }
  }
  for (int32_t t : g.outputs) {
    EXPECT_TRUE(ready[t]);
    used[t] = true;
  }
  for (size_t t = 0; t < n; ++t)
    EXPECT_TRUE(used[t]) << "tensor '" << g.tensors[t].name << "' is unused";
  rt::Interpreter interpreter(model);
  for (size_t t = 0; t < n; ++t)
    EXPECT_EQ(interpreter.tensor(static_cast<int>(t)).shape, g.tensors[t].shape)
        << "tensor '" << g.tensors[t].name << "'";
}

using Pass = TensorMap (*)(ir::Subgraph&);

// Runs the passes in order; outputs on seeded inputs must not change.
void apply_and_compare(ir::Model& model, std::initializer_list<Pass> passes) {
  testing::Random random(42);
  std::vector<std::vector<float>> inputs;
  for (int32_t t : model.subgraphs[0].inputs)
    inputs.push_back(random.uniform_vector(
        static_cast<size_t>(num_elements(model.subgraphs[0].tensors[t].shape)), -1.0f, 1.0f));
  const std::vector<std::vector<float>> expected = run(model, inputs);
  for (Pass pass : passes) {
    pass(model.subgraphs[0]);
    ASSERT_NO_FATAL_FAILURE(expect_valid(model));
  }
  const std::vector<std::vector<float>> actual = run(model, inputs);
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t o = 0; o < actual.size(); ++o) {
    ASSERT_EQ(actual[o].size(), expected[o].size());
    for (size_t i = 0; i < actual[o].size(); ++i)
      EXPECT_NEAR(actual[o][i], expected[o][i], 1e-5f * std::max(1.0f, std::fabs(expected[o][i])))
          << "output " << o << " element " << i;
  }
}

std::vector<std::string> output_names(const ir::Subgraph& g) {
  std::vector<std::string> names;
  for (int32_t t : g.outputs) names.push_back(g.tensors[t].name);
  return names;
}

// An NHWC model input, as the importer presents it: followed by TRANSPOSE(0,3,1,2).
int nhwc_input(Graph& m, Shape nhwc) { return m.transpose(m.input(std::move(nhwc)), kToNchw); }

// ---- optimize_transposes

TEST(OptimizeTransposes, ConvReluMaxPoolChainKeepsOnlyTheOutputTranspose) {
  Graph m;
  const int x = nhwc_input(m, {1, 6, 6, 3});
  const int y = m.max_pool_nchw(m.unary(BuiltinOperator::RELU, m.conv_nchw(x, 4)));
  m.output(y, "out");
  ASSERT_EQ(m.count(BuiltinOperator::TRANSPOSE), 5);
  apply_and_compare(m.model(), {ir::optimize_transposes});
  // The NCHW graph output needs one transpose; conv, relu and pool run in NHWC.
  EXPECT_EQ(m.count(BuiltinOperator::TRANSPOSE), 1);
  EXPECT_EQ(m.graph().ops.back().builtin, BuiltinOperator::TRANSPOSE);
  EXPECT_EQ(m.graph().ops.size(), 4u);
  EXPECT_EQ(output_names(m.graph()), std::vector<std::string>{"out"});
}

TEST(OptimizeTransposes, ResidualAddOfTwoTransposedBranches) {
  Graph m;
  const int x = nhwc_input(m, {1, 5, 5, 4});
  const int r = m.unary(BuiltinOperator::RELU, m.conv_nchw(x, 4));  // read by a conv and the add
  const int sum = m.binary(BuiltinOperator::ADD, r, m.conv_nchw(r, 4));
  m.output(m.conv_nchw(m.unary(BuiltinOperator::RELU, sum), 2), "out");
  apply_and_compare(m.model(), {ir::optimize_transposes});
  EXPECT_EQ(m.count(BuiltinOperator::TRANSPOSE), 1);
  EXPECT_EQ(m.graph().ops.back().builtin, BuiltinOperator::TRANSPOSE);
}

TEST(OptimizeTransposes, SqueezeExciteGateMultipliesTwoTransposedTensors) {
  Graph m;
  const int x = nhwc_input(m, {1, 4, 4, 6});
  const int features = m.conv_nchw(x, 6);
  const int pooled = m.reduce(BuiltinOperator::MEAN, features, {2, 3});  // [1, 6, 1, 1]
  const int gate = m.unary(BuiltinOperator::LOGISTIC, m.conv_nchw(pooled, 6));
  const int gated = m.binary(BuiltinOperator::MUL, features, gate);  // broadcast over H, W
  m.output(m.conv_nchw(gated, 3), "out");
  apply_and_compare(m.model(), {ir::optimize_transposes});
  EXPECT_EQ(m.count(BuiltinOperator::TRANSPOSE), 1);
  EXPECT_EQ(m.count(BuiltinOperator::RESHAPE), 0);
  EXPECT_EQ(m.graph().ops.back().builtin, BuiltinOperator::TRANSPOSE);
}

TEST(OptimizeTransposes, ConcatAxisFollowsTheLayout) {
  Graph m;
  const int x = nhwc_input(m, {1, 4, 4, 3});
  const int a = m.conv_nchw(x, 2);
  const int b = m.conv_nchw(x, 5);
  const int joined = m.activation({1, 7, 4, 4});
  tflite::ConcatenationOptionsT options;
  options.axis = 1;  // channels, in NCHW
  m.op(BuiltinOperator::CONCATENATION, {a, b}, {joined}).options.Set(options);
  m.output(m.conv_nchw(joined, 3), "out");
  apply_and_compare(m.model(), {ir::optimize_transposes});
  EXPECT_EQ(m.count(BuiltinOperator::TRANSPOSE), 1);
  const ir::Op* concat = m.find(BuiltinOperator::CONCATENATION);
  ASSERT_NE(concat, nullptr);
  EXPECT_EQ(concat->options.AsConcatenationOptions()->axis, 3);
}

TEST(OptimizeTransposes, BroadcastConstantsAreRewrittenAsNewTensors) {
  Graph m;
  const int x = nhwc_input(m, {1, 3, 3, 4});
  const int scale = m.random_constant({4, 1, 1});  // per channel, NCHW
  const int y = m.binary(BuiltinOperator::MUL, m.conv_nchw(x, 4), scale);
  // The same constant is read by another op that stays NCHW: it must not change.
  const int other = m.input({1, 4, 3, 3});
  m.output(m.binary(BuiltinOperator::ADD, other, scale), "other");
  m.output(m.conv_nchw(m.binary(BuiltinOperator::SUB, y, m.random_constant({1})), 2), "out");
  const std::vector<uint8_t> scale_before = m.graph().tensors[scale].data;
  apply_and_compare(m.model(), {ir::optimize_transposes});
  EXPECT_EQ(m.count(BuiltinOperator::TRANSPOSE), 1);  // the NCHW output's
  const ir::Op* mul = m.find(BuiltinOperator::MUL);
  ASSERT_NE(mul, nullptr);
  EXPECT_EQ(m.graph().tensors[mul->inputs[1]].shape, (Shape{1, 1, 1, 4}));
  const ir::Op* add = m.find(BuiltinOperator::ADD);
  ASSERT_NE(add, nullptr);
  EXPECT_EQ(m.graph().tensors[add->inputs[1]].shape, (Shape{4, 1, 1}));
  EXPECT_EQ(m.graph().tensors[add->inputs[1]].data, scale_before);
}

TEST(OptimizeTransposes, ConstantWithSeveralDimensionsIsTransposed) {
  Graph m;
  const int x = nhwc_input(m, {1, 4, 3, 2});
  const int bias_map = m.random_constant({2, 4, 3});  // a full CHW map
  const int y = m.binary(BuiltinOperator::ADD, m.conv_nchw(x, 2), bias_map);
  m.output(m.conv_nchw(m.unary(BuiltinOperator::TANH, y), 2), "out");
  apply_and_compare(m.model(), {ir::optimize_transposes});
  EXPECT_EQ(m.count(BuiltinOperator::TRANSPOSE), 1);
  const ir::Op* add = m.find(BuiltinOperator::ADD);
  ASSERT_NE(add, nullptr);
  EXPECT_EQ(m.graph().tensors[add->inputs[1]].shape, (Shape{1, 4, 3, 2}));
}

TEST(OptimizeTransposes, TransposesThatDoNotCancelCompose) {
  Graph m;
  const int x = m.input({2, 3, 4, 5});
  const int r = m.unary(BuiltinOperator::RELU, m.transpose(x, {0, 2, 3, 1}));
  m.output(m.transpose(r, {1, 0, 2, 3}), "out");  // [4, 2, 5, 3]
  apply_and_compare(m.model(), {ir::optimize_transposes});
  ASSERT_EQ(m.count(BuiltinOperator::TRANSPOSE), 1);
  const ir::Op& last = m.graph().ops.back();
  EXPECT_EQ(last.builtin, BuiltinOperator::TRANSPOSE);
  EXPECT_EQ(ir::transpose_perm(m.graph(), last), (Perm{2, 0, 3, 1}));
  EXPECT_EQ(m.graph().ops.front().builtin, BuiltinOperator::RELU);
}

TEST(OptimizeTransposes, PadAndKeepDimsReductionFollowTheLayout) {
  Graph m;
  const int x = nhwc_input(m, {1, 4, 5, 3});
  const int c = m.conv_nchw(x, 3);
  const int paddings = m.constant<int32_t>({4, 2}, {0, 0, 0, 0, 1, 2, 3, 0});
  const int padded = m.activation({1, 3, 7, 8});
  m.op(BuiltinOperator::PAD, {c, paddings}, {padded});
  const int d = m.conv_nchw(padded, 2);
  m.output(m.reduce(BuiltinOperator::REDUCE_MAX, d, {1}), "out");  // over channels: [1, 1, 7, 8]
  apply_and_compare(m.model(), {ir::optimize_transposes});
  // The last transpose only moves the size-1 channel dimension: a reshape.
  EXPECT_EQ(m.count(BuiltinOperator::TRANSPOSE), 0);
  EXPECT_EQ(m.count(BuiltinOperator::RESHAPE), 1);
}

TEST(OptimizeTransposes, GlobalAveragePoolThenFlattenBecomesOneReshape) {
  Graph m;
  const int x = nhwc_input(m, {1, 4, 4, 3});
  const int pooled = m.reduce(BuiltinOperator::MEAN, m.conv_nchw(x, 6), {2, 3});  // [1, 6, 1, 1]
  m.output(m.reshape(pooled, {1, 6}), "out");
  apply_and_compare(m.model(), {ir::optimize_transposes});
  EXPECT_EQ(m.count(BuiltinOperator::TRANSPOSE), 0);
  EXPECT_EQ(m.count(BuiltinOperator::RESHAPE), 1);
  const ir::Op* mean = m.find(BuiltinOperator::MEAN);
  ASSERT_NE(mean, nullptr);
  EXPECT_EQ(m.graph().tensors[mean->outputs[0]].shape, (Shape{1, 1, 1, 6}));
  EXPECT_EQ(output_names(m.graph()), std::vector<std::string>{"out"});
}

TEST(OptimizeTransposes, FlattenIntoFullyConnectedPermutesTheWeights) {
  Graph m;
  const int x = nhwc_input(m, {1, 3, 4, 2});
  const int features = m.unary(BuiltinOperator::RELU, m.conv_nchw(x, 5));  // [1, 5, 3, 4]
  const int weights = m.random_constant({7, 60});
  m.output(m.fully_connected(m.reshape(features, {1, 60}), weights), "out");
  apply_and_compare(m.model(), {ir::optimize_transposes});
  EXPECT_EQ(m.count(BuiltinOperator::TRANSPOSE), 0);
  const ir::Op* fc = m.find(BuiltinOperator::FULLY_CONNECTED);
  ASSERT_NE(fc, nullptr);
  EXPECT_NE(m.graph().tensors[fc->inputs[1]].name.find("/reordered"), std::string::npos);
}

TEST(OptimizeTransposes, FlattenIntoNonConstantWeightsKeepsOneTranspose) {
  Graph m;
  const int x = nhwc_input(m, {1, 3, 4, 2});
  const int features = m.conv_nchw(x, 5);
  const int weights = m.input({7, 60});
  const int flat = m.reshape(features, {1, 60});
  const int out = m.activation({1, 7});
  m.op(BuiltinOperator::FULLY_CONNECTED, {flat, weights, -1}, {out});
  m.output(out, "out");
  apply_and_compare(m.model(), {ir::optimize_transposes});
  ASSERT_EQ(m.count(BuiltinOperator::TRANSPOSE), 1);
  const ir::Subgraph& g = m.graph();
  const auto transpose = std::ranges::find_if(
      g.ops, [](const ir::Op& op) { return op.builtin == BuiltinOperator::TRANSPOSE; });
  const std::vector<size_t> readers = ir::consumers(g, transpose->outputs[0]);
  ASSERT_EQ(readers.size(), 1u);
  EXPECT_EQ(g.ops[readers[0]].builtin, BuiltinOperator::RESHAPE);
}

TEST(OptimizeTransposes, CancelledTransposeIntoAGraphOutputKeepsTheOutputTensor) {
  Graph m;
  const int x = m.input({1, 4, 4, 3});
  const int c = m.conv_nhwc(x, 2);
  // NHWC -> NCHW -> relu -> NHWC: everything cancels, the relu writes "out" itself.
  const int r = m.unary(BuiltinOperator::RELU, m.transpose(c, kToNchw));
  m.output(m.transpose(r, kToNhwc), "out");
  apply_and_compare(m.model(), {ir::optimize_transposes});
  EXPECT_EQ(m.count(BuiltinOperator::TRANSPOSE), 0);
  EXPECT_EQ(m.graph().ops.back().builtin, BuiltinOperator::RELU);
  EXPECT_EQ(output_names(m.graph()), std::vector<std::string>{"out"});
}

TEST(OptimizeTransposes, TransposeResultThatIsAGraphOutputStays) {
  Graph m;
  const int x = nhwc_input(m, {1, 4, 4, 3});
  const int y = m.conv_nchw(x, 4);  // a graph output, and read on
  m.output(y, "features");
  m.output(m.conv_nchw(m.unary(BuiltinOperator::RELU6, y), 2), "out");
  apply_and_compare(m.model(), {ir::optimize_transposes});
  EXPECT_EQ(m.count(BuiltinOperator::TRANSPOSE), 2);  // one per NCHW graph output
  EXPECT_EQ(output_names(m.graph()), (std::vector<std::string>{"features", "out"}));
  for (int32_t t : m.graph().outputs)
    EXPECT_EQ(m.graph().ops[ir::producer(m.graph(), t)].builtin, BuiltinOperator::TRANSPOSE);
}

TEST(OptimizeTransposes, ReshapesMergeAndSameShapeReshapesGo) {
  Graph m;
  const int x = m.input({2, 3});
  const int same = m.reshape(x, {2, 3});
  const int r = m.unary(BuiltinOperator::RELU, same);
  m.output(m.reshape(m.reshape(r, {6}), {3, 2}), "out");
  apply_and_compare(m.model(), {ir::optimize_transposes});
  EXPECT_EQ(m.count(BuiltinOperator::RESHAPE), 1);
  EXPECT_EQ(m.graph().ops.front().builtin, BuiltinOperator::RELU);
}

TEST(OptimizeTransposes, IdentityFromGraphInputToGraphOutputStaysAsACopy) {
  Graph m;
  const int x = m.input({1, 3, 1, 2});
  m.output(m.transpose(m.transpose(x, {0, 2, 3, 1}), {0, 3, 1, 2}), "out");
  apply_and_compare(m.model(), {ir::optimize_transposes});
  EXPECT_EQ(m.count(BuiltinOperator::TRANSPOSE), 0);
  EXPECT_EQ(m.graph().ops.size(), 1u);
  EXPECT_EQ(output_names(m.graph()), std::vector<std::string>{"out"});
}

// 50 imported residual blocks: conv, batch norm (MUL, ADD), relu, residual ADD, all in NCHW.
TEST(AllPasses, LongResidualChainEndsWithOneTranspose) {
  Graph m;
  int x = nhwc_input(m, {1, 3, 3, 2});
  for (int i = 0; i < 50; ++i) {
    const int c = m.conv_nchw(x, 2);
    const int scaled = m.binary(BuiltinOperator::MUL, c, m.random_constant({2, 1, 1}, 0.05f, 0.2f));
    const int shifted = m.binary(BuiltinOperator::ADD, scaled, m.random_constant({2, 1, 1}));
    x = m.binary(BuiltinOperator::ADD, m.unary(BuiltinOperator::RELU, shifted), x);
  }
  m.output(x, "out");
  ASSERT_EQ(m.graph().ops.size(), 351u);
  apply_and_compare(m.model(),
                    {ir::optimize_transposes, ir::fold_batch_norm, ir::fuse_activations});
  // Per block a conv with the batch norm and relu inside, and the residual ADD; then the output's
  // transpose back to NCHW.
  EXPECT_EQ(m.graph().ops.size(), 101u);
  EXPECT_EQ(m.count(BuiltinOperator::CONV_2D), 50);
  EXPECT_EQ(m.count(BuiltinOperator::ADD), 50);
  EXPECT_EQ(m.count(BuiltinOperator::TRANSPOSE), 1);
}

// ---- fold_batch_norm

TEST(FoldBatchNorm, ImportedConvBatchNormReluBecomesOneConv) {
  Graph m;
  const int x = nhwc_input(m, {1, 5, 5, 3});
  const int c = m.conv_nchw(x, 4);
  const int scaled = m.binary(BuiltinOperator::MUL, c, m.random_constant({4, 1, 1}, 0.5f, 2.0f));
  const int shifted = m.binary(BuiltinOperator::ADD, scaled, m.random_constant({4, 1, 1}));
  m.output(m.conv_nchw(m.unary(BuiltinOperator::RELU, shifted), 2), "out");
  apply_and_compare(m.model(),
                    {ir::optimize_transposes, ir::fold_batch_norm, ir::fuse_activations});
  EXPECT_EQ(m.count(BuiltinOperator::MUL), 0);
  EXPECT_EQ(m.count(BuiltinOperator::ADD), 0);
  EXPECT_EQ(m.count(BuiltinOperator::RELU), 0);
  EXPECT_EQ(m.count(BuiltinOperator::CONV_2D), 2);
  EXPECT_EQ(m.graph().ops[0].builtin, BuiltinOperator::CONV_2D);  // the input's transpose cancelled
  EXPECT_EQ(ir::fused_activation(m.graph().ops[0]), ActivationFunctionType::RELU);
}

TEST(FoldBatchNorm, DepthwiseWithoutBiasAndFullyConnected) {
  Graph m;
  const int x = m.input({1, 4, 4, 3});
  const int weights = m.random_constant({1, 3, 3, 6});
  const int dw = m.activation({1, 4, 4, 6});
  tflite::DepthwiseConv2DOptionsT options;
  options.stride_w = options.stride_h = 1;
  options.depth_multiplier = 2;
  m.op(BuiltinOperator::DEPTHWISE_CONV_2D, {x, weights}, {dw}).options.Set(options);
  const int scaled = m.binary(BuiltinOperator::MUL, dw, m.random_constant({6}));
  const int shifted = m.binary(BuiltinOperator::SUB, scaled, m.random_constant({1, 1, 1, 6}));
  m.output(shifted, "dw_out");
  const int fc = m.fully_connected(m.reshape(x, {1, 48}), m.random_constant({5, 48}));
  const int fc_scaled =
      m.binary(BuiltinOperator::MUL, m.random_constant({1}), fc);  // constant first
  m.output(m.binary(BuiltinOperator::ADD, fc_scaled, m.random_constant({5})), "fc_out");
  apply_and_compare(m.model(), {ir::fold_batch_norm});
  EXPECT_EQ(m.count(BuiltinOperator::MUL), 0);
  EXPECT_EQ(m.count(BuiltinOperator::SUB), 0);
  EXPECT_EQ(m.count(BuiltinOperator::ADD), 0);
  EXPECT_EQ(output_names(m.graph()), (std::vector<std::string>{"dw_out", "fc_out"}));
  const ir::Op* depthwise = m.find(BuiltinOperator::DEPTHWISE_CONV_2D);
  ASSERT_NE(depthwise, nullptr);
  ASSERT_EQ(depthwise->inputs.size(), 3u);
  EXPECT_EQ(m.graph().tensors[depthwise->inputs[2]].shape, (Shape{6}));
}

TEST(FoldBatchNorm, SharedWeightsAreCopiedAndUnfoldableStepsStay) {
  Graph m;
  const int x = m.input({1, 4, 4, 2});
  const int weights = m.random_constant({3, 3, 3, 2});
  const int a = m.conv_nhwc(x, 3, weights);
  const int b = m.conv_nhwc(x, 3, weights);  // same weights: must not change
  m.output(m.binary(BuiltinOperator::MUL, a, m.random_constant({3})), "a");
  // Per-column (not per-channel) constant, and a conv output that is also a graph output.
  m.output(m.binary(BuiltinOperator::MUL, b, m.random_constant({1, 1, 4, 1})), "b");
  const int c = m.conv_nhwc(x, 3);
  m.output(c, "c");
  m.output(m.binary(BuiltinOperator::ADD, c, m.random_constant({3})), "c_shifted");
  apply_and_compare(m.model(), {ir::fold_batch_norm});
  EXPECT_EQ(m.count(BuiltinOperator::MUL), 1);
  EXPECT_EQ(m.count(BuiltinOperator::ADD), 1);
}

// ---- fuse_activations

TEST(FuseActivations, ReluRelu6AndClipChainsFuse) {
  Graph m;
  const int x = m.input({1, 4, 4, 3});
  m.output(m.unary(BuiltinOperator::RELU, m.conv_nhwc(x, 3)), "conv_relu");
  const int sum = m.binary(BuiltinOperator::ADD, x, m.random_constant({3}));
  m.output(m.unary(BuiltinOperator::RELU6, sum), "add_relu6");
  const int fc = m.fully_connected(m.reshape(x, {1, 48}), m.random_constant({5, 48}, -3.0f, 3.0f));
  const int lo = m.binary(BuiltinOperator::MAXIMUM, fc, m.constant<float>({}, {0.0f}));
  m.output(m.binary(BuiltinOperator::MINIMUM, m.constant<float>({1}, {6.0f}), lo), "fc_clip");
  apply_and_compare(m.model(), {ir::fuse_activations});
  EXPECT_EQ(m.count(BuiltinOperator::RELU), 0);
  EXPECT_EQ(m.count(BuiltinOperator::RELU6), 0);
  EXPECT_EQ(m.count(BuiltinOperator::MAXIMUM), 0);
  EXPECT_EQ(m.count(BuiltinOperator::MINIMUM), 0);
  EXPECT_EQ(ir::fused_activation(*m.find(BuiltinOperator::CONV_2D)), ActivationFunctionType::RELU);
  EXPECT_EQ(ir::fused_activation(*m.find(BuiltinOperator::ADD)), ActivationFunctionType::RELU6);
  EXPECT_EQ(ir::fused_activation(*m.find(BuiltinOperator::FULLY_CONNECTED)),
            ActivationFunctionType::RELU6);
  EXPECT_EQ(output_names(m.graph()),
            (std::vector<std::string>{"conv_relu", "add_relu6", "fc_clip"}));
}

TEST(FuseActivations, SharedOrOutputValuesAndOtherClampsStay) {
  Graph m;
  const int x = m.input({1, 3, 3, 2});
  const int product = m.binary(BuiltinOperator::MUL, x, x);
  m.output(product, "product");  // a graph output: its value must stay unclamped
  m.output(m.unary(BuiltinOperator::RELU, product), "relu");
  const int sum = m.binary(BuiltinOperator::ADD, x, m.random_constant({2}));
  m.output(m.unary(BuiltinOperator::RELU, sum), "relu_a");  // two readers
  m.output(m.unary(BuiltinOperator::TANH, sum), "tanh");
  const int diff = m.binary(BuiltinOperator::SUB, x, m.random_constant({2}));
  m.output(m.binary(BuiltinOperator::MINIMUM, diff, m.constant<float>({1}, {0.5f})), "min");
  apply_and_compare(m.model(), {ir::fuse_activations});
  EXPECT_EQ(m.count(BuiltinOperator::RELU), 2);
  EXPECT_EQ(m.count(BuiltinOperator::MINIMUM), 1);
  for (const ir::Op& op : m.graph().ops)
    EXPECT_EQ(ir::fused_activation(op), ActivationFunctionType::NONE) << ir::op_name(op);
}

// ---- remove_unused

TEST(RemoveUnused, DropsDeadOpsAndTensorsAndFollowsSignatures) {
  Graph m;
  const int x = m.input({2, 2});
  const int dead = m.unary(BuiltinOperator::RELU, x);
  m.unary(BuiltinOperator::TANH, dead);  // nothing reads it
  m.random_constant({3});                // nothing reads it
  const int y = m.unary(BuiltinOperator::ABS, x);
  m.output(y, "y");
  m.model().signatures.push_back({"serving_default", 0, {{"x", x}}, {{"y", y}}});
  ir::remove_unused(m.model());
  ASSERT_NO_FATAL_FAILURE(expect_valid(m.model()));
  EXPECT_EQ(m.graph().ops.size(), 1u);
  EXPECT_EQ(m.graph().tensors.size(), 2u);
  const ir::Signature& signature = m.model().signatures[0];
  EXPECT_EQ(signature.inputs[0].tensor, m.graph().inputs[0]);
  EXPECT_EQ(signature.outputs[0].tensor, m.graph().outputs[0]);
  EXPECT_EQ(m.graph().tensors[signature.outputs[0].tensor].name, "y");
}

TEST(RemoveUnused, RunPassFollowsSignatures) {
  Graph m;
  const int x = nhwc_input(m, {1, 3, 3, 2});
  const int y = m.conv_nchw(x, 2);
  m.output(y, "y");
  m.model().signatures.push_back({"serving_default", 0, {{"x", m.graph().inputs[0]}}, {{"y", y}}});
  ir::run_pass(m.model(), ir::optimize_transposes);
  const ir::Signature& signature = m.model().signatures[0];
  EXPECT_EQ(signature.inputs[0].tensor, m.graph().inputs[0]);
  EXPECT_EQ(m.graph().tensors[signature.outputs[0].tensor].name, "y");
}

}  // namespace
}  // namespace lq
