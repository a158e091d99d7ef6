// TRANSPOSE_CONV int8 and 16x8 on one case worked out by hand, and the errors prepare() gives on
// parameters outside the quantization spec. Input 2x2 x = 1 2 / 3 4 (int8: raw 2 3 / 4 5 with zero
// point 1), a 2x2 filter per output channel, stride 1, VALID: a 3x3 output where the scattered
// blocks overlap. Input and output scales 1.
//   channel 0: weights 1 1 / 1 1, scale 0.5:   sums 1 3 2 / 4 10 6 / 3 7 4
//   channel 1: weights 1 0 / 0 -1, scale 0.25: sums 1 2 0 / 3 3 -2 / 0 -3 -4
// int8, bias 3 and 8: channel 0 (4 6 5 / 7 13 9 / 6 10 7) x 0.5 = 2 3 2.5 / 3.5 6.5 4.5 / 3 5 3.5,
//   channel 1 (9 10 8 / 11 11 6 / 8 5 4) x 0.25 = 2.25 2.5 2 / 2.75 2.75 1.5 / 2 1.25 1.
//   Runtime (XNNPACK's float32, half to even): 2 3 2 4 6 4 3 5 4 | 2 2 2 3 3 2 2 1 1.
//   TFLite reference (x/2 ties up, then the shift ties away, so 9 -> 4.5 -> 5 -> 2.5 -> 3):
//   2 3 3 4 7 5 3 5 4 | 3 3 2 3 3 2 2 2 1.
// 16x8, bias 3 and -12: channel 0 as above, ties toward +infinity: 2 3 3 4 7 5 3 5 4; channel 1
//   (-11 -10 -12 / -9 -9 -14 / -12 -15 -16) x 0.25, one rounding toward +infinity on ties:
//   -3 -2 -3 -2 -2 -3 -3 -4 -4, under both arithmetics.
#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpBuilder;
using testing::OpRun;
using testing::set_quant;
using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;
using Arith = arith::Arithmetic;

// Two channels (c0, c1) per output position, in NHWC order.
std::vector<int8_t> interleave8(const std::vector<int>& c0, const std::vector<int>& c1) {
  std::vector<int8_t> v;
  for (size_t i = 0; i < c0.size(); ++i) {
    v.push_back(static_cast<int8_t>(c0[i]));
    v.push_back(static_cast<int8_t>(c1[i]));
  }
  return v;
}

struct Params {
  ElementType type = ElementType::kInt8;
  int64_t input_zero_point = 1, output_zero_point = 0;
  std::vector<int64_t> weight_zero_points = {0, 0};
  ElementType bias_type = ElementType::kInt32;
  ActivationFunctionType activation = ActivationFunctionType::NONE;
};

// Tensors t0 output shape, t1 weights, t2 input, t3 bias, t4 output.
OpBuilder transpose_conv(const Params& p) {
  OpBuilder b;
  const int shape = b.constant<int32_t>({4}, {1, 3, 3, 2});
  const int w = b.constant({2, 2, 2, 1}, std::vector<int8_t>{1, 1, 1, 1, 1, 0, 0, -1});
  set_quant(b.at(w), {0.5f, 0.25f}, p.weight_zero_points, 0);
  const int in = b.input({1, 2, 2, 1}, p.type);
  set_quant(b.at(in), {1.0f}, {p.input_zero_point});
  const bool int16 = p.type == ElementType::kInt16;
  const int bias = p.bias_type == ElementType::kInt64
                       ? b.constant({2}, std::vector<int64_t>{3, int16 ? -12 : 8})
                       : b.constant({2}, std::vector<int32_t>{3, int16 ? -12 : 8});
  set_quant(b.at(bias), {0.5f, 0.25f}, {0, 0});
  const int out = b.output({1, 3, 3, 2}, p.type);
  set_quant(b.at(out), {1.0f}, {p.output_zero_point});
  tflite::TransposeConvOptionsT o;
  o.padding = tflite::Padding::VALID;
  o.stride_h = o.stride_w = 1;
  o.fused_activation_function = p.activation;
  b.op(BuiltinOperator::TRANSPOSE_CONV, {shape, w, in, bias}, {out}, o);
  return b;
}

