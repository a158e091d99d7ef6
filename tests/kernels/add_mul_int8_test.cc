// ADD, SUB and MUL int8 under both arithmetics, with expected values worked out by hand. The scales
// make the real result a multiple of 1/4, so ties are frequent: XNNPACK's ADD (kRuntime) floors
// real + 1/2 (ties toward +infinity), TFLite's ADD rounds half away from zero; XNNPACK's MUL rounds
// half to even, TFLite's MUL ties toward +infinity.
#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;

struct Quant {
  float scale;
  int64_t zero_point;
};

void set_quant(ir::Tensor& tensor, Quant q) {
  tensor.quant.scale = {q.scale};
  tensor.quant.zero_point = {q.zero_point};
}

class BinaryInt8Test : public testing::KernelTest {
 protected:
  std::vector<int8_t> run(BuiltinOperator op, const std::vector<int8_t>& a,
                          const std::vector<int8_t>& b, Quant qa, Quant qb, Quant qo,
                          arith::Arithmetic arithmetic,
                          ActivationFunctionType activation = ActivationFunctionType::NONE,
                          Shape a_shape = {}, Shape b_shape = {}, Shape* out_shape = nullptr) {
    if (a_shape.empty()) a_shape = {static_cast<int32_t>(a.size())};
    if (b_shape.empty()) b_shape = {static_cast<int32_t>(b.size())};
    testing::OpBuilder builder;
    const int ia = builder.input(a_shape, ElementType::kInt8);
    const int ib = builder.input(b_shape, ElementType::kInt8);
    const int out = builder.output({}, ElementType::kInt8);
    set_quant(builder.at(ia), qa);
    set_quant(builder.at(ib), qb);
    set_quant(builder.at(out), qo);
    if (op == BuiltinOperator::ADD) {
      tflite::AddOptionsT o;
      o.fused_activation_function = activation;
      builder.op(op, {ia, ib}, {out}, o);
    } else if (op == BuiltinOperator::SUB) {
      tflite::SubOptionsT o;
      o.fused_activation_function = activation;
      builder.op(op, {ia, ib}, {out}, o);
    } else {
      tflite::MulOptionsT o;
      o.fused_activation_function = activation;
      builder.op(op, {ia, ib}, {out}, o);
    }
    rt::InterpreterOptions options = this->options();
    options.arithmetic = arithmetic;
    OpRun r(builder, options);
    r.in(0, a).in(1, b).invoke();
    if (out_shape) *out_shape = r.shape();
    return r.out<int8_t>();
  }
};

constexpr auto kRuntime = arith::Arithmetic::kRuntime;
constexpr auto kReference = arith::Arithmetic::kTfliteReference;

TEST_P(BinaryInt8Test, AddTiesFollowEachArithmetic) {
  // Real result 0.5 (a - 2) + 0.25 (b + 3): 0.5 -0.5 1.5 -1.5 0.75 -0.75 1 2, plus zero point 10.
  const std::vector<int8_t> a = {3, 1, 5, -1, 2, 2, 3, 7};
  const std::vector<int8_t> b = {-3, -3, -3, -3, 0, -6, -1, -5};
  const Quant qa{0.5f, 2}, qb{0.25f, -3}, qo{1.0f, 10};
  EXPECT_EQ(run(BuiltinOperator::ADD, a, b, qa, qb, qo, kRuntime),
            (std::vector<int8_t>{11, 10, 12, 9, 11, 9, 11, 12}));
  EXPECT_EQ(run(BuiltinOperator::ADD, a, b, qa, qb, qo, kReference),
            (std::vector<int8_t>{11, 9, 12, 8, 11, 9, 11, 12}));
}

TEST_P(BinaryInt8Test, AddBroadcastsAndSaturates) {
  // Equal scales: the sum is exact. [2, 1] + [1, 3] -> [2, 3].
  Shape shape;
  const Quant q{1.0f, 0};
  for (arith::Arithmetic arithmetic : {kRuntime, kReference}) {
    EXPECT_EQ(run(BuiltinOperator::ADD, {100, -100}, {1, 27, 28}, q, q, q, arithmetic,
                  ActivationFunctionType::NONE, {2, 1}, {1, 3}, &shape),
              (std::vector<int8_t>{101, 127, 127, -99, -73, -72}));
    EXPECT_EQ(shape, (Shape{2, 3}));
  }
}

