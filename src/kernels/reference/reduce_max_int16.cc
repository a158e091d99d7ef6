// REDUCE_MAX, int16: the largest raw value per output (the order of int16 values is the order of
// the reals they stand for), so input and output must share their per-tensor quantization (zero
// point 0). An empty reduction gives -32768, as TFLite's initial value.
#include "kernels/reference/quantized_int16.h"
#include "kernels/reference/reduce.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  int16_equal_input_output(ctx);
  prepare_reduce_shape(ctx, ctx.make_state<ReduceState>());
}

void eval(OpContext& ctx) {
  const int16_t* in = ctx.input(0).as<int16_t>();
  TensorBuffer& output = ctx.output(0);
  int16_t* out = output.as<int16_t>();
  std::fill(out, out + output.elements(), int16_t{-32768});
  for_each_reduced(ctx, [&](int64_t i, int64_t o) { out[o] = std::max(out[o], in[i]); });
}

}  // namespace

LQ_REGISTER_KERNEL(REDUCE_MAX, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
