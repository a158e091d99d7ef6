// AVERAGE_POOL_2D, float: the float sum of the taps inside the input (row by row) divided by their
// count, as TFLite's reference does (padding taps are not counted), then the fused activation.
#include "kernels/reference/pool.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  const ActivationRange range = ctx.state<PoolState>().range;
  const float* in = ctx.input(0).as<float>();
  float* out = ctx.output(0).as<float>();
  for_each_pool_window(ctx, [&](const PoolWindow& w, int64_t o) {
    float total = 0.0f;
    float count = 0.0f;
    for (int32_t y = w.y_start; y < w.y_end; ++y) {
      for (int32_t x = w.x_start; x < w.x_end; ++x) {
        total += in[w.base + y * w.row + x * w.pixel];
        count += 1.0f;
      }
    }
    out[o] = clamp_activation(total / count, range);
  });
}

}  // namespace

LQ_REGISTER_KERNEL(AVERAGE_POOL_2D, kFloat32, kReference, prepare_pool_float, eval);

}  // namespace lq::ref
