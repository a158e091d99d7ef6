// ir::move_if_constants_into_branches and the control-flow helpers (ir/if_constants.h,
// control_flow.h): which IF operands move (constants only this IF reads, into branches only it
// runs), that the model computes the same after the move, and each case that must stay.
#include <gtest/gtest.h>

#include "io/tflite_writer.h"
#include "ir/control_flow.h"
#include "ir/if_constants.h"
#include "testing/op_builder.h"

namespace lq {
namespace {

using Op = tflite::BuiltinOperator;
using T = ElementType;

// x [1, 4], condition mean(x) >= 0 -> IF(c, x, w, bias) -> y [1, 3]: the then branch is
// FULLY_CONNECTED(x, w, bias), the else branch FULLY_CONNECTED with constants of its own (it takes
// and ignores w and bias). Variants make operands unmovable.
struct Variant {
  int calls = 1;               // IF ops running the same branches
  bool caller_reads_bias = false;  // another op of subgraph 0 reads the bias constant
  bool branches_return_bias = false;  // each branch also returns its bias input
  bool signature_on_branch = false;   // a signature names the then branch
  bool same_branch = false;           // then and else are one subgraph
};

struct IfModel {
  testing::OpBuilder b;
  int w = 0, bias = 0;

  explicit IfModel(const Variant& v = {}) {
    const int x = b.input({1, 4});
    const int axis = b.constant<int32_t>({1}, {1});
    const int m = b.tensor({1}, T::kFloat32);
    const int zero = b.constant<float>({1}, {0.0f});
    const int c = b.tensor({1}, T::kBool);
    b.op(Op::MEAN, {x, axis}, {m}, tflite::ReducerOptionsT{});
    b.op(Op::GREATER_EQUAL, {m, zero}, {c});
    tflite::IfOptionsT branches;
    branches.then_subgraph_index = add_branch(true, v.branches_return_bias);
    branches.else_subgraph_index =
        v.same_branch ? branches.then_subgraph_index : add_branch(false, v.branches_return_bias);
    for (int i = 0; i < v.calls; ++i) {
      w = b.constant<float>({3, 4}, {0.5f, -1, 2, 0.25f, -0.3f, 0.8f, 1, -1, 0.1f, 0.2f, 0.3f, 0.4f});
      bias = b.constant<float>({3}, {0.1f, -0.2f, 0.05f});
      std::vector<int32_t> outs = {b.output({1, 3})};
      if (v.branches_return_bias) outs.push_back(b.output({3}));
      b.op(Op::IF, {c, x, w, bias}, outs, branches);
    }
    if (v.caller_reads_bias) b.op(Op::RELU, {bias}, {b.output({3})});
    if (v.signature_on_branch) b.model().signatures.push_back({"branch", branches.then_subgraph_index, {}, {}});
  }

