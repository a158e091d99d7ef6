// TRANSPOSE_CONV, int8: output_shape (constant int32 [4]), int8 weights [out_ch, kh, kw, in_ch]
// (symmetric, per tensor or per output channel along axis 0), int8 data (per tensor), optional
// int32 bias [out_ch] at input_scale * weight_scale; int8 output (per tensor). Geometry as the
// float kernel (transpose_conv_scatter.h). Each output is the exact int32 sum
// bias[oc] + sum (x - input_zero_point) * w over the inputs that reach it, requantized per output
// channel by the plan's arithmetic (Int8OutputStage, quantized.h): LiteRT.js's XNNPACK delegate
// runs int8 TRANSPOSE_CONV as a deconvolution with its float32 requantization (kRuntime), TFLite's
// reference kernel uses the double-rounding Q31 multiply (kTfliteReference); measured in
// tests/models/transpose_conv_int_kernels_test.cc.
#include <vector>

#include "kernels/reference/quantized.h"
#include "kernels/reference/transpose_conv_scatter.h"

namespace lq::ref {
namespace {

struct TransposeConvInt8State {
  TransposeConvGeometry geometry;
  int32_t input_zero_point = 0;
  Int8OutputStage stage;
};

void check_bias(const OpContext& ctx, int32_t channels) {
  if (!ctx.has_input(3)) return;
  const TensorBuffer& bias = ctx.input(3);
  check_type(ctx, bias, ElementType::kInt32);
  ctx.check(bias.elements() == channels, "bias '", bias.name(), "' has shape ",
            shape_string(bias.shape), ", expected ", channels,
            " elements (one per output channel)");
}

void prepare(OpContext& ctx) {
  check_io_count(ctx, 3, 4, 1);
  TransposeConvInt8State& state = ctx.make_state<TransposeConvInt8State>();
  state.geometry = prepare_transpose_conv_geometry(ctx);
  const int32_t channels = ctx.input(1).dim(0);
  const Int8Quant in = int8_per_tensor(ctx, ctx.input(2), "input");
  const Int8Quant out = int8_per_tensor(ctx, ctx.output(0), "output");
  const std::vector<float> weight_scales = int8_filter_scales(ctx, channels, 0);
  check_bias(ctx, channels);

  state.input_zero_point = in.zero_point;
  Int8OutputStage& stage = state.stage;
  stage.float32 = ctx.arithmetic() == arith::Arithmetic::kRuntime;
  stage.zero_point = out.zero_point;
  for (float ws : weight_scales) {
    stage.scales.push_back(arith::float32_requantization_scale(in.scale, ws, out.scale));
    // TFLite computes the real multiplier in double.
    stage.multipliers.push_back(arith::quantize_multiplier(
        static_cast<double>(in.scale) * ws / static_cast<double>(out.scale)));
  }
  const Int8Range range = int8_activation_range(
      ctx, ctx.options<tflite::TransposeConvOptionsT>().fused_activation_function, out,
      stage.float32);
  stage.lo = range.lo;
  stage.hi = range.hi;
}

void eval(OpContext& ctx) {
  const TransposeConvInt8State& s = ctx.state<TransposeConvInt8State>();
  TensorBuffer& output = ctx.output(0);
  const int64_t count = output.elements();
  std::vector<int64_t> acc(static_cast<size_t>(count), 0);
  transpose_conv_scatter_into<int8_t, int8_t, int64_t>(ctx.input(2), ctx.input(1), output.shape,
                                                       acc.data(), s.geometry,
                                                       s.input_zero_point);
  const int32_t* bias = optional_int32_bias(ctx, 3);
  const int64_t channels = output.dim(3);
  int8_t* out = output.as<int8_t>();
  for (int64_t i = 0; i < count; ++i) {
    const auto c = static_cast<size_t>(i % channels);
    out[i] = s.stage.requantize(accumulator(acc[static_cast<size_t>(i)] + (bias ? bias[c] : 0)), c);
  }
}

}  // namespace

LQ_REGISTER_KERNEL(TRANSPOSE_CONV, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
