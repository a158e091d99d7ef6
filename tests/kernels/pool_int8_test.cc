// MAX_POOL_2D and AVERAGE_POOL_2D int8, worked out by hand: the maximum is copied exactly, the
// average is TFLite's integer one (raw sum, rounded half away from zero, padding taps not counted).
#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;
using tflite::Padding;

struct Pool {
  int32_t filter_h, filter_w, stride;
  Padding padding;
  ActivationFunctionType activation = ActivationFunctionType::NONE;
};

void set_quant(ir::Tensor& tensor, float scale, int64_t zero_point) {
  tensor.quant.scale = {scale};
  tensor.quant.zero_point = {zero_point};
}

class PoolInt8Test : public testing::KernelTest {
 protected:
  testing::OpBuilder build(BuiltinOperator op, Shape shape, Pool p, float scale, int64_t zp,
                           float output_scale) {
    testing::OpBuilder b;
    const int in = b.input(std::move(shape), ElementType::kInt8);
    const int out = b.output({}, ElementType::kInt8);
    set_quant(b.at(in), scale, zp);
    set_quant(b.at(out), output_scale, zp);
    tflite::Pool2DOptionsT o;
    o.padding = p.padding;
    o.stride_h = o.stride_w = p.stride;
    o.filter_height = p.filter_h;
    o.filter_width = p.filter_w;
    o.fused_activation_function = p.activation;
    b.op(op, {in}, {out}, o);
    return b;
  }
  std::vector<int8_t> run(BuiltinOperator op, Shape shape, const std::vector<int8_t>& x, Pool p,
                          arith::Arithmetic arithmetic, float scale = 0.5f, int64_t zp = -1,
                          Shape* out_shape = nullptr) {
    testing::OpBuilder b = build(op, std::move(shape), p, scale, zp, scale);
    rt::InterpreterOptions options = this->options();
    options.arithmetic = arithmetic;
    OpRun r(b, options);
    r.in(0, x).invoke();
    if (out_shape) *out_shape = r.shape();
    return r.out<int8_t>();
  }
};

constexpr auto kRuntime = arith::Arithmetic::kRuntime;
constexpr auto kReference = arith::Arithmetic::kTfliteReference;

TEST_P(PoolInt8Test, MaxPoolSamePaddingSkipsPaddingTaps) {
  // 3x3 input, 3x3 filter, stride 2, SAME: one padding row and column before; each output sees
  // the 2x2 corner block of the input around it.
  const std::vector<int8_t> x = {1, -5, 5, -2, 4, -7, 0, 6, -8};
  Shape shape;
  for (arith::Arithmetic arithmetic : {kRuntime, kReference}) {
    EXPECT_EQ(run(BuiltinOperator::MAX_POOL_2D, {1, 3, 3, 1}, x, {3, 3, 2, Padding::SAME},
                  arithmetic, 0.5f, -1, &shape),
              (std::vector<int8_t>{4, 5, 6, 6}));
    EXPECT_EQ(shape, (Shape{1, 2, 2, 1}));
  }
  // All taps at the int8 minimum stay there.
  EXPECT_EQ(run(BuiltinOperator::MAX_POOL_2D, {1, 2, 2, 1}, std::vector<int8_t>(4, -128),
                {2, 2, 2, Padding::VALID}, kRuntime),
            (std::vector<int8_t>{-128}));
}

TEST_P(PoolInt8Test, MaxPoolRelu6BoundIsQuantizedAsEachRuntimeDoes) {
  // Scale 4, zero point -3: 6 / 4 = 1.5 -> XNNPACK rint(-1.5) = -2, TFLite -3 + 2 = -1.
  const std::vector<int8_t> x = {100, -100, -2, -1};
  const Pool relu6{1, 1, 1, Padding::VALID, ActivationFunctionType::RELU6};
  EXPECT_EQ(run(BuiltinOperator::MAX_POOL_2D, {1, 2, 2, 1}, x, relu6, kRuntime, 4.0f, -3),
            (std::vector<int8_t>{-2, -3, -2, -2}));
  EXPECT_EQ(run(BuiltinOperator::MAX_POOL_2D, {1, 2, 2, 1}, x, relu6, kReference, 4.0f, -3),
            (std::vector<int8_t>{-1, -3, -2, -1}));
}

TEST_P(PoolInt8Test, AveragePoolRoundsRawSumsHalfAwayFromZero) {
  // 1x2 filter, SAME: windows [1 2] [2 -1] [-1 -2] [-2] (the last one tap): sums 3 1 -3 -2 over
  // counts 2 2 2 1 -> 1.5 0.5 -1.5 -2 -> 2 1 -2 -2, with either arithmetic.
  const std::vector<int8_t> x = {1, 2, -1, -2};
  for (arith::Arithmetic arithmetic : {kRuntime, kReference})
    EXPECT_EQ(run(BuiltinOperator::AVERAGE_POOL_2D, {1, 1, 4, 1}, x, {1, 2, 1, Padding::SAME},
                  arithmetic),
              (std::vector<int8_t>{2, 1, -2, -2}));
}

TEST_P(PoolInt8Test, AveragePoolCountsValidTapsPerChannel) {
  // 2x2 input with 2 channels, 3x3 filter SAME stride 1: each output averages the 4 pixels.
  // Channel 0: 1 2 3 5 -> 11 / 4 = 2.75 -> 3; channel 1: -1 -2 -3 -4 -> -10 / 4 = -2.5 -> -3.
  const std::vector<int8_t> x = {1, -1, 2, -2, 3, -3, 5, -4};
  EXPECT_EQ(run(BuiltinOperator::AVERAGE_POOL_2D, {1, 2, 2, 2}, x, {3, 3, 1, Padding::SAME},
                kRuntime),
            (std::vector<int8_t>{3, -3, 3, -3, 3, -3, 3, -3}));
}

TEST_P(PoolInt8Test, RejectsRequantizingPools) {
  for (BuiltinOperator op : {BuiltinOperator::MAX_POOL_2D, BuiltinOperator::AVERAGE_POOL_2D}) {
    testing::OpBuilder b = build(op, {1, 2, 2, 1}, {2, 2, 1, Padding::VALID}, 0.5f, 0, 0.25f);
    testing::expect_error(b, {tflite::EnumNameBuiltinOperator(op), "pooling does not requantize"},
                          options());
  }
}

LQ_INSTANTIATE_KERNEL_TEST(PoolInt8Test);

}  // namespace
}  // namespace lq
