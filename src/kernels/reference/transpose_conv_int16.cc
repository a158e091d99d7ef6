// TRANSPOSE_CONV, 16x8: output_shape (constant int32 [4]), int8 weights [out_ch, kh, kw, in_ch]
// (symmetric, per tensor or per output channel along axis 0), int16 data and output (per tensor,
// zero point 0), optional int64 bias [out_ch]. Geometry as the float kernel
// (transpose_conv_scatter.h). Each output is the exact int64 sum bias[oc] + sum x * w over the
// inputs that reach it, scaled by TFLite's int64 MultiplyByQuantizedMultiplier (multiplier reduced
// to 16 bits, one rounding; Int16OutputStage, quantized_int16.h). XNNPACK runs no int16
// activations, so LiteRT.js runs TFLite's kernel under both arithmetics (measured:
// tests/models/transpose_conv_int_kernels_test.cc).
#include <vector>

#include "kernels/reference/quantized.h"
#include "kernels/reference/quantized_int16.h"
#include "kernels/reference/transpose_conv_scatter.h"

namespace lq::ref {
namespace {

struct TransposeConvInt16State {
  TransposeConvGeometry geometry;
  Int16OutputStage stage;
};

void check_bias(const OpContext& ctx, int32_t channels) {
  if (!ctx.has_input(3)) return;
  const TensorBuffer& bias = ctx.input(3);
  check_type(ctx, bias, ElementType::kInt64);
  ctx.check(bias.elements() == channels, "bias '", bias.name(), "' has shape ",
            shape_string(bias.shape), ", expected ", channels,
            " elements (one per output channel)");
}

void prepare(OpContext& ctx) {
  check_io_count(ctx, 3, 4, 1);
  TransposeConvInt16State& state = ctx.make_state<TransposeConvInt16State>();
  state.geometry = prepare_transpose_conv_geometry(ctx);
  const int32_t channels = ctx.input(1).dim(0);
  const float input_scale = int16_per_tensor(ctx, ctx.input(2), "input");
  const float output_scale = int16_per_tensor(ctx, ctx.output(0), "output");
  const std::vector<float> weight_scales = int8_filter_scales(ctx, channels, 0);
  check_bias(ctx, channels);

  Int16OutputStage& stage = state.stage;
  stage.how = arith::Int64Rounding::kReducedMultiplier;
  for (float ws : weight_scales)
    stage.multipliers.push_back(arith::quantize_multiplier(
        static_cast<double>(input_scale) * ws / static_cast<double>(output_scale)));
  stage.range = int16_activation_range(
      ctx, ctx.options<tflite::TransposeConvOptionsT>().fused_activation_function, output_scale);
}

void eval(OpContext& ctx) {
  const TransposeConvInt16State& s = ctx.state<TransposeConvInt16State>();
  TensorBuffer& output = ctx.output(0);
  const int64_t count = output.elements();
  std::vector<int64_t> acc(static_cast<size_t>(count), 0);
  transpose_conv_scatter_into<int16_t, int8_t, int64_t>(ctx.input(2), ctx.input(1), output.shape,
                                                        acc.data(), s.geometry, 0);
  const int64_t* bias = optional_int64_bias(ctx, 3);
  const int64_t channels = output.dim(3);
  int16_t* out = output.as<int16_t>();
  for (int64_t i = 0; i < count; ++i) {
    const auto c = static_cast<size_t>(i % channels);
    out[i] = s.stage.requantize(add_bias(bias, c, acc[static_cast<size_t>(i)]), c);
  }
}

}  // namespace

LQ_REGISTER_KERNEL(TRANSPOSE_CONV, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
