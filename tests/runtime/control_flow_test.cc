// IF and WHILE run other subgraphs of the model.
#include <gtest/gtest.h>

#include "testing/op_builder.h"

namespace lq {
namespace {

// Adds a subgraph computing out = op(in, constant) on float [1] tensors; returns its index.
int add_subgraph(ir::Model& model, tflite::BuiltinOperator code, float constant, ElementType out_type,
                 tflite::BuiltinOptionsUnion options = {}) {
  ir::Subgraph& g = model.subgraphs.emplace_back();
  g.tensors.resize(3);
  for (ir::Tensor& t : g.tensors) t.shape = {1};
  g.tensors[0].name = "in";
  g.tensors[1].name = "k";
  const auto* bytes = reinterpret_cast<const uint8_t*>(&constant);
  g.tensors[1].data.assign(bytes, bytes + 4);
  g.tensors[2].name = "out";
  g.tensors[2].type = out_type;
  g.inputs = {0};
  g.outputs = {2};
  ir::Op& op = g.ops.emplace_back();
  op.builtin = code;
  op.inputs = {0, 1};
  op.outputs = {2};
  op.options = std::move(options);
  return static_cast<int>(model.subgraphs.size() - 1);
}

tflite::BuiltinOptionsUnion add_options() {
  tflite::BuiltinOptionsUnion u;
  u.Set(tflite::AddOptionsT{});
  return u;
}

TEST(ControlFlow, WhileLoopsUntilTheConditionFails) {
  testing::OpBuilder b;
  const int x = b.input({1});
  const int y = b.output({1});
  ir::Model& model = b.model();
  tflite::WhileOptionsT options;
  options.cond_subgraph_index =
      add_subgraph(model, tflite::BuiltinOperator::LESS, 5.0f, ElementType::kBool);
  options.body_subgraph_index =
      add_subgraph(model, tflite::BuiltinOperator::ADD, 1.5f, ElementType::kFloat32, add_options());
  b.op(tflite::BuiltinOperator::WHILE, {x}, {y}, options);
  EXPECT_EQ(b.run({{0}}), std::vector<float>{6});      // 0, 1.5, 3, 4.5, 6
  EXPECT_EQ(b.run({{7}}), std::vector<float>{7});      // the body never runs
}

TEST(ControlFlow, IfRunsTheChosenBranch) {
  testing::OpBuilder b;
  const int cond = b.input({1}, ElementType::kBool);
  const int x = b.input({1});
  const int y = b.output({1});
  ir::Model& model = b.model();
  tflite::IfOptionsT options;
  options.then_subgraph_index =
      add_subgraph(model, tflite::BuiltinOperator::ADD, 10.0f, ElementType::kFloat32, add_options());
  options.else_subgraph_index =
      add_subgraph(model, tflite::BuiltinOperator::ADD, -10.0f, ElementType::kFloat32, add_options());
  b.op(tflite::BuiltinOperator::IF, {cond, x}, {y}, options);
  for (bool c : {true, false}) {
    rt::Interpreter interpreter(model);
    interpreter.set_input(0, &c, 1);
    const float v = 1;
    interpreter.set_input(1, &v, 4);
    interpreter.invoke();
    EXPECT_EQ(*interpreter.output(0).as<float>(), c ? 11.0f : -9.0f);
  }
}

TEST(ControlFlow, CallOfAMissingSubgraphIsNamed) {
  testing::OpBuilder b;
  const int x = b.input({1});
  const int y = b.output({1});
  tflite::WhileOptionsT options;
  options.cond_subgraph_index = 7;
  options.body_subgraph_index = 8;
  b.op(tflite::BuiltinOperator::WHILE, {x}, {y}, options);
  try {
    rt::Interpreter interpreter(b.model());
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("op 0 (WHILE) calls subgraph 7, but the model has 1"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace lq