  int add_branch(bool use_operands, bool return_bias) {
    testing::OpBuilder branch;
    const int in = branch.input({1, 4});
    int wi = branch.input({3, 4});
    const int bias_in = branch.input({3});
    int bi = bias_in;
    if (!use_operands) {
      wi = branch.constant<float>({3, 4}, {1, 1, -1, -1, 0.7f, -0.2f, 0.4f, 0.9f, -2, 1, 0, 0.5f});
      bi = branch.constant<float>({3}, {0.0f, 0.1f, -0.1f});
    }
    branch.op(Op::FULLY_CONNECTED, {in, wi, bi}, {branch.output({1, 3})}, tflite::FullyConnectedOptionsT{});
    if (return_bias) branch.model().subgraphs[0].outputs.push_back(bias_in);
    b.model().subgraphs.push_back(branch.model().subgraphs[0]);
    return static_cast<int>(b.model().subgraphs.size() - 1);
  }
};

std::vector<float> run(const ir::Model& m, const std::vector<float>& x) {
  rt::Interpreter interpreter(m);
  interpreter.set_input(0, x.data(), x.size() * sizeof(float));
  interpreter.invoke();
  const rt::TensorBuffer& out = interpreter.output(0);
  return {out.as<float>(), out.as<float>() + out.elements()};
}

std::vector<float> floats(const ir::Tensor& t) {
  return {t.data_as<float>(), t.data_as<float>() + t.data.size() / sizeof(float)};
}

TEST(IfConstants, CalledSubgraphsAndCallers) {
  IfModel g({.calls = 2});
  const ir::Op& call = g.b.model().subgraphs[0].ops[2];
  EXPECT_EQ(ir::called_subgraphs(call), (std::vector<int32_t>{1, 2}));
  EXPECT_TRUE(ir::called_subgraphs(g.b.model().subgraphs[0].ops[0]).empty());
  ir::Op loop;
  tflite::WhileOptionsT options;
  options.cond_subgraph_index = 3;
  options.body_subgraph_index = 4;
  loop.options.Set(options);
  EXPECT_EQ(ir::called_subgraphs(loop), (std::vector<int32_t>{3, 4}));
  EXPECT_EQ(ir::subgraph_callers(g.b.model()), (std::vector<int>{0, 2, 2}));
}

TEST(IfConstants, OperandsMoveIntoBothBranchesAndTheModelComputesTheSame) {
  IfModel g;
  ir::Model m = g.b.model();
  const size_t tensors = m.subgraphs[0].tensors.size();
  EXPECT_EQ(ir::move_if_constants_into_branches(m), 2);
  const ir::Op& call = m.subgraphs[0].ops[2];
  EXPECT_EQ(call.inputs.size(), 2u);  // condition and x
  EXPECT_EQ(m.subgraphs[0].tensors.size(), tensors);  // indices kept; the old constants unused
  for (const size_t k : {1u, 2u}) {
    const ir::Subgraph& branch = m.subgraphs[k];
    ASSERT_EQ(branch.inputs.size(), 1u);
    EXPECT_EQ(branch.tensors[1].shape, (Shape{3, 4}));
    EXPECT_EQ(floats(branch.tensors[1]), floats(g.b.at(g.w)));
    EXPECT_EQ(floats(branch.tensors[2]), floats(g.b.at(g.bias)));
  }
  for (const std::vector<float>& x : {std::vector<float>{1, 2, -0.5f, 0.3f}, std::vector<float>{-1, -2, 0.5f, 0.1f}})
    EXPECT_EQ(run(m, x), run(g.b.model(), x));
  EXPECT_EQ(ir::move_if_constants_into_branches(m), 0);  // nothing left to move
}

// Only the operand that must stay stays (here the bias, the weights move).
void expect_bias_stays(const Variant& v) {
  IfModel g(v);
  ir::Model m = g.b.model();
  EXPECT_EQ(ir::move_if_constants_into_branches(m), 1);
  EXPECT_EQ(m.subgraphs[0].ops[2].inputs, (std::vector<int32_t>{4, 0, g.bias}));
  EXPECT_EQ(m.subgraphs[1].inputs.size(), 2u);
  EXPECT_EQ(run(m, {1, 2, -0.5f, 0.3f}), run(g.b.model(), {1, 2, -0.5f, 0.3f}));
}

TEST(IfConstants, AConstantAnotherOpReadsStays) { expect_bias_stays({.caller_reads_bias = true}); }

TEST(IfConstants, AnInputABranchReturnsStays) { expect_bias_stays({.branches_return_bias = true}); }

// Every operand stays, the model untouched.
void expect_untouched(const Variant& v) {
  IfModel g(v);
  ir::Model m = g.b.model();
  EXPECT_EQ(ir::move_if_constants_into_branches(m), 0);
  EXPECT_EQ(io::serialize_tflite(m), io::serialize_tflite(g.b.model()));
}

TEST(IfConstants, BranchesOtherOpsRunStay) { expect_untouched({.calls = 2}); }

TEST(IfConstants, BranchesASignatureNamesStay) { expect_untouched({.signature_on_branch = true}); }

TEST(IfConstants, OneSubgraphForBothBranchesStays) { expect_untouched({.same_branch = true}); }

}  // namespace
}  // namespace lq
