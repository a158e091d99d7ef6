// GREATER_EQUAL, GREATER, LESS, LESS_EQUAL, EQUAL, NOT_EQUAL: float, int8, uint8, int32 and int64
// inputs (EQUAL and NOT_EQUAL also bool), bool outputs, broadcasting.
#include <limits>
#include <string>

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

 public:
  // The same on inputs of element type `type` (C++ type T; bool as uint8_t).
  template <class T>
  std::vector<uint8_t> compare_typed(BuiltinOperator op, ElementType type, const std::vector<T>& a,
                                     const std::vector<T>& b) {
    testing::OpBuilder builder;
    const int x = builder.input({2, 3}, type);
    const int y = builder.input({3}, type);
    const int z = builder.output({2, 3}, ElementType::kBool);
    builder.op(op, {x, y}, {z});
    OpRun run(builder, options());
    run.in(0, a).in(1, b).invoke();
    EXPECT_EQ(run.shape(), (Shape{2, 3}));
    return run.out<uint8_t>();
  }
};

// The float test's values, as T.
template <class T> void expect_integer_comparisons(ComparisonTest& test, ElementType type) {
  using V = std::vector<uint8_t>;
  const std::vector<T> a{1, 2, 3, 4, 5, 6}, b{3, 2, 7};
  const std::string name(element_type_name(type));
  EXPECT_EQ(test.compare_typed(BuiltinOperator::GREATER_EQUAL, type, a, b), (V{0, 1, 0, 1, 1, 0})) << name;
  EXPECT_EQ(test.compare_typed(BuiltinOperator::GREATER, type, a, b), (V{0, 0, 0, 1, 1, 0})) << name;
  EXPECT_EQ(test.compare_typed(BuiltinOperator::LESS, type, a, b), (V{1, 0, 1, 0, 0, 1})) << name;
  EXPECT_EQ(test.compare_typed(BuiltinOperator::LESS_EQUAL, type, a, b), (V{1, 1, 1, 0, 0, 1})) << name;
  EXPECT_EQ(test.compare_typed(BuiltinOperator::EQUAL, type, a, b), (V{0, 1, 0, 0, 0, 0})) << name;
  EXPECT_EQ(test.compare_typed(BuiltinOperator::NOT_EQUAL, type, a, b), (V{1, 0, 1, 1, 1, 1})) << name;
}

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

TEST_P(ComparisonTest, EachOpOnEachIntegerType) {
  expect_integer_comparisons<int8_t>(*this, ElementType::kInt8);
  expect_integer_comparisons<uint8_t>(*this, ElementType::kUInt8);
  expect_integer_comparisons<int32_t>(*this, ElementType::kInt32);
  expect_integer_comparisons<int64_t>(*this, ElementType::kInt64);
}

TEST_P(ComparisonTest, IntegersCompareExactly) {
  // 2^53 + 1 and 2^53 differ as int64 but not as float or double.
  const int64_t big = int64_t{1} << 53;
  EXPECT_EQ(compare_typed<int64_t>(BuiltinOperator::GREATER, ElementType::kInt64,
                                   {big + 1, big, big - 1, 0, 0, 0}, {big, big, big}),
            (std::vector<uint8_t>{1, 0, 0, 0, 0, 0}));
}

TEST_P(ComparisonTest, EqualityOnBool) {
  const std::vector<uint8_t> a{0, 1, 1, 0, 0, 1}, b{1, 1, 0};
  EXPECT_EQ(compare_typed(BuiltinOperator::EQUAL, ElementType::kBool, a, b),
            (std::vector<uint8_t>{0, 1, 0, 0, 0, 0}));
  EXPECT_EQ(compare_typed(BuiltinOperator::NOT_EQUAL, ElementType::kBool, a, b),
            (std::vector<uint8_t>{1, 0, 1, 1, 1, 1}));
}

TEST_P(ComparisonTest, OrderingBoolHasNoKernel) {
  testing::OpBuilder builder;
  const int x = builder.input({2}, ElementType::kBool);
  const int y = builder.input({2}, ElementType::kBool);
  builder.op(BuiltinOperator::LESS, {x, y}, {builder.output({2}, ElementType::kBool)});
  testing::expect_error(builder, {"LESS"}, options());
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
