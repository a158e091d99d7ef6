// BATCH_MATMUL, 16x8 section of the spec: both operands int16 activations quantized per tensor with
// zero point 0 (TFLite has no int16 x int8 kernel), the output int16. Shapes, adj_x / adj_y and
// batch broadcasting as the float kernel (prepare_batch_matmul_shapes). XNNPACK takes no int16, so
// LiteRT.js runs TFLite's reference BatchMatMul<int16_t, int64_t> under both arithmetics:
//   acc = sum_k lhs * rhs                                   (exact, int64)
//   y   = clamp(MultiplyByQuantizedMultiplier(acc, M))      (int64 overload: 16-bit multiplier)
// with M = lhs_scale * rhs_scale / output_scale in double; no fused activation.
#include "kernels/reference/hybrid.h"
#include "kernels/reference/quantized_int16.h"

namespace lq::ref {
namespace {

struct State {
  BatchMatMulShapes shapes;
  arith::QuantizedMultiplier multiplier;
};

void prepare(OpContext& ctx) {
  const float lhs = int16_per_tensor(ctx, ctx.input(0), "lhs");
  const float rhs = int16_per_tensor(ctx, ctx.input(1), "rhs");
  const float out = int16_per_tensor(ctx, ctx.output(0), "output");
  State& s = ctx.make_state<State>();
  s.shapes = prepare_batch_matmul_shapes(ctx);
  s.multiplier = arith::quantize_multiplier(static_cast<double>(lhs) * static_cast<double>(rhs) /
                                            static_cast<double>(out));
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  // |products| <= 2^30: the int64 sum overflows only beyond 2^33 terms.
  for_each_batch_matmul_sum<int16_t>(
      s.shapes, ctx.input(0), ctx.input(1), ctx.output(0),
      [](int16_t x, int16_t y) { return int64_t{x} * y; },
      [&](int64_t sum) {
        const int32_t scaled = arith::multiply_by_quantized_multiplier_int64(sum, s.multiplier);
        return static_cast<int16_t>(std::clamp(scaled, -32768, 32767));
      });
}

}  // namespace

LQ_REGISTER_KERNEL(BATCH_MATMUL, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
