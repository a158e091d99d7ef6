// AVERAGE_POOL_2D, int8, as TFLite's integer reference (which LiteRT.js runs under both policies,
// ARITHMETIC.md): the sum of the raw int8 taps inside the input (the zero point is not subtracted:
// input and output share it), divided by the count of those taps rounding half away from zero
// (C's truncating division of sum +- count / 2), then the fused activation's clamp.
#include "kernels/reference/pool.h"
#include "kernels/reference/quantized.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) { prepare_int8_pool(ctx, false); }

void eval(OpContext& ctx) {
  const ActivationRange range = ctx.state<PoolState>().range;  // whole int8 bounds
  const int8_t* in = ctx.input(0).as<int8_t>();
  int8_t* out = ctx.output(0).as<int8_t>();
  for_each_pool_window(ctx, [&](const PoolWindow& w, int64_t o) {
    int32_t sum = 0, count = 0;
    for (int32_t y = w.y_start; y < w.y_end; ++y) {
      for (int32_t x = w.x_start; x < w.x_end; ++x) {
        sum += in[w.base + y * w.row + x * w.pixel];
        ++count;
      }
    }
    // A window without a valid tap (a filter entirely in padding) averages to 0 instead of failing.
    const int32_t average = count == 0 ? 0 : (sum > 0 ? sum + count / 2 : sum - count / 2) / count;
    out[o] = static_cast<int8_t>(clamp_activation(static_cast<float>(average), range));
  });
}

}  // namespace

LQ_REGISTER_KERNEL(AVERAGE_POOL_2D, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
