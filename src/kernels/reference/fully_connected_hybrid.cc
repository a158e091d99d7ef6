// FULLY_CONNECTED, hybrid (hybrid.h): float input read as rows of `depth`, int8 weights [units,
// depth] per tensor or per unit, optional float bias. Each input row is quantized on its own.
// Arithmetic::kRuntime is what LiteRT.js runs: XNNPACK's dynamically quantized fully connected
// (qd8 rows, XNNPACK's float order), whatever asymmetric_quantize_inputs says.
// kTfliteReference is TFLite's hybrid kernel: rows symmetric, or asymmetric with the option.
#include "kernels/reference/hybrid.h"
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

struct FullyConnectedHybridState {
  InputQuantization how = InputQuantization::kXnnpack;
  HybridStage stage;
  std::vector<int8_t> row;  // one quantized input row
};

}  // namespace

void prepare_fully_connected_hybrid(OpContext& ctx) {
  const int32_t units = prepare_fully_connected_shape(ctx);
  const auto& options = ctx.options<tflite::FullyConnectedOptionsT>();
  auto& s = ctx.make_state<FullyConnectedHybridState>();
  s.stage = prepare_hybrid_stage(ctx, units, 0, options.fused_activation_function);
  s.stage.input_scale_first = ctx.arithmetic() == arith::Arithmetic::kRuntime;
  s.how = s.stage.input_scale_first            ? InputQuantization::kXnnpack
          : options.asymmetric_quantize_inputs ? InputQuantization::kTfliteAsymmetric
                                               : InputQuantization::kTfliteSymmetric;
  s.row.resize(static_cast<size_t>(ctx.input(1).dim(1)));
}

void eval_fully_connected_hybrid(OpContext& ctx) {
  auto& s = ctx.state<FullyConnectedHybridState>();
  const auto [batches, units, depth] = fully_connected_dims(ctx);
  const float* in = ctx.input(0).as<float>();
  const int8_t* w = ctx.input(1).as<int8_t>();
  const float* bias = optional_bias(ctx, 2);
  float* out = ctx.output(0).as<float>();

  for (int64_t b = 0; b < batches; ++b) {
    const InputQuant q = quantize_inputs(s.how, in + b * depth, depth, s.row.data());
    for (int64_t u = 0; u < units; ++u) {
      const int8_t* unit = w + u * depth;
      int64_t acc = 0;
      for (int64_t d = 0; d < depth; ++d)
        acc += (s.row[static_cast<size_t>(d)] - q.zero_point) * unit[d];
      out[b * units + u] = s.stage.output(static_cast<int32_t>(acc), q.scale,
                                          static_cast<size_t>(u), bias ? bias[u] : 0.0f);
    }
  }
}

}  // namespace lq::ref