class TransposeConvIntTest : public testing::KernelTest {
 protected:
  template <class T>
  std::vector<T> run(const Params& p, Arith arithmetic, const std::vector<T>& input) {
    OpBuilder b = transpose_conv(p);
    rt::InterpreterOptions o = options();
    o.arithmetic = arithmetic;
    OpRun r(b, o);
    r.in(0, input).invoke();
    EXPECT_EQ(r.shape(), (Shape{1, 3, 3, 2}));
    return r.out<T>();
  }
};

const std::vector<int8_t> kInt8Input = {2, 3, 4, 5};

TEST_P(TransposeConvIntTest, Int8PerChannelBothArithmetics) {
  EXPECT_EQ(run(Params{}, Arith::kRuntime, kInt8Input),
            interleave8({2, 3, 2, 4, 6, 4, 3, 5, 4}, {2, 2, 2, 3, 3, 2, 2, 1, 1}));
  EXPECT_EQ(run(Params{}, Arith::kTfliteReference, kInt8Input),
            interleave8({2, 3, 3, 4, 7, 5, 3, 5, 4}, {3, 3, 2, 3, 3, 2, 2, 2, 1}));
}

TEST_P(TransposeConvIntTest, Int8Relu6ClampsAtTheQuantizedSix) {
  // Output zero point -1: every value shifts down by one and the upper bound is 6 - 1 = 5.
  Params p;
  p.output_zero_point = -1;
  p.activation = ActivationFunctionType::RELU6;
  EXPECT_EQ(run(p, Arith::kRuntime, kInt8Input),
            interleave8({1, 2, 1, 3, 5, 3, 2, 4, 3}, {1, 1, 1, 2, 2, 1, 1, 0, 0}));
}

TEST_P(TransposeConvIntTest, Int16TiesTowardPlusInfinityUnderBothArithmetics) {
  Params p;
  p.type = ElementType::kInt16;
  p.input_zero_point = 0;
  p.bias_type = ElementType::kInt64;
  const std::vector<int16_t> x = {1, 2, 3, 4};
  const std::vector<int16_t> expected = {2, -3, 3, -2, 3, -3, 4, -2, 7, -2,
                                         5, -3, 3, -3, 5, -4, 4, -4};
  EXPECT_EQ(run(p, Arith::kRuntime, x), expected);
  EXPECT_EQ(run(p, Arith::kTfliteReference, x), expected);
}

TEST_P(TransposeConvIntTest, Int8RejectsAsymmetricWeights) {
  Params p;
  p.weight_zero_points = {0, 3};
  OpBuilder b = transpose_conv(p);
  testing::expect_error(b, {"op 0 (TRANSPOSE_CONV)", "filter 't1'", "zero point 3"}, options());
}

TEST_P(TransposeConvIntTest, Int8RejectsAnInt64Bias) {
  Params p;
  p.bias_type = ElementType::kInt64;
  OpBuilder b = transpose_conv(p);
  testing::expect_error(b, {"op 0 (TRANSPOSE_CONV)", "'t3'", "expected int32"}, options());
}

TEST_P(TransposeConvIntTest, Int8RejectsAnUnquantizedInput) {
  OpBuilder b = transpose_conv(Params{});
  b.at(2).quant = {};
  testing::expect_error(b, {"op 0 (TRANSPOSE_CONV)", "input 't2'", "expected one"}, options());
}

TEST_P(TransposeConvIntTest, Int16RejectsAnInputZeroPoint) {
  Params p;
  p.type = ElementType::kInt16;
  p.bias_type = ElementType::kInt64;  // input zero point 1 stays
  OpBuilder b = transpose_conv(p);
  testing::expect_error(b, {"op 0 (TRANSPOSE_CONV)", "input 't2'", "zero point"}, options());
}

TEST_P(TransposeConvIntTest, Int16RejectsAnInt32Bias) {
  Params p;
  p.type = ElementType::kInt16;
  p.input_zero_point = 0;
  OpBuilder b = transpose_conv(p);
  testing::expect_error(b, {"op 0 (TRANSPOSE_CONV)", "'t3'", "expected int64"}, options());
}

LQ_INSTANTIATE_KERNEL_TEST(TransposeConvIntTest);

}  // namespace
}  // namespace lq
