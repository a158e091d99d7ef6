// CONV_2D and DEPTHWISE_CONV_2D int8 under both arithmetics, on one case worked out by hand:
// input 2x2 (raw 2 3 / 4 5, zero point 1, so 1 2 / 3 4), a 2x2 filter per output channel, SAME
// padding (the padding is at the end, and counts as the zero point), output scale 1.
//   channel 0: weights all 1, scale 0.5, bias 3:  acc 13, 9, 10, 7 -> x 0.5 = 6.5, 4.5, 5, 3.5
//   channel 1: weights 1 0 / 0 -1, scale 0.25, bias 8:  acc 5, 10, 11, 12 -> x 0.25 =
//              1.25, 2.5, 2.75, 3
// Runtime (float32, half to even): 6 4 5 4 | 1 2 3 3. TFLite reference (x/2 ties up, then the
// right shift ties away): 7 5 5 4 | 2 3 3 3 (5 -> 2.5 -> 3 -> 1.5 -> 2; 10 -> 5 -> 2.5 -> 3).
#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using testing::set_quant;
using tflite::BuiltinOperator;

const std::vector<int8_t> kInput = {2, 3, 4, 5};
// Output [1, 2, 2, 2] in NHWC order: (channel 0, channel 1) per position.
const std::vector<int8_t> kRuntime = {6, 1, 4, 2, 5, 3, 4, 3};
const std::vector<int8_t> kReference = {7, 2, 5, 3, 5, 3, 4, 3};

class ConvolutionInt8Test : public testing::KernelTest {
 protected:
  // filter: [2, 2, 2, 1] for CONV_2D, [1, 2, 2, 2] (multiplier 2) for DEPTHWISE_CONV_2D.
  std::vector<int8_t> run(BuiltinOperator op, arith::Arithmetic arithmetic,
                          tflite::ActivationFunctionType activation =
                              tflite::ActivationFunctionType::NONE,
                          int64_t output_zero_point = 0) {
    const bool depthwise = op == BuiltinOperator::DEPTHWISE_CONV_2D;
    testing::OpBuilder b;
    const int in = b.input({1, 2, 2, 1}, ElementType::kInt8);
    set_quant(b.at(in), {1.0f}, {1});
    const int filter =
        depthwise ? b.constant({1, 2, 2, 2}, std::vector<int8_t>{1, 1, 1, 0, 1, 0, 1, -1})
                  : b.constant({2, 2, 2, 1}, std::vector<int8_t>{1, 1, 1, 1, 1, 0, 0, -1});
    set_quant(b.at(filter), {0.5f, 0.25f}, {0, 0}, depthwise ? 3 : 0);
    const int bias = b.constant({2}, std::vector<int32_t>{3, 8});
    const int out = b.output({1, 2, 2, 2}, ElementType::kInt8);
    set_quant(b.at(out), {1.0f}, {output_zero_point});
    if (depthwise) {
      tflite::DepthwiseConv2DOptionsT o;
      o.padding = tflite::Padding::SAME;
      o.stride_h = o.stride_w = 1;
      o.depth_multiplier = 2;
      o.fused_activation_function = activation;
      b.op(op, {in, filter, bias}, {out}, o);
    } else {
      tflite::Conv2DOptionsT o;
      o.padding = tflite::Padding::SAME;
      o.stride_h = o.stride_w = 1;
      o.fused_activation_function = activation;
      b.op(op, {in, filter, bias}, {out}, o);
    }
    rt::InterpreterOptions options = this->options();
    options.arithmetic = arithmetic;
    OpRun r(b, options);
    r.in(0, kInput).invoke();
    EXPECT_EQ(r.shape(), (Shape{1, 2, 2, 2}));
    return r.out<int8_t>();
  }
};

