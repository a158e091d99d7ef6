// SUM, 16x8: int16 input and output per tensor with zero point 0; the int32 sum of the reduced
// raw values requantized from the input's scale to the output's, in float32 as TFLite's
// QuantizedMeanOrSum (sum_quantized.h). XNNPACK takes no int16, so LiteRT.js runs TFLite's kernel
// under both arithmetics (tests/models/int8_more_kernels_test.cc).
#include "kernels/reference/quantized.h"
#include "kernels/reference/quantized_int16.h"
#include "kernels/reference/reduce.h"
#include "kernels/reference/sum_quantized.h"

namespace lq::ref {
namespace {

struct State {
  ReduceState reduce;
  TfliteSumRequantization requantize;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  const float in = int16_per_tensor(ctx, ctx.input(0), "input");
  const float out = int16_per_tensor(ctx, ctx.output(0), "output");
  State& s = ctx.make_state<State>();
  prepare_reduce_shape(ctx, s.reduce);
  s.requantize = TfliteSumRequantization(in, 0, out, 0, s.reduce.reduced_count);
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  const std::vector<int64_t> sums = sum_reduced_integer<int16_t>(ctx, s.reduce);
  int16_t* out = ctx.output(0).as<int16_t>();
  // TFLite sums in int32 (wrapping beyond 65536 reduced elements).
  for (size_t o = 0; o < sums.size(); ++o)
    out[o] = saturate_to<int16_t>(s.requantize(accumulator(sums[o])));
}

}  // namespace

LQ_REGISTER_KERNEL(SUM, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
