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
  const TensorBuffer& lhs = ctx.input(0);
  const TensorBuffer& rhs = ctx.input(1);
  TensorBuffer& output = ctx.output(0);
  const BatchMatMulShapes::Matrix m = s.shapes.matrix(lhs, output);
  const int64_t lhs_matrix = m.rows * m.depth, rhs_matrix = m.depth * m.cols;
  const int64_t out_matrix = m.rows * m.cols;
  const int16_t* a = lhs.as<int16_t>();
  const int16_t* b = rhs.as<int16_t>();
  int16_t* out = output.as<int16_t>();

  BroadcastIndex(s.shapes.lhs_batch, s.shapes.rhs_batch, s.shapes.out_batch)
      .for_each([&](int64_t ob, int64_t lb, int64_t rb) {
        const int16_t* x = a + lb * lhs_matrix;
        const int16_t* y = b + rb * rhs_matrix;
        int16_t* z = out + ob * out_matrix;
        for (int64_t i = 0; i < m.rows; ++i) {
          for (int64_t j = 0; j < m.cols; ++j) {
            // |products| <= 2^30: the sum overflows int64 only beyond 2^33 terms.
            int64_t sum = 0;
            for (int64_t k = 0; k < m.depth; ++k)
              sum += int64_t{x[i * m.lhs_i + k * m.lhs_k]} * y[k * m.rhs_k + j * m.rhs_j];
            const int32_t scaled = arith::multiply_by_quantized_multiplier_int64(sum, s.multiplier);
            z[i * m.cols + j] = static_cast<int16_t>(std::clamp(scaled, -32768, 32767));
          }
        }
      });
}

}  // namespace

LQ_REGISTER_KERNEL(BATCH_MATMUL, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
