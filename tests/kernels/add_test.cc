#include <gtest/gtest.h>

#include "testing/op_builder.h"

namespace lq {
namespace {

TEST(AddFloat, BroadcastsAndAppliesRelu6) {
  testing::OpBuilder b;
  const int x = b.input({2, 3});
  const int y = b.input({3});
  const int z = b.output({2, 3});
  tflite::AddOptionsT options;
  options.fused_activation_function = tflite::ActivationFunctionType::RELU6;
  b.op(tflite::BuiltinOperator::ADD, {x, y}, {z}, options);
  const std::vector<float> out = b.run({{1, 2, 3, -4, 5, 6}, {0.5f, -10, 4}});
  EXPECT_EQ(out, (std::vector<float>{1.5f, 0, 6, 0, 0, 6}));
  EXPECT_EQ(b.last_output_shape(), (Shape{2, 3}));
}

TEST(AddFloat, RejectsIntegerInputsWithNamedError) {
  testing::OpBuilder b;
  const int x = b.input({2}, ElementType::kInt16);
  const int y = b.input({2}, ElementType::kInt16);
  const int z = b.output({2}, ElementType::kInt16);
  b.op(tflite::BuiltinOperator::ADD, {x, y}, {z});
  try {
    rt::Interpreter interpreter(b.model());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("op 0 ADD (int16)"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace lq
