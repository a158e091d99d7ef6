// int8 PAD / PADV2 and RESIZE_BILINEAR, and QUANTIZE between float32 and the integer types and
// between integer types: values worked out by hand under both arithmetics, and the checks of the
// quantization parameters (errors name the op and the tensor).
#include <optional>

#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using testing::set_quant;
using tflite::BuiltinOperator;

class DataMovementInt8Test : public testing::KernelTest {
 protected:
  rt::InterpreterOptions with(arith::Arithmetic arithmetic) const {
    rt::InterpreterOptions o = options();
    o.arithmetic = arithmetic;
    return o;
  }
};

// ---- PAD, PADV2.

struct PadModel {
  testing::OpBuilder b;
  int in = 0, out = 0;
};

// [2, 2] int8 input padded one row before and one column after.
void build_pad(PadModel& m, BuiltinOperator op, float out_scale, int64_t out_zero_point,
               std::optional<int8_t> value = {}, int64_t value_zero_point = -5) {
  m.in = m.b.input({2, 2}, ElementType::kInt8);
  set_quant(m.b.at(m.in), {0.5f}, {-5});
  std::vector<int32_t> ins = {m.in, m.b.constant<int32_t>({2, 2}, {1, 0, 0, 1})};
  if (value) {
    ins.push_back(m.b.constant<int8_t>({1}, {*value}));
    set_quant(m.b.at(ins.back()), {0.5f}, {value_zero_point});
  }
  m.out = m.b.output({}, ElementType::kInt8);
  set_quant(m.b.at(m.out), {out_scale}, {out_zero_point});
  m.b.op(op, ins, {m.out});
}

TEST_P(DataMovementInt8Test, PadFillsWithTheOutputZeroPoint) {
  PadModel m;
  build_pad(m, BuiltinOperator::PAD, 0.5f, -5);
  OpRun run(m.b, options());
  run.in(0, std::vector<int8_t>{1, -128, 127, 3}).invoke();
  EXPECT_EQ(run.shape(), (Shape{3, 3}));
  EXPECT_EQ(run.out<int8_t>(), (std::vector<int8_t>{-5, -5, -5, 1, -128, -5, 127, 3, -5}));
}

TEST_P(DataMovementInt8Test, PadV2FillsWithTheRawConstantValue) {
  PadModel m;
  build_pad(m, BuiltinOperator::PADV2, 0.5f, -5, int8_t{42});
  OpRun run(m.b, options());
  run.in(0, std::vector<int8_t>{1, 2, 3, 4}).invoke();
  EXPECT_EQ(run.out<int8_t>(), (std::vector<int8_t>{42, 42, 42, 1, 2, 42, 3, 4, 42}));
}

TEST_P(DataMovementInt8Test, PadRefusesToRequantize) {
  PadModel m;
  build_pad(m, BuiltinOperator::PAD, 0.25f, -5);
  testing::expect_error(m.b, {"op 0 (PAD)", "output 't2' has scale 0.25",
                              "expected the input's (0.5, -5): PAD does not requantize"},
                        options());
  PadModel v;
  build_pad(v, BuiltinOperator::PADV2, 0.5f, -5, int8_t{1}, 3);
  testing::expect_error(v.b, {"op 0 (PADV2)", "constant value 't2'", "zero point 3"}, options());
}

TEST_P(DataMovementInt8Test, PadNeedsPerTensorInt8) {
  PadModel m;
  build_pad(m, BuiltinOperator::PAD, 0.5f, -5);
  set_quant(m.b.at(m.out), {0.5f, 0.5f}, {-5, -5}, 1);
  testing::expect_error(m.b, {"op 0 (PAD)", "output 't2'", "expected one (per-tensor"}, options());
}

// ---- RESIZE_BILINEAR.

