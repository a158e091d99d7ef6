// SUM, int8, per-tensor input and output: each output element is the sum of its n reduced inputs,
// requantized from the input's scale to the output's (a quantizer calibrates the output, whose
// range is wider). From the exact int32 sum of the raw values:
//   kRuntime:          y = clamp(rint(f32(sum - n*zi) * f32(si / so) + f32(zo)))
//   kTfliteReference:  TFLite's QuantizedMeanOrSum, in float32 rounded half away from zero
//                      (sum_quantized.h)
// LiteRT.js runs XNNPACK's (kRuntime) on every case measured:
// tests/models/int8_more_kernels_test.cc.
#include <cmath>

#include "kernels/reference/quantized.h"
#include "kernels/reference/reduce.h"
#include "kernels/reference/sum_quantized.h"

namespace lq::ref {
namespace {

struct State {
  ReduceState reduce;
  bool float32 = true;
  float scale = 0.0f;              // kRuntime
  TfliteSumRequantization tflite;  // kTfliteReference
  int32_t input_zero_point = 0, output_zero_point = 0;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  const Int8Quant in = int8_per_tensor(ctx, ctx.input(0), "input");
  const Int8Quant out = int8_per_tensor(ctx, ctx.output(0), "output");
  State& s = ctx.make_state<State>();
  prepare_reduce_shape(ctx, s.reduce);
  s.float32 = ctx.arithmetic() == arith::Arithmetic::kRuntime;
  s.input_zero_point = in.zero_point;
  s.output_zero_point = out.zero_point;
  s.scale = in.scale / out.scale;
  s.tflite = TfliteSumRequantization(in.scale, in.zero_point, out.scale, out.zero_point,
                                     s.reduce.reduced_count);
}

int8_t requantize(const State& s, int64_t sum) {
  if (!s.float32) return saturate_to<int8_t>(s.tflite(accumulator(sum)));
  const int32_t centered = accumulator(sum - s.reduce.reduced_count * s.input_zero_point);
  const float y = static_cast<float>(centered) * s.scale + static_cast<float>(s.output_zero_point);
  return static_cast<int8_t>(std::clamp(std::nearbyint(y), -128.0f, 127.0f));
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
