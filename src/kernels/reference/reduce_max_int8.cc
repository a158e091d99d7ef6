// REDUCE_MAX, int8: the largest raw value per output (the order of int8 values is the order of the
// reals they stand for), so input and output must share their per-tensor quantization, as TFLite
// requires. An empty reduction gives -128.
#include "kernels/reference/quantized.h"
#include "kernels/reference/reduce.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  int8_equal_input_output(ctx);
  prepare_reduce_shape(ctx, ctx.make_state<ReduceState>());
}

void eval(OpContext& ctx) {
  const int8_t* in = ctx.input(0).as<int8_t>();
  TensorBuffer& output = ctx.output(0);
  int8_t* out = output.as<int8_t>();
  std::fill(out, out + output.elements(), int8_t{-128});
  for_each_reduced(ctx, [&](int64_t i, int64_t o) { out[o] = std::max(out[o], in[i]); });
}

}  // namespace

LQ_REGISTER_KERNEL(REDUCE_MAX, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
