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
  Int8Affine affine;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 3, 4, 1);
  TransposeConvInt8State& state = ctx.make_state<TransposeConvInt8State>();
  state.geometry = prepare_transpose_conv_geometry(ctx);
  state.affine = prepare_int8_affine(
      ctx, ctx.input(1).dim(0), 0,
      ctx.options<tflite::TransposeConvOptionsT>().fused_activation_function, {2, 3});
}

void eval(OpContext& ctx) {
  const TransposeConvInt8State& s = ctx.state<TransposeConvInt8State>();
  TensorBuffer& output = ctx.output(0);
  const int64_t count = output.elements();
  std::vector<int64_t> acc(static_cast<size_t>(count), 0);
  transpose_conv_scatter_into<int8_t, int8_t, int64_t>(ctx.input(2), ctx.input(1), output.shape,
                                                       acc.data(), s.geometry,
                                                       s.affine.input_zero_point);
  const int32_t* bias = optional_int32_bias(ctx, 3);
  const int64_t channels = output.dim(3);
  int8_t* out = output.as<int8_t>();
  for (int64_t i = 0; i < count; ++i) {
    const auto c = static_cast<size_t>(i % channels);
    out[i] = s.affine.stage.requantize(accumulator(acc[static_cast<size_t>(i)] + (bias ? bias[c] : 0)), c);
  }
}

}  // namespace

LQ_REGISTER_KERNEL(TRANSPOSE_CONV, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
