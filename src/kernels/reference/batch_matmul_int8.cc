// BATCH_MATMUL, int8: both operands int8 activations quantized per tensor (any zero points), the
// output int8 per tensor. Shapes, adj_x / adj_y and batch broadcasting as the float kernel
// (prepare_batch_matmul_shapes). Each output is an exact int32 accumulator
//   acc = sum_k (lhs - lhs_zero_point) * (rhs - rhs_zero_point)
// requantized by lhs_scale * rhs_scale / output_scale through Int8OutputStage (quantized.h).
// LiteRT.js (measured in tests/models/int8_data_kernels_test.cc) runs XNNPACK when the rhs zero
// point is 0, with its float32 requantization rint(f32(acc) * f32(f32(sl * sr) / so)), and TFLite's
// kernel otherwise, with the Q31 multiplier and double rounding; Arithmetic::kRuntime follows that
// choice, kTfliteReference always takes TFLite's.
#include "kernels/reference/hybrid.h"
#include "kernels/reference/quantized.h"

namespace lq::ref {
namespace {

struct BatchMatMulInt8State {
  BatchMatMulShapes shapes;
  int32_t lhs_zero_point = 0, rhs_zero_point = 0;
  Int8OutputStage stage;
};

void prepare(OpContext& ctx) {
  const Int8Quant lhs = int8_per_tensor(ctx, ctx.input(0), "lhs");
  const Int8Quant rhs = int8_per_tensor(ctx, ctx.input(1), "rhs");
  const Int8Quant out = int8_per_tensor(ctx, ctx.output(0), "output");
  BatchMatMulInt8State& s = ctx.make_state<BatchMatMulInt8State>();
  s.shapes = prepare_batch_matmul_shapes(ctx);
  s.lhs_zero_point = lhs.zero_point;
  s.rhs_zero_point = rhs.zero_point;
  s.stage.float32 = ctx.arithmetic() == arith::Arithmetic::kRuntime && rhs.zero_point == 0;
  s.stage.scales = {arith::float32_requantization_scale(lhs.scale, rhs.scale, out.scale)};
  s.stage.zero_point = out.zero_point;
  // TFLite computes the real multiplier in double.
  s.stage.multipliers = {arith::quantize_multiplier(static_cast<double>(lhs.scale) * rhs.scale /
                                                    static_cast<double>(out.scale))};
}

void eval(OpContext& ctx) {
  const BatchMatMulInt8State& s = ctx.state<BatchMatMulInt8State>();
  for_each_batch_matmul_sum<int8_t>(
      s.shapes, ctx.input(0), ctx.input(1), ctx.output(0),
      [&](int8_t x, int8_t y) { return (x - s.lhs_zero_point) * (y - s.rhs_zero_point); },
      [&](int64_t sum) { return s.stage.requantize(accumulator(sum), 0); });
}

}  // namespace

LQ_REGISTER_KERNEL(BATCH_MATMUL, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