std::vector<int8_t> resize_row(const std::vector<int8_t>& row, int32_t width, bool half_pixel,
                               const rt::InterpreterOptions& options, float out_scale = 0.1f) {
  testing::OpBuilder b;
  const int in = b.input({1, 1, static_cast<int32_t>(row.size()), 1}, ElementType::kInt8);
  set_quant(b.at(in), {0.1f}, {0});
  const int size = b.constant<int32_t>({2}, {1, width});
  const int out = b.output({}, ElementType::kInt8);
  set_quant(b.at(out), {out_scale}, {0});
  tflite::ResizeBilinearOptionsT o;
  o.half_pixel_centers = half_pixel;
  b.op(BuiltinOperator::RESIZE_BILINEAR, {in, size}, {out}, o);
  OpRun run(b, options);
  run.in(0, row).invoke();
  EXPECT_EQ(run.shape(), (Shape{1, 1, width, 1}));
  return run.out<int8_t>();
}

TEST_P(DataMovementInt8Test, ResizeBilinearRoundsHalvesAsEachRuntime) {
  // Width 2 -> 4 (scale 1/2): sources 0, 0.5, 1, 1.5 (clamped to 1). The midpoint of 0 and -3 is
  // -1.5: XNNPACK's shift rounds it toward +infinity (-1), TFLite away from zero (-2); +1.5 -> 2.
  EXPECT_EQ(resize_row({0, -3}, 4, false, with(arith::Arithmetic::kRuntime)),
            (std::vector<int8_t>{0, -1, -3, -3}));
  EXPECT_EQ(resize_row({0, -3}, 4, false, with(arith::Arithmetic::kTfliteReference)),
            (std::vector<int8_t>{0, -2, -3, -3}));
  EXPECT_EQ(resize_row({0, 3}, 4, false, with(arith::Arithmetic::kTfliteReference)),
            (std::vector<int8_t>{0, 2, 3, 3}));
}

TEST_P(DataMovementInt8Test, ResizeBilinearHalfPixelCenters) {
  // Width 2 -> 4: sources -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1):
  // 0, 100 * 0.25 = 25, 75, 100 (XNNPACK's weights 512 and 1536 are exact).
  EXPECT_EQ(resize_row({0, 100}, 4, true, with(arith::Arithmetic::kRuntime)),
            (std::vector<int8_t>{0, 25, 75, 100}));
  EXPECT_EQ(resize_row({0, 100}, 4, true, with(arith::Arithmetic::kTfliteReference)),
            (std::vector<int8_t>{0, 25, 75, 100}));
}

TEST_P(DataMovementInt8Test, ResizeBilinearRefusesToRequantize) {
  testing::OpBuilder b;
  const int in = b.input({1, 2, 2, 1}, ElementType::kInt8);
  set_quant(b.at(in), {0.1f}, {0});
  const int size = b.constant<int32_t>({2}, {4, 4});
  const int out = b.output({}, ElementType::kInt8);
  set_quant(b.at(out), {0.2f}, {0});
  b.op(BuiltinOperator::RESIZE_BILINEAR, {in, size}, {out});
  testing::expect_error(b, {"op 0 (RESIZE_BILINEAR)", "output 't2' has scale 0.2",
                            "RESIZE_BILINEAR does not requantize"},
                        options());
}

TEST_P(DataMovementInt8Test, ResizeNearestNeighborCopiesRawPixels) {
  // Width 3 -> 5 (scale 0.6): sources floor(0, 0.6, 1.2, 1.8, 2.4) = 0, 0, 1, 1, 2.
  testing::OpBuilder b;
  const int in = b.input({1, 1, 3, 2}, ElementType::kInt8);
  set_quant(b.at(in), {0.1f}, {-128});
  const int size = b.constant<int32_t>({2}, {1, 5});
  const int out = b.output({}, ElementType::kInt8);
  set_quant(b.at(out), {0.1f}, {-128});
  b.op(BuiltinOperator::RESIZE_NEAREST_NEIGHBOR, {in, size}, {out});
  OpRun run(b, options());
  run.in(0, std::vector<int8_t>{-128, 1, 2, 3, 127, -5}).invoke();
  EXPECT_EQ(run.shape(), (Shape{1, 1, 5, 2}));
  EXPECT_EQ(run.out<int8_t>(),
            (std::vector<int8_t>{-128, 1, -128, 1, 2, 3, 2, 3, 127, -5}));

  set_quant(b.at(out), {0.2f}, {-128});
  testing::expect_error(
      b, {"op 0 (RESIZE_NEAREST_NEIGHBOR)", "RESIZE_NEAREST_NEIGHBOR does not requantize"},
      options());
}

