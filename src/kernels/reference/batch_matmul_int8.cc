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
  const TensorBuffer& lhs = ctx.input(0);
  const TensorBuffer& rhs = ctx.input(1);
  TensorBuffer& output = ctx.output(0);
  const BatchMatMulShapes::Matrix m = s.shapes.matrix(lhs, output);
  const int64_t lhs_matrix = m.rows * m.depth, rhs_matrix = m.depth * m.cols;
  const int64_t out_matrix = m.rows * m.cols;
  const int8_t* a = lhs.as<int8_t>();
  const int8_t* b = rhs.as<int8_t>();
  int8_t* out = output.as<int8_t>();

  BroadcastIndex(s.shapes.lhs_batch, s.shapes.rhs_batch, s.shapes.out_batch)
      .for_each([&](int64_t ob, int64_t lb, int64_t rb) {
        const int8_t* x = a + lb * lhs_matrix;
        const int8_t* y = b + rb * rhs_matrix;
        int8_t* z = out + ob * out_matrix;
        for (int64_t i = 0; i < m.rows; ++i) {
          for (int64_t j = 0; j < m.cols; ++j) {
            int64_t sum = 0;
            for (int64_t k = 0; k < m.depth; ++k)
              sum += (x[i * m.lhs_i + k * m.lhs_k] - s.lhs_zero_point) *
                     (y[k * m.rhs_k + j * m.rhs_j] - s.rhs_zero_point);
            z[i * m.cols + j] = s.stage.requantize(accumulator(sum), 0);
          }
        }
      });
}

}  // namespace

LQ_REGISTER_KERNEL(BATCH_MATMUL, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
