// LOGICAL_AND, LOGICAL_OR (bool, broadcasting) and LOGICAL_NOT (bool).
#include <vector>

#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using tflite::BuiltinOperator;
using Bools = std::vector<uint8_t>;  // bool tensors are read and written as bytes

class LogicalTest : public testing::KernelTest {
 protected:
  // a: [2, 3], b: [3], broadcast along the rows.
  Bools binary(BuiltinOperator op, const Bools& a, const Bools& b) {
    testing::OpBuilder builder;
    const int x = builder.input({2, 3}, ElementType::kBool);
    const int y = builder.input({3}, ElementType::kBool);
    builder.op(op, {x, y}, {builder.output({2, 3}, ElementType::kBool)});
    OpRun run(builder, options());
    run.in(0, a).in(1, b).invoke();
    EXPECT_EQ(run.shape(), (Shape{2, 3}));
    return run.out<uint8_t>();
  }

  Bools logical_not(const Bools& a) {
    testing::OpBuilder builder;
    const int x = builder.input({2, 2}, ElementType::kBool);
    builder.op(BuiltinOperator::LOGICAL_NOT, {x}, {builder.output({2, 2}, ElementType::kBool)});
    OpRun run(builder, options());
    run.in(0, a).invoke();
    EXPECT_EQ(run.shape(), (Shape{2, 2}));
    return run.out<uint8_t>();
  }
};

// The rows pair a with b as (1, 1), (0, 0), (1, 0) and (0, 1), (0, 0), (1, 0): every combination.
TEST_P(LogicalTest, AndBroadcasts) {
  EXPECT_EQ(binary(BuiltinOperator::LOGICAL_AND, {1, 0, 1, 0, 0, 1}, {1, 0, 0}),
            (Bools{1, 0, 0, 0, 0, 0}));
}

TEST_P(LogicalTest, OrBroadcasts) {
  EXPECT_EQ(binary(BuiltinOperator::LOGICAL_OR, {1, 0, 1, 0, 0, 1}, {1, 0, 0}),
            (Bools{1, 0, 1, 1, 0, 1}));
}

TEST_P(LogicalTest, NotNegates) { EXPECT_EQ(logical_not({0, 1, 1, 0}), (Bools{1, 0, 0, 1})); }

TEST_P(LogicalTest, AnyNonzeroByteIsTrue) {
  EXPECT_EQ(binary(BuiltinOperator::LOGICAL_AND, {2, 255, 0, 7, 1, 0}, {3, 1, 9}),
            (Bools{1, 1, 0, 1, 1, 0}));
  EXPECT_EQ(logical_not({2, 0, 255, 1}), (Bools{0, 1, 0, 0}));
}

TEST_P(LogicalTest, FloatInputsHaveNoKernel) {
  testing::OpBuilder builder;
  const int x = builder.input({2});
  const int y = builder.input({2});
  builder.op(BuiltinOperator::LOGICAL_OR, {x, y}, {builder.output({2}, ElementType::kBool)});
  testing::expect_error(builder, {"LOGICAL_OR"}, options());
}

TEST_P(LogicalTest, MixedInputTypesNameTheOp) {
  testing::OpBuilder builder;
  const int x = builder.input({2}, ElementType::kBool);
  const int y = builder.input({2});
  builder.op(BuiltinOperator::LOGICAL_AND, {x, y}, {builder.output({2}, ElementType::kBool)});
  testing::expect_error(builder, {"op 0 (LOGICAL_AND)", "expected bool"}, options());
}

TEST_P(LogicalTest, UnbroadcastableShapesNameTheOp) {
  testing::OpBuilder builder;
  const int x = builder.input({2}, ElementType::kBool);
  const int y = builder.input({3}, ElementType::kBool);
  builder.op(BuiltinOperator::LOGICAL_OR, {x, y}, {builder.output({3}, ElementType::kBool)});
  testing::expect_error(builder, {"op 0 (LOGICAL_OR)"}, options());
}

TEST_P(LogicalTest, NotWithNonBoolOutputNamesTheOp) {
  testing::OpBuilder builder;
  const int x = builder.input({2}, ElementType::kBool);
  builder.op(BuiltinOperator::LOGICAL_NOT, {x}, {builder.output({2})});
  testing::expect_error(builder, {"op 0 (LOGICAL_NOT)", "expected bool"}, options());
}

LQ_INSTANTIATE_KERNEL_TEST(LogicalTest);

}  // namespace
}  // namespace lq
