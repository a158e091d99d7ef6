// MAX_POOL_2D, int16: the largest tap inside the input, copied exactly (input and output share
// their scale, zero point 0), then the fused activation's int16 clamp, rounded as TFLite rounds it
// (LiteRT.js runs TFLite's kernel: XNNPACK takes no int16).
#include "kernels/reference/pool.h"
#include "kernels/reference/quantized_int16.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  const ActivationRange range = ctx.state<PoolState>().range;  // whole int16 bounds
  const int16_t* in = ctx.input(0).as<int16_t>();
  int16_t* out = ctx.output(0).as<int16_t>();
  for_each_pool_window(ctx, [&](const PoolWindow& w, int64_t o) {
    int32_t largest = -32768;
    for (int32_t y = w.y_start; y < w.y_end; ++y)
      for (int32_t x = w.x_start; x < w.x_end; ++x)
        largest = std::max<int32_t>(largest, in[w.base + y * w.row + x * w.pixel]);
    out[o] = static_cast<int16_t>(clamp_activation(static_cast<float>(largest), range));
  });
}

}  // namespace

LQ_REGISTER_KERNEL(MAX_POOL_2D, kInt16, kReference, prepare_int16_pool, eval);

}  // namespace lq::ref
