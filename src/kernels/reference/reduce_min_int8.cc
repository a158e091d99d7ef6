// REDUCE_MIN, int8: the smallest raw value per output (the order of int8 values is the order of the
// reals they stand for), so input and output must share their per-tensor quantization, as TFLite
// requires. An empty reduction gives 127.
#include "kernels/reference/quantized.h"
#include "kernels/reference/reduce.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  int8_equal_input_output(ctx);
  prepare_reduce_shape(ctx, ctx.make_state<ReduceState>());
}

}  // namespace

LQ_REGISTER_KERNEL(REDUCE_MIN, kInt8, kReference, prepare, eval_reduce_min_integer<int8_t>);

}  // namespace lq::ref
