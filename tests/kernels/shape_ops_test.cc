// RESHAPE, SQUEEZE, EXPAND_DIMS, SHAPE, FILL, ZEROS_LIKE, CAST.
#include <cmath>
#include <limits>

#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using tflite::BuiltinOperator;

class ShapeOpsTest : public testing::KernelTest {};

std::vector<float> iota(int n) {
  std::vector<float> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = static_cast<float>(i);
  return v;
}

TEST_P(ShapeOpsTest, ReshapeInfersMinusOneFromShapeInput) {
  testing::OpBuilder b;
  const int x = b.input({2, 3, 4});
  const int shape = b.constant<int32_t>({3}, {4, -1, 2});
  const int y = b.output({1});  // declared shape is ignored when the shape input is constant
  b.op(BuiltinOperator::RESHAPE, {x, shape}, {y});
  OpRun run(b, options());
  run.in(0, iota(24)).invoke();
  EXPECT_EQ(run.shape(), (Shape{4, 3, 2}));
  EXPECT_EQ(run.out<float>(), iota(24));
}

TEST_P(ShapeOpsTest, ReshapeTakesInt64ShapeInput) {
  testing::OpBuilder b;
  const int x = b.input({6});
  const int shape = b.constant<int64_t>({2}, {-1, 3});
  const int y = b.output({2, 3});
  b.op(BuiltinOperator::RESHAPE, {x, shape}, {y});
  OpRun run(b, options());
  run.in(0, iota(6)).invoke();
  EXPECT_EQ(run.shape(), (Shape{2, 3}));
}

TEST_P(ShapeOpsTest, ReshapeFallsBackToOptionsThenDeclaredShape) {
  {
    testing::OpBuilder b;
    const int x = b.input({2, 6});
    const int y = b.output({12});
    tflite::ReshapeOptionsT options;
    options.new_shape = {3, -1};
    b.op(BuiltinOperator::RESHAPE, {x}, {y}, options);
    OpRun run(b, this->options());
    run.in(0, iota(12)).invoke();
    EXPECT_EQ(run.shape(), (Shape{3, 4}));
  }
  {
    // The shape input is computed (not constant) and there are no options: the declared shape.
    testing::OpBuilder b;
    const int x = b.input({2, 6});
    const int shape = b.input({2}, ElementType::kInt32);
    const int y = b.output({4, 3});
    b.op(BuiltinOperator::RESHAPE, {x, shape}, {y});
    OpRun run(b, options());
    run.in(0, iota(12)).in(1, std::vector<int32_t>{0, 0}).invoke();
    EXPECT_EQ(run.shape(), (Shape{4, 3}));
    EXPECT_EQ(run.out<float>(), iota(12));
  }
}

TEST_P(ShapeOpsTest, ReshapeCopiesInt8AndBoolBytes) {
  testing::OpBuilder b;
  const int x = b.input({2, 2}, ElementType::kInt8);
  const int shape = b.constant<int32_t>({1}, {-1});
  const int y = b.output({4}, ElementType::kInt8);
  b.op(BuiltinOperator::RESHAPE, {x, shape}, {y});
  OpRun run(b, options());
  run.in(0, std::vector<int8_t>{-128, 5, 127, -1}).invoke();
  EXPECT_EQ(run.out<int8_t>(), (std::vector<int8_t>{-128, 5, 127, -1}));

  testing::OpBuilder c;
  const int p = c.input({3}, ElementType::kBool);
  const int q = c.output({3, 1}, ElementType::kBool);
  tflite::ReshapeOptionsT options;
  options.new_shape = {3, 1};
  c.op(BuiltinOperator::RESHAPE, {p}, {q}, options);
  OpRun bools(c, this->options());
  bools.in(0, std::vector<uint8_t>{1, 0, 1}).invoke();
  EXPECT_EQ(bools.out<uint8_t>(), (std::vector<uint8_t>{1, 0, 1}));
}

TEST_P(ShapeOpsTest, ReshapeErrorsNameTheOp) {
  testing::OpBuilder b;
  const int x = b.input({2, 3});
  const int shape = b.constant<int32_t>({2}, {-1, -1});
  const int y = b.output({6});
  b.op(BuiltinOperator::RESHAPE, {x, shape}, {y});
  testing::expect_error(b, {"op 0 (RESHAPE)", "more than one -1"}, options());

  testing::OpBuilder c;
  const int u = c.input({2, 3});
  const int bad = c.constant<int32_t>({2}, {4, -1});
  const int v = c.output({6});
  c.op(BuiltinOperator::RESHAPE, {u, bad}, {v});
  testing::expect_error(c, {"op 0 (RESHAPE)", "cannot reshape"}, options());
}

