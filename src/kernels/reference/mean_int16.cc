// MEAN, 16x8: int16 input and output per tensor with zero point 0. XNNPACK takes no int16, so
// LiteRT.js runs TFLite's MEAN under both arithmetics, and for int16 it measurably takes TFLite's
// QuantizedMeanOrSum whatever the axes, keep_dims and scales (its special cases, a rounded
// division after scaling for rank 4 over axes {1, 2} and a truncating division for equal scales,
// were each off on some elements; tests/models/int16_kernels_test.cc):
//   y = clamp(MultiplyByQuantizedMultiplier(int32 sum, M/n))       (double rounding)
// where M/n is the Q31 multiplier of si/so with 1/n folded in: M * 2^k / n (integer division),
// the shift lowered by k = floor(log2 n), k capped at 32 and at 31 + shift.
#include "kernels/reference/quantized_int16.h"
#include "kernels/reference/reduce.h"

namespace lq::ref {
namespace {

struct State {
  ReduceState reduce;
  arith::QuantizedMultiplier multiplier;  // si / so / n
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  const float in = int16_per_tensor(ctx, ctx.input(0), "input");
  const float out = int16_per_tensor(ctx, ctx.output(0), "output");
  State& s = ctx.make_state<State>();
  prepare_reduce_shape(ctx, s.reduce);
  if (s.reduce.reduced_count == 0) return;  // no output element has inputs
  // TFLite computes the real multiplier in double.
  s.multiplier = arith::divide_multiplier_by_count(
      arith::quantize_multiplier(static_cast<double>(in) / static_cast<double>(out)),
      s.reduce.reduced_count);
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  const std::vector<int64_t> sums = sum_reduced_integer<int16_t>(ctx, s.reduce);
  int16_t* out = ctx.output(0).as<int16_t>();
  // With nothing reduced TFLite leaves the output at zero.
  const bool empty = s.reduce.reduced_count == 0;
  for (size_t o = 0; o < sums.size(); ++o) {
    // TFLite sums in int32 (wrapping beyond 65536 reduced elements).
    const int32_t y = arith::multiply_by_quantized_multiplier(
        static_cast<int32_t>(sums[o]), s.multiplier, arith::Rounding::kDoubleRounding);
    out[o] = empty ? int16_t{0} : static_cast<int16_t>(std::clamp(y, -32768, 32767));
  }
}

}  // namespace

LQ_REGISTER_KERNEL(MEAN, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
