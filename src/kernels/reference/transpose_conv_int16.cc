// TRANSPOSE_CONV, 16x8: output_shape (constant int32 [4]), int8 weights [out_ch, kh, kw, in_ch]
// (symmetric, per tensor or per output channel along axis 0), int16 data and output (per tensor,
// zero point 0), optional int64 bias [out_ch]. Geometry as the float kernel
// (transpose_conv_scatter.h). Each output is the exact int64 sum bias[oc] + sum x * w over the
// inputs that reach it, scaled by TFLite's int64 MultiplyByQuantizedMultiplier (multiplier reduced
// to 16 bits, one rounding; Int16OutputStage, quantized_int16.h). XNNPACK runs no int16
// activations, so LiteRT.js runs TFLite's kernel under both arithmetics (measured:
// tests/models/transpose_conv_int_kernels_test.cc).
#include <vector>

#include "kernels/reference/quantized_int16.h"
#include "kernels/reference/transpose_conv_scatter.h"

namespace lq::ref {
namespace {

struct TransposeConvInt16State {
  TransposeConvGeometry geometry;
  Int16OutputStage stage;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 3, 4, 1);
  TransposeConvInt16State& state = ctx.make_state<TransposeConvInt16State>();
  state.geometry = prepare_transpose_conv_geometry(ctx);
  state.stage = prepare_int16_affine(
      ctx, ctx.input(1).dim(0), 0,
      ctx.options<tflite::TransposeConvOptionsT>().fused_activation_function,
      arith::Int64Rounding::kReducedMultiplier, {2, 3});
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