TEST_P(ShapeOpsTest, SqueezeAllOrListedDims) {
  {
    testing::OpBuilder b;
    const int x = b.input({1, 2, 1, 3, 1});
    const int y = b.output({2, 3});
    b.op(BuiltinOperator::SQUEEZE, {x}, {y});
    OpRun run(b, options());
    run.in(0, iota(6)).invoke();
    EXPECT_EQ(run.shape(), (Shape{2, 3}));
    EXPECT_EQ(run.out<float>(), iota(6));
  }
  {
    testing::OpBuilder b;
    const int x = b.input({1, 2, 1, 3, 1});
    const int y = b.output({1, 2, 3});
    tflite::SqueezeOptionsT options;
    options.squeeze_dims = {2, -1};
    b.op(BuiltinOperator::SQUEEZE, {x}, {y}, options);
    OpRun run(b, this->options());
    run.in(0, iota(6)).invoke();
    EXPECT_EQ(run.shape(), (Shape{1, 2, 3}));
  }
}

TEST_P(ShapeOpsTest, SqueezeOfDimensionNotOneNamesTheOp) {
  testing::OpBuilder b;
  const int x = b.input({1, 2});
  const int y = b.output({1});
  tflite::SqueezeOptionsT options;
  options.squeeze_dims = {1};
  b.op(BuiltinOperator::SQUEEZE, {x}, {y}, options);
  testing::expect_error(b, {"op 0 (SQUEEZE)", "its size is not 1"}, this->options());
}

TEST_P(ShapeOpsTest, ExpandDimsAtPositiveAndNegativeAxes) {
  for (auto [axis, expected] :
       {std::pair{0, Shape{1, 2, 3}}, std::pair{2, Shape{2, 3, 1}}, std::pair{-1, Shape{2, 3, 1}},
        std::pair{-3, Shape{1, 2, 3}}, std::pair{1, Shape{2, 1, 3}}}) {
    testing::OpBuilder b;
    const int x = b.input({2, 3});
    const int a = b.constant<int32_t>({}, {axis});
    const int y = b.output({6});
    b.op(BuiltinOperator::EXPAND_DIMS, {x, a}, {y});
    OpRun run(b, options());
    run.in(0, iota(6)).invoke();
    EXPECT_EQ(run.shape(), expected) << "axis " << axis;
    EXPECT_EQ(run.out<float>(), iota(6));
  }
  testing::OpBuilder b;
  const int x = b.input({2, 3});
  const int a = b.constant<int64_t>({1}, {3});
  const int y = b.output({6});
  b.op(BuiltinOperator::EXPAND_DIMS, {x, a}, {y});
  testing::expect_error(b, {"op 0 (EXPAND_DIMS)", "axis 3 is out of range"}, options());
}

TEST_P(ShapeOpsTest, ShapeGivesInt32OrInt64) {
  testing::OpBuilder b;
  const int x = b.input({2, 5, 7}, ElementType::kInt8);
  const int y = b.output({3}, ElementType::kInt32);
  b.op(BuiltinOperator::SHAPE, {x}, {y});
  OpRun run(b, options());
  run.invoke();
  EXPECT_EQ(run.out<int32_t>(), (std::vector<int32_t>{2, 5, 7}));

  testing::OpBuilder c;
  const int p = c.input({4});
  const int q = c.output({1}, ElementType::kInt64);
  c.op(BuiltinOperator::SHAPE, {p}, {q});
  OpRun run64(c, options());
  run64.invoke();
  EXPECT_EQ(run64.out<int64_t>(), (std::vector<int64_t>{4}));
}

TEST_P(ShapeOpsTest, FillWithFloatAndInt8Values) {
  testing::OpBuilder b;
  const int dims = b.constant<int32_t>({2}, {2, 3});
  const int value = b.input({});
  const int y = b.output({6});
  b.op(BuiltinOperator::FILL, {dims, value}, {y});
  OpRun run(b, options());
  run.in(0, std::vector<float>{2.5f}).invoke();
  EXPECT_EQ(run.shape(), (Shape{2, 3}));
  EXPECT_EQ(run.out<float>(), std::vector<float>(6, 2.5f));

  testing::OpBuilder c;
  const int dims64 = c.constant<int64_t>({1}, {4});
  const int v8 = c.constant<int8_t>({}, {-7});
  const int z = c.output({4}, ElementType::kInt8);
  c.op(BuiltinOperator::FILL, {dims64, v8}, {z});
  OpRun run8(c, options());
  run8.invoke();
  EXPECT_EQ(run8.out<int8_t>(), std::vector<int8_t>(4, -7));
}

TEST_P(ShapeOpsTest, ZerosLikeKeepsShapeAndType) {
  testing::OpBuilder b;
  const int x = b.input({2, 2}, ElementType::kInt32);
  const int y = b.output({2, 2}, ElementType::kInt32);
  b.op(BuiltinOperator::ZEROS_LIKE, {x}, {y});
  OpRun run(b, options());
  run.in(0, std::vector<int32_t>{1, -2, 3, 4}).invoke();
  EXPECT_EQ(run.shape(), (Shape{2, 2}));
  EXPECT_EQ(run.out<int32_t>(), std::vector<int32_t>(4, 0));
}