// ---- QUANTIZE.

template <class Out>
std::vector<Out> quantize_floats(const std::vector<float>& x, float scale, int64_t zero_point,
                                 const rt::InterpreterOptions& options) {
  testing::OpBuilder b;
  const Shape shape{static_cast<int32_t>(x.size())};
  const int in = b.input(shape);
  const int out = b.output(shape, element_type_of<Out>());
  set_quant(b.at(out), {scale}, {zero_point});
  b.op(BuiltinOperator::QUANTIZE, {in}, {out});
  OpRun run(b, options);
  run.in(0, x).invoke();
  return run.out<Out>();
}

TEST_P(DataMovementInt8Test, QuantizeFloatToInt8RoundsAsEachRuntime) {
  // x / 0.5 = 2.5, -2.5, 3.5, 0.5: XNNPACK rounds ties to even, TFLite away from zero.
  const std::vector<float> x{1.25f, -1.25f, 1.75f, 0.25f, 1000.0f};
  EXPECT_EQ(quantize_floats<int8_t>(x, 0.5f, 10, with(arith::Arithmetic::kRuntime)),
            (std::vector<int8_t>{12, 8, 14, 10, 127}));
  EXPECT_EQ(quantize_floats<int8_t>(x, 0.5f, 10, with(arith::Arithmetic::kTfliteReference)),
            (std::vector<int8_t>{13, 7, 14, 11, 127}));
  EXPECT_EQ(quantize_floats<uint8_t>(x, 0.5f, 128, with(arith::Arithmetic::kRuntime)),
            (std::vector<uint8_t>{130, 126, 132, 128, 255}));
}

TEST_P(DataMovementInt8Test, QuantizeFloatToInt16DividesInDouble) {
  // In float32, -0.003575 / 0.00013 is exactly -27.5 (-> -28); in double it is -27.4999998
  // (-> -27), which is what TFLite (and LiteRT.js, which runs TFLite's kernel for int16) computes.
  for (auto arithmetic : {arith::Arithmetic::kRuntime, arith::Arithmetic::kTfliteReference})
    EXPECT_EQ(quantize_floats<int16_t>({-0.0035749999806284904f}, 0.00013f, 0, with(arithmetic)),
              (std::vector<int16_t>{-27}));
}

template <class In, class Out>
std::vector<Out> requantize(const std::vector<In>& x, float in_scale, int64_t in_zero_point,
                            float out_scale, int64_t out_zero_point,
                            const rt::InterpreterOptions& options) {
  testing::OpBuilder b;
  const Shape shape{static_cast<int32_t>(x.size())};
  const int in = b.input(shape, element_type_of<In>());
  set_quant(b.at(in), {in_scale}, {in_zero_point});
  const int out = b.output(shape, element_type_of<Out>());
  set_quant(b.at(out), {out_scale}, {out_zero_point});
  b.op(BuiltinOperator::QUANTIZE, {in}, {out});
  OpRun run(b, options);
  run.in(0, x).invoke();
  return run.out<Out>();
}

TEST_P(DataMovementInt8Test, QuantizeShiftsBetweenUInt8AndInt8) {
  // The boundary ops of --input-type/--output-type uint8: same scale, zero point 128 apart.
  EXPECT_EQ((requantize<uint8_t, int8_t>({0, 1, 128, 200, 255}, 0.02f, 128, 0.02f, 0, options())),
            (std::vector<int8_t>{-128, -127, 0, 72, 127}));
  EXPECT_EQ((requantize<int8_t, uint8_t>({-128, -6, 0, 127}, 0.02f, -6, 0.02f, 122, options())),
            (std::vector<uint8_t>{0, 122, 128, 255}));
}

