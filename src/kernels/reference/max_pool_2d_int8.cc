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

void eval(OpContext& ctx) {
  const ActivationRange range = ctx.state<PoolState>().range;  // whole int8 bounds
  const int8_t* in = ctx.input(0).as<int8_t>();
  int8_t* out = ctx.output(0).as<int8_t>();
  for_each_pool_window(ctx, [&](const PoolWindow& w, int64_t o) {
    int32_t largest = -128;
    for (int32_t y = w.y_start; y < w.y_end; ++y)
      for (int32_t x = w.x_start; x < w.x_end; ++x)
        largest = std::max<int32_t>(largest, in[w.base + y * w.row + x * w.pixel]);
    out[o] = static_cast<int8_t>(clamp_activation(static_cast<float>(largest), range));
  });
}

}  // namespace

LQ_REGISTER_KERNEL(MAX_POOL_2D, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