// Casts between non-bool types; bool is covered by its own test (bool tensors are bytes here).
class CastTest : public testing::KernelTest {
 protected:
  template <class To, class From> std::vector<To> cast(const std::vector<From>& values) {
    testing::OpBuilder b;
    const Shape shape{static_cast<int32_t>(values.size())};
    const int x = b.input(shape, element_type_of<From>());
    const int y = b.output(shape, element_type_of<To>());
    b.op(BuiltinOperator::CAST, {x}, {y});
    OpRun run(b, options());
    run.in(0, values).invoke();
    return run.out<To>();
  }
};

TEST_P(CastTest, FloatToIntegersTruncatesTowardZero) {
  EXPECT_EQ((cast<int32_t, float>({1.9f, -1.9f, 0.5f, -0.5f, 100})),
            (std::vector<int32_t>{1, -1, 0, 0, 100}));
  EXPECT_EQ((cast<int64_t, float>({3e9f, -2.5f})), (std::vector<int64_t>{3000000000, -2}));
  EXPECT_EQ((cast<int16_t, float>({-300.7f, 300.7f})), (std::vector<int16_t>{-300, 300}));
}

TEST_P(CastTest, FloatOutOfRangeSaturatesAndNanGivesZero) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ((cast<int8_t, float>({200, -200, nan, 127.9f, -128.9f})),
            (std::vector<int8_t>{127, -128, 0, 127, -128}));
  EXPECT_EQ((cast<int32_t, float>({inf, -inf, 3e9f})),
            (std::vector<int32_t>{std::numeric_limits<int32_t>::max(),
                                  std::numeric_limits<int32_t>::min(),
                                  std::numeric_limits<int32_t>::max()}));
  EXPECT_EQ((cast<uint8_t, float>({-1, 255.5f, 256})), (std::vector<uint8_t>{0, 255, 255}));
}

TEST_P(CastTest, IntegerNarrowingWraps) {
  EXPECT_EQ((cast<int32_t, int64_t>({4294967297LL, -1})), (std::vector<int32_t>{1, -1}));
  EXPECT_EQ((cast<int8_t, uint8_t>({200, 5})), (std::vector<int8_t>{-56, 5}));
  EXPECT_EQ((cast<float, int32_t>({-7, 16777217})), (std::vector<float>{-7, 16777216}));
}

TEST_P(CastTest, BoolConversions) {
  testing::OpBuilder b;
  const int x = b.input({4});
  const int y = b.output({4}, ElementType::kBool);
  b.op(BuiltinOperator::CAST, {x}, {y});
  OpRun run(b, options());
  run.in(0, std::vector<float>{0, -0.0f, 0.1f, -3}).invoke();
  EXPECT_EQ(run.out<uint8_t>(), (std::vector<uint8_t>{0, 0, 1, 1}));

  testing::OpBuilder c;
  const int p = c.input({3}, ElementType::kBool);
  const int q = c.output({3}, ElementType::kInt32);
  c.op(BuiltinOperator::CAST, {p}, {q});
  OpRun back(c, options());
  back.in(0, std::vector<uint8_t>{1, 0, 1}).invoke();
  EXPECT_EQ(back.out<int32_t>(), (std::vector<int32_t>{1, 0, 1}));
}

TEST_P(CastTest, UnsupportedTargetNamesTheOp) {
  testing::OpBuilder b;
  const int x = b.input({2});
  const int y = b.output({2}, ElementType::kFloat16);
  b.op(BuiltinOperator::CAST, {x}, {y});
  testing::expect_error(b, {"op 0 (CAST)", "cannot cast float32 to float16"}, options());
}

TEST(DataMovementRegistration, EveryOpHasAReferenceKernelForEveryCopyType) {
  const BuiltinOperator ops[] = {
      BuiltinOperator::RESHAPE,   BuiltinOperator::SQUEEZE,    BuiltinOperator::EXPAND_DIMS,
      BuiltinOperator::TRANSPOSE, BuiltinOperator::SLICE,      BuiltinOperator::STRIDED_SLICE,
      BuiltinOperator::SPLIT_V,   BuiltinOperator::GATHER,     BuiltinOperator::TILE,
      BuiltinOperator::CAST,      BuiltinOperator::SHAPE,      BuiltinOperator::PACK,
      BuiltinOperator::UNPACK,    BuiltinOperator::ZEROS_LIKE, BuiltinOperator::DENSIFY,
      BuiltinOperator::SPLIT,     BuiltinOperator::FILL};
  const ElementType types[] = {ElementType::kFloat32, ElementType::kInt8,  ElementType::kUInt8,
                               ElementType::kInt16,   ElementType::kInt32, ElementType::kInt64,
                               ElementType::kBool};
  for (BuiltinOperator op : ops)
    for (ElementType type : types)
      EXPECT_NE(rt::KernelRegistry::global().find({op, "", type, rt::KernelKind::kReference}),
                nullptr)
          << ir::builtin_name(op) << " " << element_type_name(type);
}

LQ_INSTANTIATE_KERNEL_TEST(ShapeOpsTest);
LQ_INSTANTIATE_KERNEL_TEST(CastTest);

}  // namespace
}  // namespace lq
