// AVERAGE_POOL_2D, float, as XNNPACK computes it (LiteRT.js runs it through XNNPACK, and a
// last-bit difference matters downstream: a hybrid op quantizes its input on the fly). The taps
// are taken column by column (filter x outer, y inner), a tap in the padding reading 0; the first
// 9 are summed as a fixed tree, ((t2 + t3) + (t4 + t5)) + (((t0 + t1) + t8) + (t6 + t7)) (missing
// taps are 0); the sum is multiplied by the float reciprocal of the number of taps inside the
// input (padding taps are not counted, as in TFLite), then the fused activation. Windows of more
// than 9 taps (XNNPACK's multipass kernel) add each further 8 the same way, the running sum in
// place of t8: measured bit-exact up to 9 taps only; a 5x5 window still differs in the last bit.
#include <vector>

#include "kernels/reference/pool.h"

namespace lq::ref {
namespace {

// The first pass of XNNPACK's pooling kernel: 9 taps.
float sum9(const float* t) {
  const float sum018 = (t[0] + t[1]) + t[8];
  const float sum2345 = (t[2] + t[3]) + (t[4] + t[5]);
  return sum2345 + (sum018 + (t[6] + t[7]));
}

// Each further pass: 8 taps and the running sum, which takes the place of the ninth tap.
float add8(float acc, const float* t) {
  const float sum01a = (t[0] + t[1]) + acc;
  const float sum2345 = (t[2] + t[3]) + (t[4] + t[5]);
  return sum2345 + (sum01a + (t[6] + t[7]));
}

void eval(OpContext& ctx) {
  const PoolState& s = ctx.state<PoolState>();
  const float* in = ctx.input(0).as<float>();
  float* out = ctx.output(0).as<float>();
  const size_t taps = static_cast<size_t>(s.filter_h) * static_cast<size_t>(s.filter_w);
  const size_t padded = taps <= 9 ? 9 : 9 + (taps - 9 + 7) / 8 * 8;
  std::vector<float> tap(padded);
  for_each_pool_window(ctx, [&](const PoolWindow& w, int64_t o) {
    std::fill(tap.begin(), tap.end(), 0.0f);
    int32_t count = 0;
    for (int32_t x = 0; x < s.filter_w; ++x) {
      for (int32_t y = 0; y < s.filter_h; ++y) {
        if (y < w.y_start || y >= w.y_end || x < w.x_start || x >= w.x_end) continue;
        tap[static_cast<size_t>(x * s.filter_h + y)] = in[w.base + y * w.row + x * w.pixel];
        ++count;
      }
    }
    float total = sum9(tap.data());
    for (size_t k = 9; k < padded; k += 8) total = add8(total, tap.data() + k);
    out[o] = clamp_activation(total * (1.0f / static_cast<float>(count)), s.range);
  });
}

}  // namespace

LQ_REGISTER_KERNEL(AVERAGE_POOL_2D, kFloat32, kReference, prepare_pool_float, eval);

}  // namespace lq::ref
