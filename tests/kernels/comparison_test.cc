// GREATER_EQUAL, GREATER, LESS, LESS_EQUAL, EQUAL, NOT_EQUAL: float inputs, bool outputs,
// broadcasting.
#include <limits>

#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using tflite::BuiltinOperator;

class ComparisonTest : public testing::KernelTest {
 protected:
  // a: [2, 3] = [[1, 2, 3], [4, 5, 6]], b: [3] = [3, 2, 7], broadcast along the rows.
  std::vector<uint8_t> compare(BuiltinOperator op) {
    testing::OpBuilder builder;
    const int x = builder.input({2, 3});
    const int y = builder.input({3});
    const int z = builder.output({2, 3}, ElementType::kBool);
    builder.op(op, {x, y}, {z});
    OpRun run(builder, options());
    run.in(0, std::vector<float>{1, 2, 3, 4, 5, 6}).in(1, std::vector<float>{3, 2, 7}).invoke();
    EXPECT_EQ(run.shape(), (Shape{2, 3}));
    return run.out<uint8_t>();
  }
};

TEST_P(ComparisonTest, EachOpBroadcasts) {
  using V = std::vector<uint8_t>;
  EXPECT_EQ(compare(BuiltinOperator::GREATER_EQUAL), (V{0, 1, 0, 1, 1, 0}));
  EXPECT_EQ(compare(BuiltinOperator::GREATER), (V{0, 0, 0, 1, 1, 0}));
  EXPECT_EQ(compare(BuiltinOperator::LESS), (V{1, 0, 1, 0, 0, 1}));
  EXPECT_EQ(compare(BuiltinOperator::LESS_EQUAL), (V{1, 1, 1, 0, 0, 1}));
  EXPECT_EQ(compare(BuiltinOperator::EQUAL), (V{0, 1, 0, 0, 0, 0}));
  EXPECT_EQ(compare(BuiltinOperator::NOT_EQUAL), (V{1, 0, 1, 1, 1, 1}));
}

TEST_P(ComparisonTest, NanComparesUnequalToEverything) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (auto [op, expected] : {std::pair{BuiltinOperator::EQUAL, uint8_t{0}},
                              std::pair{BuiltinOperator::NOT_EQUAL, uint8_t{1}},
                              std::pair{BuiltinOperator::LESS, uint8_t{0}},
                              std::pair{BuiltinOperator::GREATER_EQUAL, uint8_t{0}}}) {
    testing::OpBuilder builder;
    const int x = builder.input({1});
    const int y = builder.constant<float>({}, {nan});
    const int z = builder.output({1}, ElementType::kBool);
    builder.op(op, {x, y}, {z});
    OpRun run(builder, options());
    run.in(0, std::vector<float>{nan}).invoke();
    EXPECT_EQ(run.out<uint8_t>(), std::vector<uint8_t>{expected}) << ir::builtin_name(op);
  }
}

TEST_P(ComparisonTest, NonBoolOutputNamesTheOp) {
  testing::OpBuilder builder;
  const int x = builder.input({2});
  const int y = builder.input({2});
  const int z = builder.output({2});
  builder.op(BuiltinOperator::LESS, {x, y}, {z});
  testing::expect_error(builder, {"op 0 (LESS)", "expected bool"}, options());
}

LQ_INSTANTIATE_KERNEL_TEST(ComparisonTest);

}  // namespace
}  // namespace lq
