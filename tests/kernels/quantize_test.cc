// QUANTIZE (float32 -> int8/uint8/int16, per tensor and per axis) and DEQUANTIZE (float16,
// int8/uint8/int16 -> float32, per tensor and per axis).
#include <cmath>
#include <cstring>
#include <limits>

#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using testing::set_quant;
using tflite::BuiltinOperator;

class QuantizeTest : public testing::KernelTest {
 protected:
  // Quantizes x (shape [n] unless given) to `type` with the given parameters.
  template <class T>
  std::vector<T> quantize(const std::vector<float>& x, std::vector<float> scale,
                          std::vector<int64_t> zero_point, Shape shape = {}, int32_t axis = 0) {
    if (shape.empty()) shape = {static_cast<int32_t>(x.size())};
    testing::OpBuilder b;
    const int in = b.input(shape);
    const int out = b.output(shape, element_type_of<T>());
    set_quant(b.at(out), std::move(scale), std::move(zero_point), axis);
    b.op(BuiltinOperator::QUANTIZE, {in}, {out});
    // TFLite's rounding (half away from zero); the runtime's (XNNPACK, ties to even) is tested in
    // data_movement_int8_test.cc.
    rt::InterpreterOptions o = options();
    o.arithmetic = arith::Arithmetic::kTfliteReference;
    OpRun run(b, o);
    run.in(0, x).invoke();
    EXPECT_EQ(run.shape(), shape);
    return run.out<T>();
  }
  template <class T>
  std::vector<float> dequantize(const std::vector<T>& q, std::vector<float> scale,
                                std::vector<int64_t> zero_point, Shape shape = {},
                                int32_t axis = 0) {
    if (shape.empty()) shape = {static_cast<int32_t>(q.size())};
    testing::OpBuilder b;
    const int in = b.input(shape, element_type_of<T>());
    set_quant(b.at(in), std::move(scale), std::move(zero_point), axis);
    const int out = b.output(shape);
    b.op(BuiltinOperator::DEQUANTIZE, {in}, {out});
    OpRun run(b, options());
    run.in(0, q).invoke();
    EXPECT_EQ(run.shape(), shape);
    return run.out<float>();
  }
};

TEST_P(QuantizeTest, Int8RoundsTiesAwayFromZeroAndClamps) {
  // q = clamp(round(x / 0.5) + 10): 1.25 / 0.5 = 2.5 -> 3; -1.25 -> -2.5 -> -3; 0.2 -> 0.4 -> 0.
  EXPECT_EQ(quantize<int8_t>({1.25f, -1.25f, 0.2f, 0, 100, -100}, {0.5f}, {10}),
            (std::vector<int8_t>{13, 7, 10, 10, 127, -128}));
  // With scale 1 the inputs are the rounded values themselves.
  EXPECT_EQ(quantize<int8_t>({2.5f, -2.5f, 0.5f, -0.5f, 1.4999f, 3.5f}, {1}, {0}),
            (std::vector<int8_t>{3, -3, 1, -1, 1, 4}));
}

TEST_P(QuantizeTest, UInt8AndInt16) {
  // scale 2, zero point 128: 5 / 2 = 2.5 -> 3 -> 131; -5 -> -3 -> 125; 1 -> 0.5 -> 1 -> 129.
  EXPECT_EQ(quantize<uint8_t>({5, -5, 1, 1000, -1000}, {2}, {128}),
            (std::vector<uint8_t>{131, 125, 129, 255, 0}));
  // scale 0.25: 0.625 -> 2.5 -> 3; 10000 -> 40000 -> 32767.
  EXPECT_EQ(quantize<int16_t>({0.625f, -0.625f, 10000, -10000}, {0.25f}, {0}),
            (std::vector<int16_t>{3, -3, 32767, -32768}));
}

