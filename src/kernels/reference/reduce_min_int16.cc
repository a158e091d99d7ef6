// REDUCE_MIN, int16: the smallest raw value per output (the order of int16 values is the order of
// the reals they stand for), so input and output must share their per-tensor quantization (zero
// point 0). An empty reduction gives 32767, as TFLite's initial value.
#include "kernels/reference/quantized_int16.h"
#include "kernels/reference/reduce.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  int16_equal_input_output(ctx);
  prepare_reduce_shape(ctx, ctx.make_state<ReduceState>());
}

}  // namespace

LQ_REGISTER_KERNEL(REDUCE_MIN, kInt16, kReference, prepare, eval_reduce_min_integer<int16_t>);

}  // namespace lq::ref
