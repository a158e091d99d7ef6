// 16x8 kernels (int16 activations with zero point 0, int8 weights, int64 bias) under both
// arithmetics, on values worked out by hand, and the errors their prepare() gives on parameters
// outside the spec's 16x8 section.
#include "arith/fixed_point_int16.h"
#include "kernels/kernel_test_util.h"
#include "kernels/reference/quantized_int16.h"

namespace lq {
namespace {

using testing::OpBuilder;
using testing::OpRun;
using testing::set_quant;
using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;
using Arith = arith::Arithmetic;

void set_scale(ir::Tensor& tensor, float scale) { set_quant(tensor, {scale}, {0}); }

rt::InterpreterOptions with(rt::InterpreterOptions options, Arith arithmetic) {
  options.arithmetic = arithmetic;
  return options;
}

class Int16KernelTest : public testing::KernelTest {};

// ---- FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D.

// input [n, 1] (scale 1) times weights [units, 1] of 1 plus an int64 bias: each output is one
// accumulator x + bias scaled by M = weight_scale[u] (output scale 1).
OpBuilder fully_connected(int32_t n, std::vector<float> weight_scales, std::vector<int64_t> bias,
                          ActivationFunctionType activation = ActivationFunctionType::NONE,
                          float output_scale = 1.0f) {
  const int32_t units = static_cast<int32_t>(weight_scales.size());
  OpBuilder b;
  const int in = b.input({n, 1}, ElementType::kInt16);
  set_scale(b.at(in), 1.0f);
  const int w = b.constant({units, 1}, std::vector<int8_t>(static_cast<size_t>(units), 1));
  set_quant(b.at(w), weight_scales, std::vector<int64_t>(weight_scales.size(), 0));
  const int bias_index = b.constant({units}, bias);
  const int out = b.output({n, units}, ElementType::kInt16);
  set_scale(b.at(out), output_scale);
  tflite::FullyConnectedOptionsT options;
  options.fused_activation_function = activation;
  b.op(BuiltinOperator::FULLY_CONNECTED, {in, w, bias_index}, {out}, options);
  return b;
}

TEST_P(Int16KernelTest, FullyConnectedTiesGoAwayFromZeroUnderRuntime) {
  // M = 0.5 on x = 1 -1 3 -3 5 -5: 0.5 -0.5 1.5 -1.5 2.5 -2.5.
  OpBuilder b = fully_connected(6, {0.5f}, {0});
  const std::vector<int16_t> x = {1, -1, 3, -3, 5, -5};
  EXPECT_EQ(OpRun(b, with(options(), Arith::kRuntime)).in(0, x).invoke().out<int16_t>(),
            (std::vector<int16_t>{1, -1, 2, -2, 3, -3}));
  // TFLite's reference: (x * 2^14 + 2^14) >> 15, ties toward +infinity.
  EXPECT_EQ(OpRun(b, with(options(), Arith::kTfliteReference)).in(0, x).invoke().out<int16_t>(),
            (std::vector<int16_t>{1, 0, 2, -1, 3, -2}));
}

TEST_P(Int16KernelTest, FullyConnectedReferenceReducesTheMultiplierTo16Bits) {
  // M = f32(1.666e-5) = 1172343296 * 2^-46. acc = 1800720260 (the bias) is 29999.99999 exactly:
  // the full Q31 multiplier gives 30000; reduced to (1172343296 + 2^15) >> 16 = 17889 it gives
  // 1800720260 * 17889 / 2^30 = 30000.5..., rounded to 30001 (and 1800720260 - 32768 to 29999 and
  // 30000). Accumulators beyond int32 are kept: 2 * 1800720260 gives 60000, clamped to 32767.
  OpBuilder b = fully_connected(2, {1.666e-5f}, {1800720260});
  const std::vector<int16_t> x = {0, -32768};
  EXPECT_EQ(OpRun(b, with(options(), Arith::kRuntime)).in(0, x).invoke().out<int16_t>(),
            (std::vector<int16_t>{30000, 29999}));
  EXPECT_EQ(OpRun(b, with(options(), Arith::kTfliteReference)).in(0, x).invoke().out<int16_t>(),
            (std::vector<int16_t>{30001, 30000}));
  OpBuilder twice = fully_connected(1, {1.666e-5f}, {int64_t{2} * 1800720260});
  EXPECT_EQ(OpRun(twice, options()).in(0, std::vector<int16_t>{0}).invoke().out<int16_t>(),
            (std::vector<int16_t>{32767}));
}

TEST_P(Int16KernelTest, FullyConnectedRelu6BoundRoundsAwayFromZero) {
  // Output scale 0.4: 6 / 0.4 = 15 (TFLite: round(15.0000...) in float). Inputs 20 -> 50 -> 15;
  // -20 -> 0 (RELU's lower bound, the zero point).
  OpBuilder b = fully_connected(3, {1.0f}, {0}, ActivationFunctionType::RELU6, 0.4f);
  EXPECT_EQ(OpRun(b, options()).in(0, std::vector<int16_t>{20, -20, 4}).invoke().out<int16_t>(),
            (std::vector<int16_t>{15, 0, 10}));
}

TEST_P(Int16KernelTest, FullyConnectedWithoutBias) {
  // x [2, 3] . w [1, 3] = {1, 2, -3} (scales 1): 1 + 4 - 9 = -4 and -3 + 0 + 30 = 27.
  OpBuilder b;
  const int in = b.input({2, 3}, ElementType::kInt16);
  set_scale(b.at(in), 1.0f);
  const int w = b.constant({1, 3}, std::vector<int8_t>{1, 2, -3});
  set_scale(b.at(w), 1.0f);
  const int out = b.output({2, 1}, ElementType::kInt16);
  set_scale(b.at(out), 1.0f);
  b.op(BuiltinOperator::FULLY_CONNECTED, {in, w, -1}, {out}, tflite::FullyConnectedOptionsT{});
  EXPECT_EQ(
      OpRun(b, options()).in(0, std::vector<int16_t>{1, 2, 3, -3, 0, -10}).invoke().out<int16_t>(),
      (std::vector<int16_t>{-4, 27}));
}

// 1x1 CONV_2D, one input channel, output channels with weight 1 and the given scales.
OpBuilder conv_1x1(const Shape& input, std::vector<float> weight_scales,
                   std::vector<int64_t> bias) {
  const int32_t channels = static_cast<int32_t>(weight_scales.size());
  OpBuilder b;
  const int in = b.input(input, ElementType::kInt16);
  set_scale(b.at(in), 1.0f);
  const int w =
      b.constant({channels, 1, 1, 1}, std::vector<int8_t>(static_cast<size_t>(channels), 1));
  set_quant(b.at(w), weight_scales, std::vector<int64_t>(weight_scales.size(), 0));
  const int bias_index = b.constant({channels}, bias);
  const int out = b.output({}, ElementType::kInt16);
  set_scale(b.at(out), 1.0f);
  tflite::Conv2DOptionsT options;
  options.padding = tflite::Padding::VALID;
  options.stride_h = options.stride_w = 1;
  b.op(BuiltinOperator::CONV_2D, {in, w, bias_index}, {out}, options);
  return b;
}

TEST_P(Int16KernelTest, ConvRoundsTiesTowardPlusInfinityUnderBothArithmetics) {
  // Channel 0: M = 0.5, (x * 2^14 + 2^14) >> 15; channel 1: M = 0.25 (Q31 2^30, shift -1),
  // (x * 2^14 + 2^15) >> 16. x = 1 -1 3 -3 -> 1 0 2 -1 and 0 0 1 -1 (0.75 -> 1, -0.75 -> -1).
  OpBuilder b = conv_1x1({1, 2, 2, 1}, {0.5f, 0.25f}, {0, 0});
  const std::vector<int16_t> x = {1, -1, 3, -3};
  const std::vector<int16_t> expected = {1, 0, 0, 0, 2, 1, -1, -1};
  for (Arith a : {Arith::kRuntime, Arith::kTfliteReference}) {
    OpRun r(b, with(options(), a));
    EXPECT_EQ(r.in(0, x).invoke().out<int16_t>(), expected);
    EXPECT_EQ(r.shape(), (Shape{1, 2, 2, 2}));
  }
}

TEST_P(Int16KernelTest, ConvReducesTheMultiplierTo16BitsUnderBothArithmetics) {
  // As FullyConnectedReferenceReducesTheMultiplierTo16Bits: LiteRT.js's CONV_2D 16x8 is TFLite's.
  OpBuilder b = conv_1x1({1, 1, 1, 1}, {1.666e-5f}, {-1800720260});
  for (Arith a : {Arith::kRuntime, Arith::kTfliteReference})
    EXPECT_EQ(OpRun(b, with(options(), a)).in(0, std::vector<int16_t>{0}).invoke().out<int16_t>(),
              (std::vector<int16_t>{-30001}));
}

TEST_P(Int16KernelTest, DepthwiseWithMultiplierTwo) {
  // One input channel 5 (scale 1), filter [1, 1, 1, 2] = {1, -1} of scale 0.5, biases {0, 2}:
  // 2.5 -> 3 and (-5 + 2) * 0.5 = -1.5 -> -1 (ties toward +infinity).
  OpBuilder b;
  const int in = b.input({1, 1, 1, 1}, ElementType::kInt16);
  set_scale(b.at(in), 1.0f);
  const int w = b.constant({1, 1, 1, 2}, std::vector<int8_t>{1, -1});
  set_quant(b.at(w), {0.5f, 0.5f}, {0, 0}, 3);
  const int bias = b.constant({2}, std::vector<int64_t>{0, 2});
  const int out = b.output({}, ElementType::kInt16);
  set_scale(b.at(out), 1.0f);
  tflite::DepthwiseConv2DOptionsT o;
  o.padding = tflite::Padding::VALID;
  o.stride_h = o.stride_w = 1;
  o.depth_multiplier = 2;
  b.op(BuiltinOperator::DEPTHWISE_CONV_2D, {in, w, bias}, {out}, o);
  EXPECT_EQ(OpRun(b, options()).in(0, std::vector<int16_t>{5}).invoke().out<int16_t>(),
            (std::vector<int16_t>{3, -1}));
}

TEST_P(Int16KernelTest, AffineOpsRejectParametersOutsideThe16x8Spec) {
  {  // An int16 input with a zero point.
    OpBuilder b = fully_connected(1, {1.0f}, {0});
    set_quant(b.at(0), {1.0f}, {3});
    testing::expect_error(b, {"FULLY_CONNECTED", "input 't0'", "zero point 3", "expected 0"},
                          options());
  }
  {  // An int32 bias.
    OpBuilder b = conv_1x1({1, 1, 1, 1}, {1.0f}, {0});
    b.at(2).type = ElementType::kInt32;
    b.at(2).data.resize(4);
    testing::expect_error(b, {"CONV_2D", "bias 't2'", "int32", "expected int64"}, options());
  }
  {  // Asymmetric weights.
    OpBuilder b = conv_1x1({1, 1, 1, 1}, {1.0f}, {0});
    set_quant(b.at(1), {1.0f}, {2});
    testing::expect_error(b, {"CONV_2D", "filter 't1'", "zero point 2", "symmetric"}, options());
  }
  {  // An output quantized per axis.
    OpBuilder b = fully_connected(1, {1.0f}, {0});
    set_quant(b.at(3), {1.0f, 1.0f}, {0, 0});
    testing::expect_error(b, {"FULLY_CONNECTED", "output 't3'", "2 scales", "expected one"},
                          options());
  }
  {  // An int8 output behind an int16 input.
    OpBuilder b = fully_connected(1, {1.0f}, {0});
    b.at(3).type = ElementType::kInt8;
    testing::expect_error(b, {"FULLY_CONNECTED", "output 't3'", "int8", "expected int16"},
                          options());
  }
}

// ---- ADD, SUB, MUL.

template <class Options>
OpBuilder binary(BuiltinOperator op, const Shape& a_shape, float a_scale, const Shape& b_shape,
                 float b_scale, float out_scale, const Options* options) {
  OpBuilder b;
  const int a = b.input(a_shape, ElementType::kInt16);
  set_scale(b.at(a), a_scale);
  const int c = b.input(b_shape, ElementType::kInt16);
  set_scale(b.at(c), b_scale);
  const int out = b.output({}, ElementType::kInt16);
  set_scale(b.at(out), out_scale);
  if (options)
    b.op(op, {a, c}, {out}, *options);
  else
    b.op(op, {a, c}, {out});
  return b;
}

std::vector<int16_t> run2(OpBuilder& b, rt::InterpreterOptions options, std::vector<int16_t> x,
                          std::vector<int16_t> y) {
  return OpRun(b, options).in(0, x).in(1, y).invoke().out<int16_t>();
}

TEST_P(Int16KernelTest, AddTakesThePowerOfTwoPathOnlyWhenTheOptionsSaySo) {
  // a scale 2^-10, b and output 2^-8: a / 4 + b. The power-of-two path rounds a / 4 first (half
  // away from zero), the general one rounds the sum: a = 2, b = -1 is 1 - 1 = 0 or -0.5 -> -1.
  // 6 / 4 = 1.5 -> 2 both ways; 4 / 4 + 32767 saturates.
  const std::vector<int16_t> a = {6, -6, 2, 4}, b_values = {0, 0, -1, 32767};
  tflite::AddOptionsT pot;
  pot.pot_scale_int16 = true;
  tflite::AddOptionsT general;
  general.pot_scale_int16 = false;
  const float s10 = 0x1.0p-10f, s8 = 0x1.0p-8f;
  OpBuilder with_pot = binary(BuiltinOperator::ADD, {4}, s10, {4}, s8, s8, &pot);
  OpBuilder with_general = binary(BuiltinOperator::ADD, {4}, s10, {4}, s8, s8, &general);
  OpBuilder without =
      binary<tflite::AddOptionsT>(BuiltinOperator::ADD, {4}, s10, {4}, s8, s8, nullptr);
  for (Arith arithmetic : {Arith::kRuntime, Arith::kTfliteReference}) {
    const rt::InterpreterOptions o = with(options(), arithmetic);
    EXPECT_EQ(run2(with_pot, o, a, b_values), (std::vector<int16_t>{2, -2, 0, 32767}));
    EXPECT_EQ(run2(with_general, o, a, b_values), (std::vector<int16_t>{2, -2, -1, 32767}));
    // A file without an options table reads as pot_scale_int16 false.
    EXPECT_EQ(run2(without, o, a, b_values), (std::vector<int16_t>{2, -2, -1, 32767}));
  }
}

TEST_P(Int16KernelTest, SubPowerOfTwoSubtractsAndSaturates) {
  // a and output 2^-8, b 2^-10: a - round(b / 4): 0 - 1.5 -> -2, 0 + 1.5 -> 2, 5 - 0.5 -> 4;
  // -32768 - 1 saturates. The power-of-two SUB broadcasts.
  tflite::SubOptionsT pot;
  pot.pot_scale_int16 = true;
  OpBuilder b = binary(BuiltinOperator::SUB, {4}, 0x1.0p-8f, {4}, 0x1.0p-10f, 0x1.0p-8f, &pot);
  EXPECT_EQ(run2(b, options(), {0, 0, 5, -32768}, {6, -6, 2, 4}),
            (std::vector<int16_t>{-2, 2, 4, -32768}));
  OpBuilder broadcast =
      binary(BuiltinOperator::SUB, {2, 1}, 0x1.0p-8f, {2}, 0x1.0p-10f, 0x1.0p-8f, &pot);
  EXPECT_EQ(run2(broadcast, options(), {10, 20}, {4, 8}), (std::vector<int16_t>{9, 8, 19, 18}));
}

TEST_P(Int16KernelTest, AddRejectsWhatTflitesPowerOfTwoPathCannotRun) {
  tflite::AddOptionsT pot;
  pot.pot_scale_int16 = true;
  OpBuilder broadcast =
      binary(BuiltinOperator::ADD, {2, 1}, 0x1.0p-8f, {2}, 0x1.0p-8f, 0x1.0p-8f, &pot);
  testing::expect_error(broadcast, {"ADD", "2x1", "does not broadcast"}, options());
  // An input scale above the output's.
  OpBuilder larger = binary(BuiltinOperator::ADD, {2}, 0x1.0p-7f, {2}, 0x1.0p-8f, 0x1.0p-8f, &pot);
  testing::expect_error(larger, {"ADD", "power-of-two", "2^-7"}, options());
  // Zero points other than 0.
  OpBuilder zero_point = binary(BuiltinOperator::ADD, {2}, 1.0f, {2}, 1.0f, 1.0f, &pot);
  set_quant(zero_point.at(1), {1.0f}, {-4});
  testing::expect_error(zero_point, {"ADD", "input 't1'", "zero point -4", "expected 0"},
                        options());
}

TEST_P(Int16KernelTest, MulRoundsTwice) {
  // M = 0.5 * 0.25 / 1 = 0.125 (Q31 2^30, shift -2): a doubling high multiply (x / 2, ties up),
  // then a rounding shift by 2 (ties away from zero). 12 -> 6 -> 1.5 -> 2; -12 -> -2; 1 -> 0.5 ->
  // 1 -> 0.25 -> 0; 6 -> 3 -> 0.75 -> 1; 5 * 1 = 5 -> 2.5 -> 3 -> 0.75 -> 1 (one rounding of
  // 0.625 also gives 1); 400 * 0.125 = 50.
  tflite::MulOptionsT o;
  OpBuilder b = binary(BuiltinOperator::MUL, {6}, 0.5f, {6}, 0.25f, 1.0f, &o);
  for (Arith arithmetic : {Arith::kRuntime, Arith::kTfliteReference})
    EXPECT_EQ(run2(b, with(options(), arithmetic), {3, -3, 1, 6, 5, 100}, {4, 4, 1, 1, 1, 4}),
              (std::vector<int16_t>{2, -2, 0, 1, 1, 50}));
}

// ---- MAX_POOL_2D, AVERAGE_POOL_2D, MEAN.

OpBuilder pool(BuiltinOperator op, float in_scale, float out_scale, ActivationFunctionType act) {
  OpBuilder b;
  const int in = b.input({1, 2, 4, 1}, ElementType::kInt16);
  set_scale(b.at(in), in_scale);
  const int out = b.output({}, ElementType::kInt16);
  set_scale(b.at(out), out_scale);
  tflite::Pool2DOptionsT o;
  o.padding = tflite::Padding::VALID;
  o.stride_h = o.stride_w = 2;
  o.filter_height = o.filter_width = 2;
  o.fused_activation_function = act;
  b.op(op, {in}, {out}, o);
  return b;
}

TEST_P(Int16KernelTest, PoolsAverageRoundingAwayFromZeroAndClampTheActivation) {
  // Windows {1, 2, 3, 4} and {-1, -2, -3, -4} (NHWC rows 1 2 -1 -2 / 3 4 -3 -4).
  const std::vector<int16_t> x = {1, 2, -1, -2, 3, 4, -3, -4};
  OpBuilder average =
      pool(BuiltinOperator::AVERAGE_POOL_2D, 0.5f, 0.5f, ActivationFunctionType::NONE);
  EXPECT_EQ(OpRun(average, options()).in(0, x).invoke().out<int16_t>(),
            (std::vector<int16_t>{3, -3}));  // 2.5 -> 3, -2.5 -> -3
  // RELU_N1_TO_1 at scale 0.5: [-2, 2].
  OpBuilder max =
      pool(BuiltinOperator::MAX_POOL_2D, 0.5f, 0.5f, ActivationFunctionType::RELU_N1_TO_1);
  EXPECT_EQ(OpRun(max, options()).in(0, x).invoke().out<int16_t>(), (std::vector<int16_t>{2, -1}));
  OpBuilder rescaled =
      pool(BuiltinOperator::MAX_POOL_2D, 0.5f, 0.25f, ActivationFunctionType::NONE);
  testing::expect_error(rescaled, {"MAX_POOL_2D", "scale 0.25", "does not requantize"}, options());
}

TEST_P(Int16KernelTest, MeanFoldsTheCountIntoTheMultiplierAndRoundsTwice) {
  // n = 4, si / so = 1: M / n = 2^30 * 2^-32. Sums 10 -> 5 -> 2.5 -> 3; -10 -> -3; 5 -> 3 (the
  // doubling high multiply rounds 2.5 up) -> 1.5 -> 2, where one rounding of 1.25 gives 1.
  OpBuilder b;
  const int in = b.input({3, 4}, ElementType::kInt16);
  set_scale(b.at(in), 0.01f);
  const int axes = b.constant({1}, std::vector<int32_t>{1});
  const int out = b.output({}, ElementType::kInt16);
  set_scale(b.at(out), 0.01f);
  tflite::ReducerOptionsT o;
  b.op(BuiltinOperator::MEAN, {in, axes}, {out}, o);
  const std::vector<int16_t> x = {1, 2, 3, 4, -1, -2, -3, -4, 1, 1, 1, 2};
  EXPECT_EQ(OpRun(b, options()).in(0, x).invoke().out<int16_t>(), (std::vector<int16_t>{3, -3, 2}));
}

// ---- LOGISTIC, TANH.

TEST(Int16SigmoidTable, EntriesAreSigmoidLoweredByHalfTheInterpolationError) {
  // 65536 sigmoid(i/24) - 65536 / (16 * 24^2) * sigmoid''(i/24), rounded: i = 1: 33450.57 + 0.003;
  // i = 28: 49973.95 + 0.68 -> 49975 (plain rounding gives 49974); the end is saturated.
  const std::array<uint16_t, 256>& t = ref::sigmoid_table_q16();
  EXPECT_EQ(t[0], 32768);
  EXPECT_EQ(t[1], 33451);
  EXPECT_EQ(t[28], 49975);
  EXPECT_EQ(t[254], 65534);
  EXPECT_EQ(t[255], 65535);
}

OpBuilder sigmoid(BuiltinOperator op, float input_scale, float output_scale = 0x1.0p-15f) {
  OpBuilder b;
  const int in = b.input({5}, ElementType::kInt16);
  set_scale(b.at(in), input_scale);
  const int out = b.output({5}, ElementType::kInt16);
  set_scale(b.at(out), output_scale);
  b.op(op, {in}, {out});
  return b;
}

TEST_P(Int16KernelTest, LogisticAndTanhInterpolateTheTable) {
  // Input scale 2^-12 (x * 3, 2^9 steps per entry): 0 -> 0.5 = 16384; 512 -> entry 3 exactly,
  // (34813 * 2^9 + 2^9) >> 10 = 17407, and -512 its complement 15361; +-32767 are +-8.0 (inside
  // the table's 10.6): 32768 sigmoid(8) = 32757.0 and 11.0. TANH reads entry 6 for 512 (2^8 steps):
  // 2 * 36843 / 65536 - 1 = 4075 / 32768 (4075.5 and -4074.5 rounded down), and +-16.0 are beyond
  // the table: saturated to +-32767.
  const std::vector<int16_t> x = {0, 512, -512, 32767, -32767};
  const rt::InterpreterOptions reference = with(options(), Arith::kTfliteReference);
  OpBuilder logistic = sigmoid(BuiltinOperator::LOGISTIC, 0x1.0p-12f);
  EXPECT_EQ(OpRun(logistic, reference).in(0, x).invoke().out<int16_t>(),
            (std::vector<int16_t>{16384, 17407, 15361, 32757, 11}));
  OpBuilder tanh = sigmoid(BuiltinOperator::TANH, 0x1.0p-12f);
  EXPECT_EQ(OpRun(tanh, reference).in(0, x).invoke().out<int16_t>(),
            (std::vector<int16_t>{0, 4075, -4075, 32767, -32767}));
}

TEST_P(Int16KernelTest, LogisticAndTanhTakeTheFixedPointPathAtPowerOfTwoScalesUnderRuntime) {
  // The same inputs under runtime arithmetic: the fixed-point path, whose values differ from the
  // table's (17408 vs 17407 for logistic(0.125)); at 2^-11 TANH doubles its input (saturating), so
  // 32767 reads as 8.0 as at 2^-12.
  const std::vector<int16_t> x = {0, 512, -512, 32767, -32767};
  const rt::InterpreterOptions runtime = with(options(), Arith::kRuntime);
  OpBuilder logistic = sigmoid(BuiltinOperator::LOGISTIC, 0x1.0p-12f);
  const std::vector<int16_t> y = OpRun(logistic, runtime).in(0, x).invoke().out<int16_t>();
  for (size_t i = 0; i < x.size(); ++i)
    EXPECT_EQ(y[i], arith::logistic_q3_12(x[i])) << x[i];
  OpBuilder tanh = sigmoid(BuiltinOperator::TANH, 0x1.0p-11f);
  const std::vector<int16_t> t = OpRun(tanh, runtime).in(0, x).invoke().out<int16_t>();
  EXPECT_EQ(t[0], 0);
  EXPECT_EQ(t[1], arith::tanh_q3_12(1024));
  EXPECT_EQ(t[3], arith::tanh_q3_12(32767));
  EXPECT_EQ(t[4], arith::tanh_q3_12(-32768));
}

TEST_P(Int16KernelTest, LogisticAndTanhRejectWhatTheyCannotRun) {
  OpBuilder output = sigmoid(BuiltinOperator::LOGISTIC, 0.001f, 0.001f);
  testing::expect_error(output, {"LOGISTIC", "output 't1'", "expected 1/32768"}, options());
}

// ---- RELU, RELU6, LEAKY_RELU.

OpBuilder unary(BuiltinOperator op, float in_scale, float out_scale, float alpha = 0.0f) {
  OpBuilder b;
  const int in = b.input({0}, ElementType::kInt16);
  set_scale(b.at(in), in_scale);
  const int out = b.output({}, ElementType::kInt16);
  set_scale(b.at(out), out_scale);
  if (op != BuiltinOperator::LEAKY_RELU) {
    b.op(op, {in}, {out});
    return b;
  }
  tflite::LeakyReluOptionsT o;
  o.alpha = alpha;
  b.op(op, {in}, {out}, o);
  return b;
}

std::vector<int16_t> run1(OpBuilder& b, rt::InterpreterOptions options, std::vector<int16_t> x) {
  b.at(0).shape = {static_cast<int32_t>(x.size())};
  return OpRun(b, options).in(0, x).invoke().out<int16_t>();
}

TEST_P(Int16KernelTest, ReluRequantizesAndRoundsItsBoundAwayFromZero) {
  // Scale ratio 1/2: 1 -> 0.5 -> 1, 3 -> 1.5 -> 2, 32767 -> 16383.5 -> 16384.
  OpBuilder relu = unary(BuiltinOperator::RELU, 2.0f, 4.0f);
  EXPECT_EQ(run1(relu, options(), {-3, -1, 1, 3, 5, 32767}),
            (std::vector<int16_t>{0, 0, 1, 2, 3, 16384}));
  // RELU6 at output scale 4: the bound 6 / 4 = 1.5 rounds to 2.
  OpBuilder relu6 = unary(BuiltinOperator::RELU6, 2.0f, 4.0f);
  EXPECT_EQ(run1(relu6, options(), {-4, 1, 3, 5, 100}), (std::vector<int16_t>{0, 1, 2, 2, 2}));
  // A bound beyond the int16 range leaves the int16 limit.
  OpBuilder wide = unary(BuiltinOperator::RELU6, 0.001f, 0.0001f);
  EXPECT_EQ(run1(wide, options(), {-5, 1000, 32767}), (std::vector<int16_t>{0, 10000, 32767}));
}

TEST_P(Int16KernelTest, LeakyReluScalesTheNegativeSideAndRoundsTwice) {
  // alpha 1/4, equal scales: -6 -> -3 (doubling high multiply) -> -1.5 -> -2 (away from zero; one
  // rounding gives -1); -2 -> -1 -> -0.5 -> -1; -1 -> -0.5 -> 0 (ties toward +infinity) -> 0.
  OpBuilder b = unary(BuiltinOperator::LEAKY_RELU, 0.01f, 0.01f, 0.25f);
  EXPECT_EQ(run1(b, options(), {-6, -2, -1, 7, -32768, 32767}),
            (std::vector<int16_t>{-2, -1, 0, 7, -8192, 32767}));
  OpBuilder rescaled = unary(BuiltinOperator::LEAKY_RELU, 1.0f, 0.25f, 0.5f);
  EXPECT_EQ(run1(rescaled, options(), {10000, -10000, -20000}),
            (std::vector<int16_t>{32767, -20000, -32768}));
}

TEST_P(Int16KernelTest, ActivationsRejectAZeroPoint) {
  OpBuilder b = unary(BuiltinOperator::RELU, 1.0f, 1.0f);
  set_quant(b.at(1), {1.0f}, {5});
  testing::expect_error(b, {"RELU", "output 't1'", "zero point 5", "expected 0"}, options());
}

// ---- PAD, PADV2, RESIZE_BILINEAR, REDUCE_MAX.

TEST_P(Int16KernelTest, PadFillsZeroOrTheConstantValue) {
  for (const bool v2 : {false, true}) {
    OpBuilder b;
    const int in = b.input({1, 2}, ElementType::kInt16);
    set_scale(b.at(in), 0.5f);
    const int paddings = b.constant({2, 2}, std::vector<int32_t>{0, 0, 1, 2});
    std::vector<int32_t> ins = {in, paddings};
    if (v2) {
      ins.push_back(b.constant({}, std::vector<int16_t>{-7}));
      set_scale(b.at(ins.back()), 0.5f);
    }
    const int out = b.output({}, ElementType::kInt16);
    set_scale(b.at(out), 0.5f);
    b.op(v2 ? BuiltinOperator::PADV2 : BuiltinOperator::PAD, ins, {out});
    const int16_t p = v2 ? -7 : 0;
    EXPECT_EQ(OpRun(b, options()).in(0, std::vector<int16_t>{300, -300}).invoke().out<int16_t>(),
              (std::vector<int16_t>{p, 300, -300, p, p}));
    if (!v2) continue;
    set_scale(b.at(ins.back()), 0.25f);
    testing::expect_error(b, {"PADV2", "constant value", "scale 0.25", "expected the output's"},
                          options());
  }
}

OpBuilder resize_bilinear(int32_t width, bool half_pixel_centers, float out_scale = 1.0f) {
  OpBuilder b;
  const int in = b.input({1, 1, 2, 1}, ElementType::kInt16);
  set_scale(b.at(in), 1.0f);
  const int size = b.constant({2}, std::vector<int32_t>{1, width});
  const int out = b.output({}, ElementType::kInt16);
  set_scale(b.at(out), out_scale);
  tflite::ResizeBilinearOptionsT o;
  o.half_pixel_centers = half_pixel_centers;
  b.op(BuiltinOperator::RESIZE_BILINEAR, {in, size}, {out}, o);
  return b;
}

TEST_P(Int16KernelTest, ResizeBilinearUsesTenBitWeightsAndRoundsAwayFromZero) {
  // 2 -> 4 columns: scale 512 / 2^10; positions 0, 0.5, 1, 1.5 (the last clamped to column 1).
  OpBuilder plain = resize_bilinear(4, false);
  EXPECT_EQ(OpRun(plain, options()).in(0, std::vector<int16_t>{0, 1000}).invoke().out<int16_t>(),
            (std::vector<int16_t>{0, 500, 1000, 1000}));
  // Half-pixel centres: positions -0.25 (weight -256 on column 0 alone), 0.25, 0.75, 1.25:
  // -1002 * 0.25 = -250.5 -> -251 and -751.5 -> -752, half away from zero.
  OpBuilder half = resize_bilinear(4, true);
  EXPECT_EQ(OpRun(half, options()).in(0, std::vector<int16_t>{0, -1002}).invoke().out<int16_t>(),
            (std::vector<int16_t>{0, -251, -752, -1002}));
  OpBuilder rescaled = resize_bilinear(4, false, 2.0f);
  testing::expect_error(rescaled, {"RESIZE_BILINEAR", "scale 2", "does not requantize"},
                        options());
}

TEST_P(Int16KernelTest, ReduceMaxTakesTheLargestRawValue) {
  OpBuilder b;
  const int in = b.input({2, 3}, ElementType::kInt16);
  set_scale(b.at(in), 0.1f);
  const int axes = b.constant({1}, std::vector<int32_t>{1});
  const int out = b.output({}, ElementType::kInt16);
  set_scale(b.at(out), 0.1f);
  tflite::ReducerOptionsT o;
  b.op(BuiltinOperator::REDUCE_MAX, {in, axes}, {out}, o);
  const std::vector<int16_t> x = {-32768, -5, -32767, 7, 32767, -1};
  EXPECT_EQ(OpRun(b, options()).in(0, x).invoke().out<int16_t>(),
            (std::vector<int16_t>{-5, 32767}));
}

// ---- BATCH_MATMUL.

OpBuilder batch_matmul(ElementType rhs_type, float out_scale) {
  OpBuilder b;
  const int lhs = b.input({2, 2}, ElementType::kInt16);
  set_scale(b.at(lhs), 1.0f);
  const int rhs = b.input({2, 1}, rhs_type);
  set_scale(b.at(rhs), 1.0f);
  const int out = b.output({}, ElementType::kInt16);
  set_scale(b.at(out), out_scale);
  b.op(BuiltinOperator::BATCH_MATMUL, {lhs, rhs}, {out}, tflite::BatchMatMulOptionsT{});
  return b;
}

TEST_P(Int16KernelTest, BatchMatMulRoundsTiesUpAndWrapsBeyondInt32) {
  // Output scale 4: 6 -> 1.5 -> 2 and -6 -> -1.5 -> -1 (ties toward +infinity, one rounding).
  OpBuilder b = batch_matmul(ElementType::kInt16, 4.0f);
  EXPECT_EQ(run2(b, options(), {3, 3, -3, -3}, {1, 1}), (std::vector<int16_t>{2, -1}));
  // Output scale 2^-7: +-(2^24 + 1) * 2^7 = +-(2^31 + 128) keep their low 32 bits, as TFLite's
  // cast does: the signs flip (saturating would give -32768 and 32767).
  OpBuilder wide = batch_matmul(ElementType::kInt16, 0x1.0p-7f);
  EXPECT_EQ(run2(wide, options(), {-1024, -1, 1024, 1}, {16384, 1}),
            (std::vector<int16_t>{32767, -32768}));
  OpBuilder int8_rhs = batch_matmul(ElementType::kInt8, 1.0f);
  testing::expect_error(int8_rhs, {"BATCH_MATMUL", "rhs 't1'", "int8", "expected int16"},
                        options());
}

LQ_INSTANTIATE_KERNEL_TEST(Int16KernelTest);

}  // namespace
}  // namespace lq
