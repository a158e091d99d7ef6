// AVERAGE_POOL_2D, int16, as TFLite's integer reference (LiteRT.js runs TFLite's kernel: XNNPACK
// takes no int16): the int32 sum of the taps inside the input divided by their count, rounding half
// away from zero (C's truncating division of sum +- count / 2), then the fused activation's clamp.
// Input and output share their scale (zero point 0), so nothing is requantized.
#include "kernels/reference/pool.h"
#include "kernels/reference/quantized_int16.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  const ActivationRange range = ctx.state<PoolState>().range;  // whole int16 bounds
  const int16_t* in = ctx.input(0).as<int16_t>();
  int16_t* out = ctx.output(0).as<int16_t>();
  for_each_pool_window(ctx, [&](const PoolWindow& w, int64_t o) {
    int64_t sum = 0, count = 0;
    for (int32_t y = w.y_start; y < w.y_end; ++y) {
      for (int32_t x = w.x_start; x < w.x_end; ++x) {
        sum += in[w.base + y * w.row + x * w.pixel];
        ++count;
      }
    }
    // A window without a valid tap (a filter entirely in padding) averages to 0 instead of failing.
    const int64_t average = count == 0 ? 0 : (sum > 0 ? sum + count / 2 : sum - count / 2) / count;
    out[o] = static_cast<int16_t>(clamp_activation(static_cast<float>(average), range));
  });
}

}  // namespace

LQ_REGISTER_KERNEL(AVERAGE_POOL_2D, kInt16, kReference, prepare_int16_pool, eval);

}  // namespace lq::ref
