// MEAN int8 under both arithmetics, with expected values worked out by hand. Means that fall on a
// tie separate them: the runtime's float32 rint rounds half to even, TFLite's reference fixed point
// (double rounding) rounds half away from zero.
#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpRun;
using testing::set_quant;
using tflite::BuiltinOperator;

class MeanInt8Test : public testing::KernelTest {
 protected:
  std::vector<int8_t> mean(const Shape& shape, const std::vector<int8_t>& x,
                           const std::vector<int32_t>& axes, bool keep_dims, float in_scale,
                           int64_t in_zero_point, float out_scale, int64_t out_zero_point,
                           arith::Arithmetic arithmetic, Shape* out_shape = nullptr) {
    testing::OpBuilder b;
    const int in = b.input(shape, ElementType::kInt8);
    set_quant(b.at(in), {in_scale}, {in_zero_point});
    const int ax = b.constant({static_cast<int32_t>(axes.size())}, axes);
    const int out = b.output({}, ElementType::kInt8);
    set_quant(b.at(out), {out_scale}, {out_zero_point});
    tflite::ReducerOptionsT o;
    o.keep_dims = keep_dims;
    b.op(BuiltinOperator::MEAN, {in, ax}, {out}, o);
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

TEST_P(MeanInt8Test, TiesOverHeightAndWidthFollowEachArithmetic) {
  // Channels of 4 values: means 2.5, -2.5, 1.75, 0.5 (zero points 0).
  const std::vector<int8_t> x = {2, -2, 1, 0, 2, -2, 2, 0, 3, -3, 2, 1, 3, -3, 2, 1};
  Shape shape;
  EXPECT_EQ(mean({1, 2, 2, 4}, x, {1, 2}, true, 1.0f, 0, 1.0f, 0, kRuntime, &shape),
            (std::vector<int8_t>{2, -2, 2, 0}));
  EXPECT_EQ(shape, (Shape{1, 1, 1, 4}));
  EXPECT_EQ(mean({1, 2, 2, 4}, x, {1, 2}, false, 1.0f, 0, 1.0f, 0, kReference, &shape),
            (std::vector<int8_t>{3, -3, 2, 1}));
  EXPECT_EQ(shape, (Shape{1, 4}));
}

TEST_P(MeanInt8Test, ZeroPointsScalesAndClamping) {
  // Axis 0 of [2, 3]: (x - 4) means 10, -100, 3 at scale 0.5 -> 0.25 doubles them: 20, -200, 6,
  // plus zero point -3.
  const std::vector<int8_t> x = {14, -96, 5, 14, -96, 9};
  for (arith::Arithmetic arithmetic : {kRuntime, kReference})
    EXPECT_EQ(mean({2, 3}, x, {0}, false, 0.5f, 4, 0.25f, -3, arithmetic),
              (std::vector<int8_t>{17, -128, 3}));
}

LQ_INSTANTIATE_KERNEL_TEST(MeanInt8Test);

}  // namespace
}  // namespace lq