TEST_P(DataMovementInt8Test, QuantizeBetweenInt16AndInt8Rescales) {
  // int16 scale 1/256 -> int8 scale 1/4: divide by 64. The multiplier is 0.5 * 2^-5: the high
  // multiply is exact and the rounding shift takes ties away from zero (32 / 64 = 0.5 -> 1,
  // -32 / 64 -> -1, -96 / 64 = -1.5 -> -2), then clamp.
  EXPECT_EQ((requantize<int16_t, int8_t>({32, -32, -96, 640, 32767, -32768}, 1.0f / 256, 0, 0.25f,
                                         0, options())),
            (std::vector<int8_t>{1, -1, -2, 10, 127, -128}));
  // (x - 3) * 64.
  EXPECT_EQ((requantize<int8_t, int16_t>({-128, 3, 127}, 0.25f, 3, 1.0f / 256, 0, options())),
            (std::vector<int16_t>{-8384, 0, 7936}));
}

TEST_P(DataMovementInt8Test, QuantizeChecksIntegerZeroPoints) {
  testing::OpBuilder b;
  const int in = b.input({2}, ElementType::kUInt8);
  set_quant(b.at(in), {0.5f}, {300});
  const int out = b.output({2}, ElementType::kInt8);
  set_quant(b.at(out), {0.5f}, {0});
  b.op(BuiltinOperator::QUANTIZE, {in}, {out});
  testing::expect_error(b, {"op 0 (QUANTIZE)", "input 't0' has zero point 300",
                            "outside the uint8 range"},
                        options());
}

// ---- Comparisons.

std::vector<uint8_t> compare_int8(BuiltinOperator op, int8_t a, int8_t b,
                                  std::vector<float> a_scale, std::vector<float> b_scale,
                                  const rt::InterpreterOptions& options) {
  testing::OpBuilder builder;
  const int x = builder.input({1}, ElementType::kInt8);
  const int y = builder.input({1}, ElementType::kInt8);
  set_quant(builder.at(x), a_scale, std::vector<int64_t>(a_scale.size(), 0));
  set_quant(builder.at(y), b_scale, std::vector<int64_t>(b_scale.size(), 0));
  const int z = builder.output({1}, ElementType::kBool);
  builder.op(op, {x, y}, {z});
  OpRun run(builder, options);
  run.in(0, std::vector<int8_t>{a}).in(1, std::vector<int8_t>{b}).invoke();
  return run.out<uint8_t>();
}

TEST_P(DataMovementInt8Test, ComparisonsRescaleQuantizedInputs) {
  using V = std::vector<uint8_t>;
  // Scale 0.002: 1 and 2 become 256 * 0.002 = 0.512 and 1.024, both 1 after rounding, so they
  // compare equal (as in TFLite and LiteRT.js) although the raw values differ.
  EXPECT_EQ(compare_int8(BuiltinOperator::EQUAL, 2, 1, {0.002f}, {0.002f}, options()), V{1});
  EXPECT_EQ(compare_int8(BuiltinOperator::GREATER, 2, 1, {0.002f}, {0.002f}, options()), V{0});
  // Different scales: 3 x 0.1 vs 2 x 0.25 (768 x 0.1 = 76.8 -> 77 and 512 x 0.25 = 128).
  EXPECT_EQ(compare_int8(BuiltinOperator::LESS, 3, 2, {0.1f}, {0.25f}, options()), V{1});
  EXPECT_EQ(compare_int8(BuiltinOperator::GREATER_EQUAL, 3, 2, {0.1f}, {0.25f}, options()), V{0});
  // Without quantization parameters int8 values are plain integers.
  EXPECT_EQ(compare_int8(BuiltinOperator::EQUAL, 2, 1, {}, {}, options()), V{0});
}

