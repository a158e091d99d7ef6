// ARG_MAX and ARG_MIN: index types, ties, axes and errors.
#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using tflite::BuiltinOperator;

class ArgMinMaxTest : public testing::KernelTest {};

TEST_P(ArgMinMaxTest, ArgMaxOfRowsAsInt64TakesTheFirstOfEqualValues) {
  testing::OpBuilder b;
  const int x = b.input({2, 3});
  const int axis = b.constant<int32_t>({1}, {-1});
  const int y = b.output({2}, ElementType::kInt64);
  tflite::ArgMaxOptionsT o;
  o.output_type = tflite::TensorType::INT64;
  b.op(BuiltinOperator::ARG_MAX, {x, axis}, {y}, o);
  OpRun run(b, options());
  run.in(0, std::vector<float>{1, 7, 7, -2, -5, -3}).invoke();
  EXPECT_EQ(run.shape(), (Shape{2}));
  EXPECT_EQ(run.out<int64_t>(), (std::vector<int64_t>{1, 0}));
}

TEST_P(ArgMinMaxTest, ArgMinOfColumnsOfInt8AsInt32) {
  // [2, 2, 2]: along axis 1, for each (i, k): min of x[i][0][k], x[i][1][k].
  testing::OpBuilder b;
  const int x = b.input({2, 2, 2}, ElementType::kInt8);
  const int axis = b.constant<int64_t>({}, {1});
  const int y = b.output({2, 2}, ElementType::kInt32);
  b.op(BuiltinOperator::ARG_MIN, {x, axis}, {y}, tflite::ArgMinOptionsT{});
  OpRun run(b, options());
  run.in(0, std::vector<int8_t>{5, -1, 3, 4, 0, 0, -9, 9}).invoke();
  EXPECT_EQ(run.shape(), (Shape{2, 2}));
  EXPECT_EQ(run.out<int32_t>(), (std::vector<int32_t>{1, 0, 1, 0}));
}

TEST_P(ArgMinMaxTest, BadOutputTypeOrAxisNameTheOp) {
  {
    testing::OpBuilder b;
    const int x = b.input({2, 3});
    const int axis = b.constant<int32_t>({1}, {0});
    const int y = b.output({3});
    b.op(BuiltinOperator::ARG_MAX, {x, axis}, {y}, tflite::ArgMaxOptionsT{});
    testing::expect_error(b, {"op 0 (ARG_MAX)", "as float32"}, options());
  }
  testing::OpBuilder b;
  const int x = b.input({2, 3});
  const int axis = b.constant<int32_t>({1}, {2});
  const int y = b.output({2}, ElementType::kInt64);
  b.op(BuiltinOperator::ARG_MIN, {x, axis}, {y}, tflite::ArgMinOptionsT{});
  testing::expect_error(b, {"op 0 (ARG_MIN)", "axis 2 is out of range"}, options());
}

LQ_INSTANTIATE_KERNEL_TEST(ArgMinMaxTest);

}  // namespace
}  // namespace lq
