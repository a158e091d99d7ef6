// SELECT_V2: condition ? x : y with the three inputs broadcast together, on any element type.
#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using tflite::BuiltinOperator;

class SelectV2Test : public testing::KernelTest {};

TEST_P(SelectV2Test, BroadcastsAllThreeInputs) {
  // condition [2, 1, 2], x [1, 3, 1], y [2] -> [2, 3, 2].
  testing::OpBuilder builder;
  const int c = builder.input({2, 1, 2}, ElementType::kBool);
  const int x = builder.input({1, 3, 1});
  const int y = builder.input({2});
  builder.op(BuiltinOperator::SELECT_V2, {c, x, y}, {builder.output({2, 3, 2})});
  OpRun run(builder, options());
  run.in(0, std::vector<uint8_t>{1, 0, 0, 1})
      .in(1, std::vector<float>{1, 2, 3})
      .in(2, std::vector<float>{-1, -2})
      .invoke();
  EXPECT_EQ(run.shape(), (Shape{2, 3, 2}));
  EXPECT_EQ(run.out<float>(), (std::vector<float>{1, -2, 2, -2, 3, -2, -1, 1, -1, 2, -1, 3}));
}

TEST_P(SelectV2Test, SelectsInt64AndBool) {
  testing::OpBuilder builder;
  const int c = builder.input({3}, ElementType::kBool);
  const int x = builder.input({3}, ElementType::kInt64);
  const int y = builder.constant<int64_t>({}, {int64_t{1} << 40});
  builder.op(BuiltinOperator::SELECT_V2, {c, x, y}, {builder.output({3}, ElementType::kInt64)});
  OpRun run(builder, options());
  run.in(0, std::vector<uint8_t>{0, 1, 0}).in(1, std::vector<int64_t>{7, 8, 9}).invoke();
  EXPECT_EQ(run.out<int64_t>(), (std::vector<int64_t>{int64_t{1} << 40, 8, int64_t{1} << 40}));

  testing::OpBuilder bools;
  const int cb = bools.input({2}, ElementType::kBool);
  const int xb = bools.input({2}, ElementType::kBool);
  const int yb = bools.input({2}, ElementType::kBool);
  bools.op(BuiltinOperator::SELECT_V2, {cb, xb, yb}, {bools.output({2}, ElementType::kBool)});
  OpRun run_bools(bools, options());
  run_bools.in(0, std::vector<uint8_t>{1, 0})
      .in(1, std::vector<uint8_t>{0, 0})
      .in(2, std::vector<uint8_t>{1, 1})
      .invoke();
  EXPECT_EQ(run_bools.out<uint8_t>(), (std::vector<uint8_t>{0, 1}));
}

TEST_P(SelectV2Test, MismatchedValueTypesNameTheOp) {
  testing::OpBuilder builder;
  const int c = builder.input({2}, ElementType::kBool);
  const int x = builder.input({2});
  const int y = builder.input({2}, ElementType::kInt32);
  builder.op(BuiltinOperator::SELECT_V2, {c, x, y}, {builder.output({2})});
  testing::expect_error(builder, {"op 0 (SELECT_V2)", "is int32, expected float32"}, options());
}

TEST_P(SelectV2Test, IncompatibleShapesNameTheOp) {
  testing::OpBuilder builder;
  const int c = builder.input({3}, ElementType::kBool);
  const int x = builder.input({2});
  const int y = builder.input({2});
  builder.op(BuiltinOperator::SELECT_V2, {c, x, y}, {builder.output({2})});
  testing::expect_error(builder, {"op 0 (SELECT_V2)", "cannot be broadcast"}, options());
}

LQ_INSTANTIATE_KERNEL_TEST(SelectV2Test);

}  // namespace
}  // namespace lq