TEST_P(ConvolutionInt8Test, Conv2DPerChannelBothArithmetics) {
  EXPECT_EQ(run(BuiltinOperator::CONV_2D, arith::Arithmetic::kRuntime), kRuntime);
  EXPECT_EQ(run(BuiltinOperator::CONV_2D, arith::Arithmetic::kTfliteReference), kReference);
}

TEST_P(ConvolutionInt8Test, DepthwisePerChannelBothArithmetics) {
  EXPECT_EQ(run(BuiltinOperator::DEPTHWISE_CONV_2D, arith::Arithmetic::kRuntime), kRuntime);
  EXPECT_EQ(run(BuiltinOperator::DEPTHWISE_CONV_2D, arith::Arithmetic::kTfliteReference),
            kReference);
}

TEST_P(ConvolutionInt8Test, ReluNOneToOneClampsInTheQuantizedDomain) {
  // Output zero point -2, scale 1: bounds -1 -> -3 and 1 -> -1 (no ties); values 6 4 5 4 | 1 2 3 3
  // minus 2 are all above -1.
  for (BuiltinOperator op : {BuiltinOperator::CONV_2D, BuiltinOperator::DEPTHWISE_CONV_2D})
    EXPECT_EQ(run(op, arith::Arithmetic::kRuntime, tflite::ActivationFunctionType::RELU_N1_TO_1, -2),
              std::vector<int8_t>(8, -1));
}

TEST_P(ConvolutionInt8Test, Relu6ClampsAtTheQuantizedSix) {
  // Output zero point -1: the upper bound is 6 - 1 = 5; 6 -> 5.
  std::vector<int8_t> expected;
  for (int8_t v : kRuntime) expected.push_back(static_cast<int8_t>(std::min(v - 1, 5)));
  EXPECT_EQ(run(BuiltinOperator::CONV_2D, arith::Arithmetic::kRuntime,
                tflite::ActivationFunctionType::RELU6, -1),
            expected);
}

TEST_P(ConvolutionInt8Test, RejectsPerChannelScalesOnTheWrongAxis) {
  testing::OpBuilder b;
  const int in = b.input({1, 2, 2, 2}, ElementType::kInt8);
  set_quant(b.at(in), {1.0f}, {0});
  const int filter = b.constant({1, 1, 1, 2}, std::vector<int8_t>{1, 1});
  set_quant(b.at(filter), {0.5f, 0.25f}, {0, 0}, 0);  // depthwise scales belong on axis 3
  const int out = b.output({1, 2, 2, 2}, ElementType::kInt8);
  set_quant(b.at(out), {1.0f}, {0});
  tflite::DepthwiseConv2DOptionsT o;  // valid but for the scales' axis
  o.stride_h = o.stride_w = o.depth_multiplier = 1;
  b.op(BuiltinOperator::DEPTHWISE_CONV_2D, {in, filter}, {out}, o);
  testing::expect_error(b, {"op 0 (DEPTHWISE_CONV_2D)", "filter 't1'"}, options());
}

TEST_P(ConvolutionInt8Test, RejectsPerChannelOutputs) {
  testing::OpBuilder b;
  const int in = b.input({1, 1, 1, 2}, ElementType::kInt8);
  set_quant(b.at(in), {1.0f}, {0});
  const int filter = b.constant({2, 1, 1, 2}, std::vector<int8_t>{1, 1, 1, 1});
  set_quant(b.at(filter), {0.5f}, {0});
  const int out = b.output({1, 1, 1, 2}, ElementType::kInt8);
  set_quant(b.at(out), {1.0f, 2.0f}, {0, 0}, 3);
  tflite::Conv2DOptionsT o;  // valid but for the output's scales
  o.stride_h = o.stride_w = 1;
  b.op(BuiltinOperator::CONV_2D, {in, filter}, {out}, o);
  testing::expect_error(b, {"op 0 (CONV_2D)", "output 't2'", "per-tensor"}, options());
}

LQ_INSTANTIATE_KERNEL_TEST(ConvolutionInt8Test);

}  // namespace
}  // namespace lq
