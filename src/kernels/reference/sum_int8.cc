// SUM, int8, per-tensor input and output: each output element is the sum of its n reduced inputs,
// requantized from the input's scale to the output's (a quantizer calibrates the output, whose
// range is wider). From the exact int32 sum of the raw values:
//   kRuntime:          Int8ReduceRequantization (quantized.h) with s = f32(si / so):
//                      y = clamp(rint(f32(sum) * s + f32(zo - f32(n*zi) * s)))
//   kTfliteReference:  TFLite's QuantizedMeanOrSum, in float32 rounded half away from zero
//                      (sum_quantized.h)
// LiteRT.js runs XNNPACK's (kRuntime) on every case measured:
// tests/models/int8_more_kernels_test.cc.
#include "kernels/reference/quantized.h"
#include "kernels/reference/reduce.h"
#include "kernels/reference/sum_quantized.h"

namespace lq::ref {
namespace {

struct State {
  ReduceState reduce;
  bool float32 = true;
  Int8ReduceRequantization xnnpack;  // kRuntime
  TfliteSumRequantization tflite;  // kTfliteReference
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  const Int8Quant in = int8_per_tensor(ctx, ctx.input(0), "input");
  const Int8Quant out = int8_per_tensor(ctx, ctx.output(0), "output");
  State& s = ctx.make_state<State>();
  prepare_reduce_shape(ctx, s.reduce);
  s.float32 = ctx.arithmetic() == arith::Arithmetic::kRuntime;
  s.xnnpack = {in.scale / out.scale, s.reduce.reduced_count, in.zero_point, out.zero_point};
  s.tflite = TfliteSumRequantization(in.scale, in.zero_point, out.scale, out.zero_point,
                                     s.reduce.reduced_count);
}

int8_t requantize(const State& s, int64_t sum) {
  if (!s.float32) return saturate_to<int8_t>(s.tflite(accumulator(sum)));
  return s.xnnpack(accumulator(sum));
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  const std::vector<int64_t> sums = sum_reduced_integer<int8_t>(ctx, s.reduce);
  int8_t* out = ctx.output(0).as<int8_t>();
  for (size_t o = 0; o < sums.size(); ++o) out[o] = requantize(s, sums[o]);
}

}  // namespace

LQ_REGISTER_KERNEL(SUM, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
