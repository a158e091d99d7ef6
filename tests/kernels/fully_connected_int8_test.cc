// FULLY_CONNECTED int8 under both arithmetics. Expected values are worked out by hand: with depth 1
// and weight 1 the accumulator is x - input_zero_point, so each case is one product acc * M.
#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using tflite::BuiltinOperator;

void set_quant(ir::Tensor& tensor, std::vector<float> scale, std::vector<int64_t> zero_point) {
  tensor.quant.scale = std::move(scale);
  tensor.quant.zero_point = std::move(zero_point);
}

class FullyConnectedInt8Test : public testing::KernelTest {
 protected:
  // input [n, 1] (scale 1, zero point 0) times weights [units, 1] of 1, without bias.
  std::vector<int8_t> run(const std::vector<int8_t>& x, std::vector<float> weight_scales,
                          float output_scale, int64_t output_zero_point,
                          arith::Arithmetic arithmetic,
                          tflite::ActivationFunctionType activation =
                              tflite::ActivationFunctionType::NONE) {
    const int32_t n = static_cast<int32_t>(x.size());
    const int32_t units = static_cast<int32_t>(weight_scales.size());
    testing::OpBuilder b;
    const int in = b.input({n, 1}, ElementType::kInt8);
    set_quant(b.at(in), {1.0f}, {0});
    const int w = b.constant({units, 1}, std::vector<int8_t>(static_cast<size_t>(units), 1));
    set_quant(b.at(w), weight_scales, std::vector<int64_t>(weight_scales.size(), 0));
    const int out = b.output({n, units}, ElementType::kInt8);
    set_quant(b.at(out), {output_scale}, {output_zero_point});
    tflite::FullyConnectedOptionsT options;
    options.fused_activation_function = activation;
    b.op(BuiltinOperator::FULLY_CONNECTED, {in, w, -1}, {out}, options);
    rt::InterpreterOptions o = this->options();
    o.arithmetic = arithmetic;
    OpRun r(b, o);
    r.in(0, x).invoke();
    EXPECT_EQ(r.shape(), (Shape{n, units}));
    return r.out<int8_t>();
  }
};

// Inputs 1, -1, 3, -3, 5, -5, 2, 7 times M = 0.5 (unit 0) and 0.25 (unit 1), output zero point 10.
const std::vector<int8_t> kX = {1, -1, 3, -3, 5, -5, 2, 7};

TEST_P(FullyConnectedInt8Test, RuntimeRoundsTheFloatProductHalfToEven) {
  // 0.5 x: 0.5 -0.5 1.5 -1.5 2.5 -2.5 1 3.5 -> 0 0 2 -2 2 -2 1 4
  // 0.25 x: 0.25 -0.25 0.75 -0.75 1.25 -1.25 0.5 1.75 -> 0 0 1 -1 1 -1 0 2
  EXPECT_EQ(run(kX, {0.5f, 0.25f}, 1.0f, 10, arith::Arithmetic::kRuntime),
            (std::vector<int8_t>{10, 10, 10, 10, 12, 11, 8, 9, 12, 11, 8, 9, 11, 10, 14, 12}));
}

TEST_P(FullyConnectedInt8Test, TfliteReferenceRoundsTwice) {
  // M = 0.5: one rounding, ties toward +infinity: 1 0 2 -1 3 -2 1 4.
  // M = 0.25 (Q31 0.5, right shift 1): x/2 ties up, then /2 ties away from zero: 1 0 1 -1 2 -1 1 2
  // (5 -> 2.5 -> 3 -> 2, where one rounding of 1.25 gives 1).
  EXPECT_EQ(run(kX, {0.5f, 0.25f}, 1.0f, 10, arith::Arithmetic::kTfliteReference),
            (std::vector<int8_t>{11, 11, 10, 10, 12, 11, 9, 9, 13, 12, 8, 9, 11, 11, 14, 12}));
}