TEST_P(BinaryInt8Test, Relu6BoundIsQuantizedAsEachRuntimeDoes) {
  // Output scale 4, zero point -3: 6 / 4 = 1.5 -> XNNPACK rint(-1.5) = -2, TFLite -3 + 2 = -1.
  const Quant q{4.0f, 0}, qo{4.0f, -3};
  const std::vector<int8_t> a = {100, -100, 1, 0}, b = {0, 0, 0, 1};
  const auto relu6 = ActivationFunctionType::RELU6;
  EXPECT_EQ(run(BuiltinOperator::ADD, a, b, q, q, qo, kRuntime, relu6),
            (std::vector<int8_t>{-2, -3, -2, -2}));
  EXPECT_EQ(run(BuiltinOperator::ADD, a, b, q, q, qo, kReference, relu6),
            (std::vector<int8_t>{-1, -3, -2, -2}));
}

TEST_P(BinaryInt8Test, AddOutsideXnnpackScaleRangeUsesTfliteArithmetic) {
  // a's scale ratio 2^-11 is below XNNPACK's 2^-10: the runtime's TFLite kernel runs it, and
  // 0.5 * -1 rounds to -1 (away from zero), where XNNPACK's formula would give 0.
  const Quant qa{0x1.0p-11f, 0}, qb{0.5f, 0}, qo{1.0f, 0};
  EXPECT_EQ(run(BuiltinOperator::ADD, {0, 0}, {-1, 1}, qa, qb, qo, kRuntime),
            (std::vector<int8_t>{-1, 1}));
}

TEST_P(BinaryInt8Test, SubNegatesTheSecondInput) {
  // Real result 0.5 a - 0.25 b: 0.5 -0.5 0.5 2.5.
  const std::vector<int8_t> a = {1, 0, 0, 2}, b = {0, 2, -2, -6};
  const Quant qa{0.5f, 0}, qb{0.25f, 0}, qo{1.0f, 0};
  EXPECT_EQ(run(BuiltinOperator::SUB, a, b, qa, qb, qo, kRuntime),
            (std::vector<int8_t>{1, 0, 1, 3}));
  EXPECT_EQ(run(BuiltinOperator::SUB, a, b, qa, qb, qo, kReference),
            (std::vector<int8_t>{1, -1, 1, 3}));
}

TEST_P(BinaryInt8Test, MulTiesFollowEachArithmetic) {
  // (a - 1) (b + 2) * 0.5: 0.5 -0.5 1.5 -1.5 2.5 -2.5, then zero point -4.
  const std::vector<int8_t> a = {2, 0, 4, -2, 6, -4}, b = {-1, -1, -1, -1, -1, -1};
  const Quant qa{0.5f, 1}, qb{1.0f, -2}, qo{1.0f, -4};
  EXPECT_EQ(run(BuiltinOperator::MUL, a, b, qa, qb, qo, kRuntime),
            (std::vector<int8_t>{-4, -4, -2, -6, -2, -6}));
  EXPECT_EQ(run(BuiltinOperator::MUL, a, b, qa, qb, qo, kReference),
            (std::vector<int8_t>{-3, -4, -2, -5, -1, -6}));
}

TEST_P(BinaryInt8Test, MulBroadcastsWithRelu) {
  Shape shape;
  const Quant q{1.0f, 0};
  EXPECT_EQ(run(BuiltinOperator::MUL, {2, -3}, {1, 5, 100}, q, q, q, kRuntime,
                ActivationFunctionType::RELU, {2, 1}, {3}, &shape),
            (std::vector<int8_t>{2, 10, 127, 0, 0, 0}));
  EXPECT_EQ(shape, (Shape{2, 3}));
}

TEST_P(BinaryInt8Test, RejectsPerChannelInputs) {
  testing::OpBuilder b;
  const int x = b.input({2}, ElementType::kInt8);
  const int y = b.input({2}, ElementType::kInt8);
  const int out = b.output({2}, ElementType::kInt8);
  b.at(x).quant.scale = {1.0f, 2.0f};
  b.at(x).quant.zero_point = {0, 0};
  b.at(x).quant.axis = 0;
  set_quant(b.at(y), {1.0f, 0});
  set_quant(b.at(out), {1.0f, 0});
  b.op(BuiltinOperator::ADD, {x, y}, {out}, tflite::AddOptionsT{});
  testing::expect_error(b, {"op 0 (ADD)", "input 't0'", "2 scales"}, options());
}

LQ_INSTANTIATE_KERNEL_TEST(BinaryInt8Test);

}  // namespace
}  // namespace lq