TEST_P(QuantizeTest, NanQuantizesToTheZeroPoint) {
  EXPECT_EQ(quantize<int8_t>({std::numeric_limits<float>::quiet_NaN()}, {0.5f}, {-7}),
            (std::vector<int8_t>{-7}));
}

TEST_P(QuantizeTest, PerAxisInt8) {
  // [2, 3], axis 1, scales [1, 0.5, 2]: column c is divided by scale[c] (zero points [0, 1, -1]).
  EXPECT_EQ(quantize<int8_t>({1, 1, 1, 3, -3, 5}, {1, 0.5f, 2}, {0, 1, -1}, {2, 3}, 1),
            (std::vector<int8_t>{1, 3, 0, 3, -5, 2}));
}

// int8 -> int8: x - zi times si / so, plus zo, clamped; XNNPACK's 8-bit fixed-point multiplier
// under kRuntime, TFLite's Q31 multiplier under kTfliteReference (both round x / 2 ties toward
// +infinity).
std::vector<int8_t> requantize(const std::vector<int8_t>& x, float in_scale, int64_t in_zero_point,
                               float out_scale, int64_t out_zero_point,
                               const rt::InterpreterOptions& options) {
  testing::OpBuilder b;
  const int in = b.input({static_cast<int32_t>(x.size())}, ElementType::kInt8);
  set_quant(b.at(in), {in_scale}, {in_zero_point});
  const int out = b.output({static_cast<int32_t>(x.size())}, ElementType::kInt8);
  set_quant(b.at(out), {out_scale}, {out_zero_point});
  b.op(BuiltinOperator::QUANTIZE, {in}, {out});
  OpRun run(b, options);
  run.in(0, x).invoke();
  return run.out<int8_t>();
}

TEST_P(QuantizeTest, RequantizeInt8HalvesWithTiesTowardPlusInfinity) {
  // (x - 2) / 2 = -1.5 -0.5 0.5 1.5 2.5 -65 62.5, plus 3.
  EXPECT_EQ(requantize({-1, 1, 3, 5, 7, -128, 127}, 0.25f, 2, 0.5f, 3, options()),
            (std::vector<int8_t>{2, 3, 4, 5, 6, -62, 66}));
}

TEST_P(QuantizeTest, RequantizeInt8MultiplierPrecisionFollowsTheArithmetic) {
  // (x + 127) / 3 = 84.67 and 43: XNNPACK's multiplier 85/256 gives 84.84 -> 84 for the first.
  rt::InterpreterOptions o = options();
  o.arithmetic = arith::Arithmetic::kRuntime;
  EXPECT_EQ(requantize({127, 2}, 0.1f, -127, 0.3f, 0, o), (std::vector<int8_t>{84, 43}));
  o.arithmetic = arith::Arithmetic::kTfliteReference;
  EXPECT_EQ(requantize({127, 2}, 0.1f, -127, 0.3f, 0, o), (std::vector<int8_t>{85, 43}));
}

TEST_P(QuantizeTest, RequantizeInt8ScalesUpAndClamps) {
  EXPECT_EQ(requantize({40, -40, 3, -3}, 1.0f, 0, 0.25f, 1, options()),
            (std::vector<int8_t>{127, -128, 13, -11}));
}

TEST_P(QuantizeTest, RequantizeToInt32IsNotSupported) {
  testing::OpBuilder b;
  const int in = b.input({2}, ElementType::kUInt8);
  set_quant(b.at(in), {0.5f}, {0});
  const int out = b.output({2}, ElementType::kInt32);
  set_quant(b.at(out), {0.25f}, {0});
  b.op(BuiltinOperator::QUANTIZE, {in}, {out});
  testing::expect_error(b, {"op 0 (QUANTIZE)", "is int32, expected int8, uint8 or int16"},
                        options());
}

