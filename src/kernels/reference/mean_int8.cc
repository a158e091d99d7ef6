// MEAN, int8, per-tensor input and output: each output element is the mean of its n reduced inputs,
// from their exact int32 sum. Under Arithmetic::kRuntime as LiteRT.js's XNNPACK computes it, for
// every axes, rank and keep_dims measured: Int8ReduceRequantization (quantized.h) with
//   s = f32(si / so) * f32(1 / n)
//   y = clamp(rint(f32(sum) * s + f32(zo - f32(n*zi) * s)))
// Each alternative measured rounds some near-ties differently (tests/models/int8_kernels_test.cc):
// subtracting n*zi before the product and adding zo after it missed one element of a ppocr_cls MEAN
// (n = 288, sum -30286) and 29 of 1,184 crafted near-tie elements; the scale f32(f32(si/so) / n)
// missed 6 of them.
// Under kTfliteReference as TFLite's reference QuantizedMeanOrSum: the Q31 multiplier of si/so
// divided by n in fixed point (n's power of two moved into the shift), double rounding:
//   y = clamp(MultiplyByQuantizedMultiplier(sum - n*zi, M/n) + zo)
#include <cmath>

#include "kernels/reference/quantized.h"
#include "kernels/reference/reduce.h"

namespace lq::ref {
namespace {

struct State {
  ReduceState reduce;
  bool float32 = true;
  Int8ReduceRequantization xnnpack;       // kRuntime
  arith::QuantizedMultiplier multiplier;  // kTfliteReference
  int32_t input_zero_point = 0, output_zero_point = 0;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  const Int8Quant in = int8_per_tensor(ctx, ctx.input(0), "input");
  const Int8Quant out = int8_per_tensor(ctx, ctx.output(0), "output");
  State& s = ctx.make_state<State>();
  prepare_reduce_shape(ctx, s.reduce);
  const int64_t n = s.reduce.reduced_count;
  s.float32 = ctx.arithmetic() == arith::Arithmetic::kRuntime;
  s.input_zero_point = in.zero_point;
  s.output_zero_point = out.zero_point;
  if (n == 0) return;  // no output element has inputs
  // In float32, as XNNPACK: the scale ratio times the reciprocal of n.
  s.xnnpack = {in.scale / out.scale * (1.0f / static_cast<float>(n)), n, in.zero_point,
               out.zero_point};
  const double ratio = static_cast<double>(in.scale) / static_cast<double>(out.scale);
  s.multiplier = arith::divide_multiplier_by_count(arith::quantize_multiplier(ratio), n);
}

int8_t mean(const State& s, int64_t sum) {
  if (s.float32) return s.xnnpack(accumulator(sum));
  const int32_t centered = accumulator(sum - s.reduce.reduced_count * s.input_zero_point);
  const int64_t y = int64_t{arith::multiply_by_quantized_multiplier(
                        centered, s.multiplier, arith::Rounding::kDoubleRounding)} +
                    s.output_zero_point;
  return static_cast<int8_t>(std::clamp<int64_t>(y, -128, 127));
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  const std::vector<int64_t> sums = sum_reduced_integer<int8_t>(ctx, s.reduce);
  int8_t* out = ctx.output(0).as<int8_t>();
  // With nothing reduced TFLite leaves the output at zero.
  const bool empty = s.reduce.reduced_count == 0;
  for (size_t o = 0; o < sums.size(); ++o) out[o] = empty ? int8_t{0} : mean(s, sums[o]);
}

}  // namespace

LQ_REGISTER_KERNEL(MEAN, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
