// BATCH_MATMUL, hybrid (hybrid.h): float lhs, int8 rhs (a constant weight, one scale), float
// output; shapes as the float kernel (prepare_batch_matmul_shapes). Each lhs row (the depth values
// one output row reads) is quantized on its own; there is no bias and no activation.
// Arithmetic::kRuntime is what LiteRT.js runs: XNNPACK's dynamically quantized matrix product
// (qd8 rows, whatever asymmetric_quantize_inputs says). kTfliteReference is TFLite's hybrid kernel:
// rows symmetric, or asymmetric with the option.
#include "kernels/reference/hybrid.h"

namespace lq::ref {
namespace {

struct BatchMatMulHybridState : BatchMatMulShapes {
  InputQuantization how = InputQuantization::kTfliteSymmetric;
  HybridStage stage;
  std::vector<float> row;         // one lhs row, gathered
  std::vector<int8_t> quantized;  // and quantized
};

}  // namespace

void prepare_batch_matmul_hybrid(OpContext& ctx) {
  auto& s = ctx.make_state<BatchMatMulHybridState>();
  static_cast<BatchMatMulShapes&>(s) = prepare_batch_matmul_shapes(ctx);
  ctx.check(ctx.input(1).quant().scale.size() == 1, "int8 rhs '", ctx.input(1).name(), "' has ",
            ctx.input(1).quant().scale.size(), " scales, expected 1 (per-tensor weights)");
  s.stage.weight_scales = hybrid_weight_scales(ctx, 1, 0);
  s.stage.input_scale_first = ctx.arithmetic() == arith::Arithmetic::kRuntime;
  s.how = s.stage.input_scale_first ? InputQuantization::kXnnpack
          : ctx.options<tflite::BatchMatMulOptionsT>().asymmetric_quantize_inputs
              ? InputQuantization::kTfliteAsymmetric
              : InputQuantization::kTfliteSymmetric;
  const int64_t depth = s.adj_x ? ctx.input(0).dim(-2) : ctx.input(0).dim(-1);
  s.row.resize(static_cast<size_t>(depth));
  s.quantized.resize(static_cast<size_t>(depth));
}

void eval_batch_matmul_hybrid(OpContext& ctx) {
  auto& s = ctx.state<BatchMatMulHybridState>();
  const TensorBuffer& lhs = ctx.input(0);
  const TensorBuffer& rhs = ctx.input(1);
  TensorBuffer& output = ctx.output(0);
  const BatchMatMulShapes::Matrix m = s.matrix(lhs, output);
  const float* a = lhs.as<float>();
  const int8_t* b = rhs.as<int8_t>();
  float* out = output.as<float>();

  BroadcastIndex(s.lhs_batch, s.rhs_batch, s.out_batch)
      .for_each([&](int64_t ob, int64_t lb, int64_t rb) {
        const float* x = a + lb * m.rows * m.depth;
        const int8_t* y = b + rb * m.depth * m.cols;
        float* z = out + ob * m.rows * m.cols;
        for (int64_t i = 0; i < m.rows; ++i) {
          for (int64_t k = 0; k < m.depth; ++k)
            s.row[static_cast<size_t>(k)] = x[i * m.lhs_i + k * m.lhs_k];
          const InputQuant q = quantize_inputs(s.how, s.row.data(), m.depth, s.quantized.data());
          for (int64_t j = 0; j < m.cols; ++j) {
            int64_t acc = 0;
            for (int64_t k = 0; k < m.depth; ++k)
              acc += (s.quantized[static_cast<size_t>(k)] - q.zero_point) *
                     y[k * m.rhs_k + j * m.rhs_j];
            z[i * m.cols + j] = s.stage.output(static_cast<int32_t>(acc), q.scale, 0, 0.0f);
          }
        }
      });
}

}  // namespace lq::ref