TEST_P(DataMovementInt8Test, ComparisonNeedsBothInputsQuantized) {
  testing::OpBuilder builder;
  const int x = builder.input({1}, ElementType::kInt8);
  const int y = builder.input({1}, ElementType::kInt8);
  set_quant(builder.at(x), {0.5f}, {0});
  const int z = builder.output({1}, ElementType::kBool);
  builder.op(BuiltinOperator::LESS_EQUAL, {x, y}, {z});
  testing::expect_error(builder, {"op 0 (LESS_EQUAL)", "input 't1' has 0 scales"}, options());
}

// ---- REDUCE_MAX.

TEST_P(DataMovementInt8Test, ReduceMaxTakesTheLargestRawValue) {
  testing::OpBuilder b;
  const int in = b.input({2, 3}, ElementType::kInt8);
  set_quant(b.at(in), {0.1f}, {-3});
  const int axis = b.constant<int32_t>({1}, {1});
  const int out = b.output({}, ElementType::kInt8);
  set_quant(b.at(out), {0.1f}, {-3});
  b.op(BuiltinOperator::REDUCE_MAX, {in, axis}, {out});
  OpRun run(b, options());
  run.in(0, std::vector<int8_t>{-128, -100, -128, 5, 127, -7}).invoke();
  EXPECT_EQ(run.shape(), (Shape{2}));
  EXPECT_EQ(run.out<int8_t>(), (std::vector<int8_t>{-100, 127}));

  set_quant(b.at(out), {0.1f}, {0});
  testing::expect_error(b, {"op 0 (REDUCE_MAX)", "output 't2' has scale 0.1 and zero point 0",
                            "does not requantize"},
                        options());
}

// ---- BATCH_MATMUL.

std::vector<int8_t> batch_matmul_int8(const std::vector<int8_t>& lhs,
                                      const std::vector<int8_t>& rhs, int64_t rhs_zero_point,
                                      const rt::InterpreterOptions& options) {
  testing::OpBuilder b;
  const int x = b.input({1, 2, 2}, ElementType::kInt8);
  set_quant(b.at(x), {1.0f}, {1});
  const int y = b.input({2, 1}, ElementType::kInt8);
  set_quant(b.at(y), {1.0f}, {rhs_zero_point});
  const int z = b.output({}, ElementType::kInt8);
  set_quant(b.at(z), {64.0f}, {3});
  b.op(BuiltinOperator::BATCH_MATMUL, {x, y}, {z});
  OpRun run(b, options);
  run.in(0, lhs).in(1, rhs).invoke();
  EXPECT_EQ(run.shape(), (Shape{1, 2, 1}));
  return run.out<int8_t>();
}

TEST_P(DataMovementInt8Test, BatchMatMulRequantizesAsEachRuntime) {
  // rhs - zero point = (8, 4). Row 0: (5 - 1) * 8 + (1 - 1) * 4 = 32; row 1: (-7 - 1) * 8 +
  // (-23 - 1) * 4 = -160; over 64: 0.5 and -2.5. XNNPACK's ties to even give 0 and -2, TFLite's
  // rounding away from zero 1 and -3; plus the output zero point 3. LiteRT.js runs XNNPACK only
  // when the rhs zero point is 0.
  const std::vector<int8_t> lhs{5, 1, -7, -23};
  EXPECT_EQ(batch_matmul_int8(lhs, {8, 4}, 0, with(arith::Arithmetic::kRuntime)),
            (std::vector<int8_t>{3, 1}));
  EXPECT_EQ(batch_matmul_int8(lhs, {8, 4}, 0, with(arith::Arithmetic::kTfliteReference)),
            (std::vector<int8_t>{4, 0}));
  EXPECT_EQ(batch_matmul_int8(lhs, {6, 2}, -2, with(arith::Arithmetic::kRuntime)),
            (std::vector<int8_t>{4, 0}));
}

LQ_INSTANTIATE_KERNEL_TEST(DataMovementInt8Test);

}  // namespace
}  // namespace lq
