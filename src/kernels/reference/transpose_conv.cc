// TRANSPOSE_CONV, float. Inputs: output_shape (constant int32 [4]), weights [out_ch, kh, kw, in_ch],
// input [n, h, w, in_ch], optional bias [out_ch]. As TFLite's reference: the output is zeroed, each
// input element is scattered into it, then the bias is added and the fused clamp activation (when
// the options carry one) applied. Padding is TFLite's, computed from the requested output size.
#include "kernels/reference/transpose_conv_scatter.h"

namespace lq::ref {
namespace {

struct TransposeConvState {
  TransposeConvGeometry geometry;
  ActivationRange range;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 3, 4, 1);
  TransposeConvState& state = ctx.make_state<TransposeConvState>();
  state.geometry = prepare_transpose_conv_geometry(ctx);
  check_type(ctx, ctx.input(1), ElementType::kFloat32);
  check_type(ctx, ctx.input(2), ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  check_optional_bias(ctx, 3, ctx.input(1).dim(0));
  state.range =
      activation_range(ctx, ctx.options<tflite::TransposeConvOptionsT>().fused_activation_function);
}

void eval(OpContext& ctx) {
  const TransposeConvState& s = ctx.state<TransposeConvState>();
  TensorBuffer& output = ctx.output(0);
  float* out = output.as<float>();
  const int64_t count = output.elements();
  std::fill(out, out + count, 0.0f);
  transpose_conv_scatter(ctx.input(2), ctx.input(1), output, s.geometry);
  const float* bias = optional_bias(ctx, 3);
  const int64_t channels = output.dim(3);
  for (int64_t i = 0; i < count; ++i)
    out[i] = clamp_activation(out[i] + (bias ? bias[i % channels] : 0.0f), s.range);
}

}  // namespace

LQ_REGISTER_KERNEL(TRANSPOSE_CONV, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
