// MAX_POOL_2D, int8: the largest tap inside the input, copied exactly (input and output share their
// quantization), then the fused activation's int8 clamp, rounded as XNNPACK (which LiteRT.js runs
// under kRuntime) or TFLite rounds it.
#include "kernels/reference/pool.h"
#include "kernels/reference/quantized.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_int8_pool(ctx, ctx.arithmetic() == arith::Arithmetic::kRuntime);
}

}  // namespace

LQ_REGISTER_KERNEL(MAX_POOL_2D, kInt8, kReference, prepare, eval_max_pool_integer<int8_t>);

}  // namespace lq::ref
