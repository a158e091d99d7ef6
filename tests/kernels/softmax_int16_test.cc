// SOFTMAX 16x8 on rows worked out by hand through TFLite's tables (softmax_int16.cc), and the
// errors prepare() gives outside the spec. Input scale 1e-3, beta 1.
//   exp table: [511] = 32134 (exp(-10/512) * 32768) minus 1 (half the midpoint error 32451 - 32450,
//   rounded away) = 32133; [512] = 32768 saturated to 32767. At d = 0 (table input 32767: entry
//   511, weight 127/128): 32133 + (634 * 127 + 64) >> 7 = 32762.
//   A difference of -32768 saturates to entry 0: round(exp(-10) * 32768) = 1, minus -1 (half the
//   midpoint error 1 - 2) = 2.
//   reciprocal table: [511] = round(32768 / (1 + 511/512)) = 16400, [512] = 16384, slope -16.
// Row {x}: sum 32762 (17 leading zeros) -> 131048 - 98304 = 32744 (offset 104) -> 1/sum 16400 +
//   (-1664 + 64) >> 7 = 16387; y = (32762 * 16387 + 2^13) >> 14 = 32768 -> 32767.
// Row {x, x}: sum 65524 (16 zeros) -> 32744 again, 16387; y = (32762 * 16387 + 2^14) >> 15 = 16384.
// Row {x, x - 32768}: sum 32764 -> 32752 (offset 112) -> 16386; y = 32766 and (2 * 16386 + 2^13)
//   >> 14 = 2.
#include "kernels/kernel_test_util.h"

namespace lq {
namespace {

using testing::OpBuilder;
using testing::OpRun;
using testing::set_quant;
using Arith = arith::Arithmetic;

// Tensors t0 input, t1 output.
OpBuilder softmax(Shape shape, float output_scale = 1.0f / 32768, int64_t input_zero_point = 0) {
  OpBuilder b;
  const int in = b.input(shape, ElementType::kInt16);
  set_quant(b.at(in), {1e-3f}, {input_zero_point});
  const int out = b.output(shape, ElementType::kInt16);
  set_quant(b.at(out), {output_scale}, {0});
  tflite::SoftmaxOptionsT o;
  o.beta = 1.0f;
  b.op(tflite::BuiltinOperator::SOFTMAX, {in}, {out}, o);
  return b;
}

class SoftmaxInt16Test : public testing::KernelTest {
 protected:
  std::vector<int16_t> run(Shape shape, const std::vector<int16_t>& x, Arith arithmetic) {
    OpBuilder b = softmax(shape);
    rt::InterpreterOptions o = options();
    o.arithmetic = arithmetic;
    return OpRun(b, o).in(0, x).invoke().out<int16_t>();
  }
};

TEST_P(SoftmaxInt16Test, RowsByHandUnderBothArithmetics) {
  for (Arith a : {Arith::kRuntime, Arith::kTfliteReference}) {
    EXPECT_EQ(run({3, 1}, {5, -700, 32767}, a), (std::vector<int16_t>{32767, 32767, 32767}));
    EXPECT_EQ(run({1, 2}, {1234, 1234}, a), (std::vector<int16_t>{16384, 16384}));
    EXPECT_EQ(run({2, 2}, {0, -32768, -32768, 0}, a), (std::vector<int16_t>{32766, 2, 2, 32766}));
  }
}

TEST_P(SoftmaxInt16Test, RejectsAnotherOutputScale) {
  OpBuilder b = softmax({2, 3}, 1.0f / 256);
  testing::expect_error(b, {"op 0 (SOFTMAX)", "output 't1'", "1/32768"}, options());
}

TEST_P(SoftmaxInt16Test, RejectsAnInputZeroPoint) {
  OpBuilder b = softmax({2, 3}, 1.0f / 32768, 5);
  testing::expect_error(b, {"op 0 (SOFTMAX)", "input 't0'", "zero point 5"}, options());
}

TEST_P(SoftmaxInt16Test, RejectsRankFive) {
  OpBuilder b = softmax({1, 1, 1, 2, 3});
  testing::expect_error(b, {"op 0 (SOFTMAX)", "rank 5", "1 to 4"}, options());
}

LQ_INSTANTIATE_KERNEL_TEST(SoftmaxInt16Test);

}  // namespace
}  // namespace lq
