// MAX_POOL_2D, float: the largest tap inside the input (padding taps are skipped, as in TFLite's
// reference), then the fused activation.
#include <limits>

#include "kernels/reference/pool.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  const ActivationRange range = ctx.state<PoolState>().range;
  const float* in = ctx.input(0).as<float>();
  float* out = ctx.output(0).as<float>();
  for_each_pool_window(ctx, [&](const PoolWindow& w, int64_t o) {
    float largest = std::numeric_limits<float>::lowest();
    for (int32_t y = w.y_start; y < w.y_end; ++y)
      for (int32_t x = w.x_start; x < w.x_end; ++x)
        largest = std::max(largest, in[w.base + y * w.row + x * w.pixel]);
    out[o] = clamp_activation(largest, range);
  });
}

}  // namespace

LQ_REGISTER_KERNEL(MAX_POOL_2D, kFloat32, kReference, prepare_pool_float, eval);

}  // namespace lq::ref
