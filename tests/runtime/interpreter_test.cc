#include <gtest/gtest.h>

#include "testing/op_builder.h"

namespace lq {
namespace {

// y = relu(x + c); z = y * y
testing::OpBuilder two_ops() {
  testing::OpBuilder b;
  const int x = b.input({1, 2});
  const int c = b.constant<float>({1, 2}, {1, -1});
  const int y = b.tensor({1, 2}, ElementType::kFloat32);
  const int z = b.output({1, 2});
  tflite::AddOptionsT add;
  add.fused_activation_function = tflite::ActivationFunctionType::RELU;
  b.op(tflite::BuiltinOperator::ADD, {x, c}, {y}, add);
  b.op(tflite::BuiltinOperator::MUL, {y, y}, {z}, tflite::MulOptionsT{});
  return b;
}

TEST(Interpreter, ObserverSeesEveryOpsOutputInOrder) {
  testing::OpBuilder b = two_ops();
  rt::Interpreter interpreter(b.model());
  const float x[] = {2, 0.5f};
  interpreter.set_input(0, x, sizeof x);
  std::vector<std::pair<int, std::vector<float>>> seen;
  std::vector<float> inputs_seen;
  rt::RunObserver observer;
  observer.inputs = [&](int subgraph, const std::vector<const rt::TensorBuffer*>& inputs) {
    EXPECT_EQ(subgraph, 0);
    ASSERT_EQ(inputs.size(), 1u);
    inputs_seen.assign(inputs[0]->as<float>(), inputs[0]->as<float>() + inputs[0]->elements());
  };
  observer.op = [&](int subgraph, const rt::OpContext& ctx) {
    EXPECT_EQ(subgraph, 0);
    const rt::TensorBuffer& out = ctx.output(0);
    seen.emplace_back(ctx.index(), std::vector<float>(out.as<float>(), out.as<float>() + out.elements()));
  };
  interpreter.invoke(observer);
  EXPECT_EQ(inputs_seen, (std::vector<float>{2, 0.5f}));
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], (std::pair<int, std::vector<float>>{0, {3, 0}}));
  EXPECT_EQ(seen[1], (std::pair<int, std::vector<float>>{1, {9, 0}}));
}

TEST(Interpreter, DynamicBatchTakesTheGivenSize) {
  testing::OpBuilder b = two_ops();
  b.at(0).shape_signature = {-1, 2};
  rt::InterpreterOptions options;
  options.input_shapes = {{3, 2}};
  rt::Interpreter interpreter(b.model(), options);
  const float x[] = {0, 0, 1, 1, 2, 2};
  interpreter.set_input(0, x, sizeof x);
  interpreter.invoke();
  EXPECT_EQ(interpreter.output(0).shape, (Shape{3, 2}));
  const float* z = interpreter.output(0).as<float>();
  EXPECT_EQ(std::vector<float>(z, z + 6), (std::vector<float>{1, 0, 4, 0, 9, 1}));
}

TEST(Interpreter, FixedDimensionCannotBeResized) {
  testing::OpBuilder b = two_ops();
  b.at(0).shape_signature = {-1, 2};
  rt::InterpreterOptions options;
  options.input_shapes = {{1, 3}};
  try {
    rt::Interpreter interpreter(b.model(), options);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("input 0 ('t0') has fixed dimension 1 of size 2, got 3"),
              std::string::npos)
        << e.what();
  }
}

TEST(Interpreter, InputNeverComputedIsNamed) {
  testing::OpBuilder b;
  const int x = b.input({2});
  const int orphan = b.tensor({2}, ElementType::kFloat32);
  const int y = b.output({2});
  b.op(tflite::BuiltinOperator::ADD, {x, orphan}, {y}, tflite::AddOptionsT{});
  try {
    rt::Interpreter interpreter(b.model());
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("op 0 (ADD): input tensor 't1' is neither constant nor computed"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace lq
