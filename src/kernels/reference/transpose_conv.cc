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

// Leading padding as TFLite computes it for TRANSPOSE_CONV: the padding a forward convolution from
// the output size back to the input would use.
int32_t leading_padding(tflite::Padding padding, int32_t out_size, int32_t filter, int32_t stride) {
  const PaddedDim forward = padded_dim(padding, out_size, filter, stride, 1);
  const int32_t total = (forward.out - 1) * stride + filter - out_size;
  return std::max(0, total) / 2;
}

void prepare(OpContext& ctx) {
  check_io_count(ctx, 3, 4, 1);
  const auto& options = ctx.options<tflite::TransposeConvOptionsT>();
  const TensorBuffer& shape_tensor = ctx.input(0);
  const TensorBuffer& weights = ctx.input(1);
  const TensorBuffer& input = ctx.input(2);
  check_type(ctx, shape_tensor, ElementType::kInt32);
  check_type(ctx, weights, ElementType::kFloat32);
  check_type(ctx, input, ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  check_rank(ctx, weights, 4);
  check_rank(ctx, input, 4);
  ctx.check(input.dim(3) == weights.dim(3), "weights '", weights.name(), "' have ",
            weights.dim(3), " input channels but input '", input.name(), "' has ", input.dim(3));
  check_optional_bias(ctx, 3, weights.dim(0));

  const std::vector<int64_t> dims = read_int_tensor(ctx, 0);
  ctx.check(dims.size() == 4, "output shape '", shape_tensor.name(), "' has ", dims.size(),
            " elements, expected 4");
  ctx.check(dims[0] == input.dim(0) && dims[3] == weights.dim(0) && dims[1] > 0 && dims[2] > 0,
            "output shape [", dims[0], ", ", dims[1], ", ", dims[2], ", ", dims[3],
            "] does not fit input '", input.name(), "' (", shape_string(input.shape),
            ") and weights '", weights.name(), "' (", shape_string(weights.shape), ")");
  const Shape out_shape = {input.dim(0), static_cast<int32_t>(dims[1]),
                           static_cast<int32_t>(dims[2]), weights.dim(0)};

  ctx.check(options.padding == tflite::Padding::SAME || options.padding == tflite::Padding::VALID,
            "padding ", static_cast<int>(options.padding), " is neither SAME nor VALID");
  check_positive(ctx, options.stride_h, "height stride");
  check_positive(ctx, options.stride_w, "width stride");
  check_positive(ctx, weights.dim(1), "filter height");
  check_positive(ctx, weights.dim(2), "filter width");
  ctx.set_output_shape(0, out_shape);

  TransposeConvState& state = ctx.make_state<TransposeConvState>();
  state.geometry.stride_h = options.stride_h;
  state.geometry.stride_w = options.stride_w;
  state.geometry.pad_h = leading_padding(options.padding, out_shape[1], weights.dim(1),
                                         options.stride_h);
  state.geometry.pad_w = leading_padding(options.padding, out_shape[2], weights.dim(2),
                                         options.stride_w);
  state.range = activation_range(ctx, options.fused_activation_function);
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
