#include <gtest/gtest.h>

#include <limits>

#include "kernels/kernel_test_util.h"
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
  const int x = b.input({2}, ElementType::kUInt8);  // TFLite's ADD has no uint8 (legacy) kernel here
  const int y = b.input({2}, ElementType::kUInt8);
  const int z = b.output({2}, ElementType::kUInt8);
  b.op(tflite::BuiltinOperator::ADD, {x, y}, {z});
  try {
    rt::Interpreter interpreter(b.model());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("op 0 ADD (uint8)"), std::string::npos) << e.what();
  }
}

// ADD on int32 and int64 (TFLite's integer ADD): broadcasting, the fused activation clamps in the
// integer type, and overflow wraps around.
template <class T> void expect_integer_add(ElementType type) {
  testing::OpBuilder b;
  const int x = b.input({2, 3}, type);
  const int y = b.input({3}, type);
  const int z = b.output({2, 3}, type);
  tflite::AddOptionsT options;
  options.fused_activation_function = tflite::ActivationFunctionType::RELU6;
  b.op(tflite::BuiltinOperator::ADD, {x, y}, {z}, options);
  testing::OpRun run(b);
  run.in(0, std::vector<T>{1, 2, 3, -4, 5, 6}).in(1, std::vector<T>{1, -10, 4}).invoke();
  EXPECT_EQ(run.out<T>(), (std::vector<T>{2, 0, 6, 0, 0, 6}));

  testing::OpBuilder wrap;
  const int a = wrap.input({2}, type);
  const int c = wrap.input({}, type);
  wrap.op(tflite::BuiltinOperator::ADD, {a, c}, {wrap.output({2}, type)});
  testing::OpRun overflow(wrap);
  const T max = std::numeric_limits<T>::max();
  overflow.in(0, std::vector<T>{max, -5}).in(1, std::vector<T>{1}).invoke();
  EXPECT_EQ(overflow.out<T>(), (std::vector<T>{std::numeric_limits<T>::min(), -4}));
}

TEST(AddInteger, Int32) { expect_integer_add<int32_t>(ElementType::kInt32); }
TEST(AddInteger, Int64) { expect_integer_add<int64_t>(ElementType::kInt64); }

TEST(AddInteger, MixedTypesNameTheTensor) {
  testing::OpBuilder b;
  const int x = b.input({2}, ElementType::kInt32);
  const int y = b.input({2}, ElementType::kInt64);
  b.op(tflite::BuiltinOperator::ADD, {x, y}, {b.output({2}, ElementType::kInt32)});
  testing::expect_error(b, {"op 0 (ADD)", "is int64, expected int32"});
}

}  // namespace
}  // namespace lq