TEST_P(FullyConnectedInt8Test, Relu6BoundIsQuantizedAsEachRuntimeDoes) {
  // Output scale 4, zero point -3: 6 / 4 = 1.5. TFLite: -3 + round(1.5) = -1; XNNPACK:
  // rint(1.5 - 3) = -2. The lower bound is the zero point; 8 -> 2 - 3 = -1 meets the upper bound.
  const std::vector<int8_t> x = {100, -100, 8, 0};
  const auto relu6 = tflite::ActivationFunctionType::RELU6;
  EXPECT_EQ(run(x, {1.0f}, 4.0f, -3, arith::Arithmetic::kRuntime, relu6),
            (std::vector<int8_t>{-2, -3, -2, -3}));
  EXPECT_EQ(run(x, {1.0f}, 4.0f, -3, arith::Arithmetic::kTfliteReference, relu6),
            (std::vector<int8_t>{-1, -3, -1, -3}));
}

TEST_P(FullyConnectedInt8Test, SaturatesToInt8) {
  EXPECT_EQ(run({127, -128}, {4.0f}, 1.0f, 0, arith::Arithmetic::kRuntime),
            (std::vector<int8_t>{127, -128}));
}

TEST_P(FullyConnectedInt8Test, BiasAndInputZeroPoint) {
  // x = [3, 5] with zero point 1 -> [2, 4]; weights [[1, 2], [-1, 3]] scale 1; bias [1, -2];
  // acc = [2 + 8 + 1, -2 + 12 - 2] = [11, 8]; M = 0.5 -> 5.5 -> 6 (runtime), 4.
  testing::OpBuilder b;
  const int in = b.input({1, 2}, ElementType::kInt8);
  set_quant(b.at(in), {0.5f}, {1});
  const int w = b.constant({2, 2}, std::vector<int8_t>{1, 2, -1, 3});
  set_quant(b.at(w), {1.0f}, {0});
  const int bias = b.constant({2}, std::vector<int32_t>{1, -2});
  const int out = b.output({1, 2}, ElementType::kInt8);
  set_quant(b.at(out), {1.0f}, {0});
  b.op(BuiltinOperator::FULLY_CONNECTED, {in, w, bias}, {out}, tflite::FullyConnectedOptionsT{});
  OpRun r(b, options());
  r.in(0, std::vector<int8_t>{3, 5}).invoke();
  EXPECT_EQ(r.out<int8_t>(), (std::vector<int8_t>{6, 4}));
}

TEST_P(FullyConnectedInt8Test, RejectsAsymmetricWeightsAndFloatBias) {
  testing::OpBuilder b;
  const int in = b.input({1, 2}, ElementType::kInt8);
  set_quant(b.at(in), {0.5f}, {0});
  const int w = b.constant({1, 2}, std::vector<int8_t>{1, 2});
  set_quant(b.at(w), {1.0f}, {5});
  const int out = b.output({1, 1}, ElementType::kInt8);
  set_quant(b.at(out), {1.0f}, {0});
  b.op(BuiltinOperator::FULLY_CONNECTED, {in, w}, {out});
  testing::expect_error(b, {"op 0 (FULLY_CONNECTED)", "filter 't1'", "zero point 5"}, options());
  set_quant(b.at(w), {1.0f}, {0});
  b.model().subgraphs[0].ops[0].inputs.push_back(b.constant({1}, std::vector<float>{0.0f}));
  testing::expect_error(b, {"op 0 (FULLY_CONNECTED)", "int32"}, options());
}

TEST_P(FullyConnectedInt8Test, RejectsPerChannelScalesOfTheWrongCount) {
  testing::OpBuilder b;
  const int in = b.input({1, 2}, ElementType::kInt8);
  set_quant(b.at(in), {0.5f}, {0});
  const int w = b.constant({3, 2}, std::vector<int8_t>(6, 1));
  set_quant(b.at(w), {1.0f, 2.0f}, {0, 0});
  const int out = b.output({1, 3}, ElementType::kInt8);
  set_quant(b.at(out), {1.0f}, {0});
  b.op(BuiltinOperator::FULLY_CONNECTED, {in, w}, {out});
  testing::expect_error(b, {"op 0 (FULLY_CONNECTED)", "2 scales"}, options());
}

TEST(Arithmetic, NamesRoundTrip) {
  for (arith::Arithmetic a : {arith::Arithmetic::kRuntime, arith::Arithmetic::kTfliteReference})
    EXPECT_EQ(arith::parse_arithmetic(arith::arithmetic_name(a)), a);
  EXPECT_EQ(arith::parse_arithmetic("xnnpack"), std::nullopt);
}

LQ_INSTANTIATE_KERNEL_TEST(FullyConnectedInt8Test);

}  // namespace
}  // namespace lq