TEST_P(QuantizeTest, MissingScaleNamesTheOp) {
  testing::OpBuilder b;
  const int in = b.input({2});
  const int out = b.output({2}, ElementType::kInt8);
  b.op(BuiltinOperator::QUANTIZE, {in}, {out});
  testing::expect_error(b, {"op 0 (QUANTIZE)", "has no quantization scale"}, options());

  testing::OpBuilder c;
  const int q = c.input({2}, ElementType::kUInt8);
  const int r = c.output({2});
  c.op(BuiltinOperator::DEQUANTIZE, {q}, {r});
  testing::expect_error(c, {"op 0 (DEQUANTIZE)", "has no quantization scale"}, options());
}

TEST_P(QuantizeTest, DequantizePerTensor) {
  // real = scale * (q - zero_point)
  EXPECT_EQ(dequantize<int8_t>({-128, -3, 0, 127}, {0.5f}, {-3}),
            (std::vector<float>{-62.5f, 0, 1.5f, 65}));
  EXPECT_EQ(dequantize<uint8_t>({0, 128, 255}, {0.25f}, {128}),
            (std::vector<float>{-32, 0, 31.75f}));
  EXPECT_EQ(dequantize<int16_t>({1024, -32768, 3}, {1.0f / 1024}, {0}),
            (std::vector<float>{1, -32, 3.0f / 1024}));
}

TEST_P(QuantizeTest, DequantizePerAxis) {
  // [2, 3, 2] holding 0..11, axis 1: element i is in channel (i / 2) % 3.
  // Channel scales [1, 0.5, 0.25], zero points [0, 1, -1].
  std::vector<int8_t> q(12);
  for (int i = 0; i < 12; ++i) q[static_cast<size_t>(i)] = static_cast<int8_t>(i);
  EXPECT_EQ(dequantize<int8_t>(q, {1, 0.5f, 0.25f}, {0, 1, -1}, {2, 3, 2}, 1),
            (std::vector<float>{0, 1, 0.5f, 1, 1.25f, 1.5f, 6, 7, 3.5f, 4, 2.75f, 3}));
  // Axis 0 of [2, 3], uint8, one zero point per channel.
  EXPECT_EQ(dequantize<uint8_t>({1, 2, 3, 1, 2, 3}, {1, 10}, {1, 2}, {2, 3}, 0),
            (std::vector<float>{0, 1, 2, -10, 0, 10}));
}

TEST_P(QuantizeTest, DequantizePerAxisScaleCountMustMatch) {
  testing::OpBuilder b;
  const int in = b.input({2, 3}, ElementType::kInt8);
  set_quant(b.at(in), {1, 2}, {0, 0}, 1);
  const int out = b.output({2, 3});
  b.op(BuiltinOperator::DEQUANTIZE, {in}, {out});
  testing::expect_error(b, {"op 0 (DEQUANTIZE)", "has 2 scales for quantized dimension 1"},
                        options());
}

TEST_P(QuantizeTest, DequantizeFloat16) {
  // A constant float16 tensor, as converters write for fp16 weights.
  const std::vector<uint16_t> bits{0x3C00, 0xC000, 0x7BFF, 0x0001, 0x3555, 0xFC00};
  testing::OpBuilder b;
  const int in = b.tensor({2, 3}, ElementType::kFloat16);
  b.at(in).data.resize(bits.size() * 2);
  std::memcpy(b.at(in).data.data(), bits.data(), b.at(in).data.size());
  const int out = b.output({2, 3});
  b.op(BuiltinOperator::DEQUANTIZE, {in}, {out});
  OpRun run(b, options());
  run.invoke();
  EXPECT_EQ(run.shape(), (Shape{2, 3}));
  EXPECT_EQ(run.out<float>(),
            (std::vector<float>{1, -2, 65504, std::ldexp(1.0f, -24), 1365.0f / 4096,
                                -std::numeric_limits<float>::infinity()}));
}

LQ_INSTANTIATE_KERNEL_TEST(QuantizeTest);

}  // namespace
}  // namespace lq
