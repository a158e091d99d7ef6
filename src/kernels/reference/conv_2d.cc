// CONV_2D, float: NHWC input, filter [out_ch, kh, kw, in_ch / groups], optional bias [out_ch].
// Stride, dilation, SAME/VALID padding and a fused clamp activation. As TFLite's reference conv,
// a filter with fewer input channels than the input makes a grouped convolution. Each output is a
// float sum over (filter_y, filter_x, in_channel) in that order, skipping taps in the padding
// (XNNPACK reads zeros there), summed as XNNPACK's GEMM sums it (xnnpack_float.h: from the bias,
// one product at a time or in four partial sums), then the activation.
#include "kernels/reference/hybrid.h"
#include "kernels/reference/spatial.h"
#include "kernels/reference/xnnpack_float.h"

namespace lq::ref {
namespace {

struct ConvState : ConvGeometry {
  ActivationRange range;
};

// XNNPACK runs a 1x1 stride-1 convolution as a plain GEMM, others as an indirect GEMM over taps.
bool is_plain_gemm(const ConvGeometry& g, const Shape& filter) {
  return filter[1] == 1 && filter[2] == 1 && g.stride_h == 1 && g.stride_w == 1;
}

void prepare(OpContext& ctx) {
  if (has_int8_weights(ctx)) return prepare_conv_2d_hybrid(ctx);  // dynamic-range weights
  const int32_t out_channels = check_conv_2d_shapes(ctx);
  check_type(ctx, ctx.input(0), ElementType::kFloat32);
  check_type(ctx, ctx.input(1), ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  check_optional_bias(ctx, 2, out_channels);
  ConvState& state = ctx.make_state<ConvState>();
  static_cast<ConvGeometry&>(state) = conv_2d_geometry(ctx, out_channels);
  state.range =
      activation_range(ctx, ctx.options<tflite::Conv2DOptionsT>().fused_activation_function);
}

void eval(OpContext& ctx) {
  if (has_int8_weights(ctx)) return eval_conv_2d_hybrid(ctx);
  const ConvState& s = ctx.state<ConvState>();
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& filter = ctx.input(1);
  TensorBuffer& output = ctx.output(0);
  const float* in = input.as<float>();
  const float* weights = filter.as<float>();
  const float* bias = optional_bias(ctx, 2);
  float* out = output.as<float>();
  const int32_t filter_c = filter.dim(3);
  const int32_t per_group = s.out_channels / (input.dim(3) / filter_c);
  const GemmOrder order = is_plain_gemm(s, filter.shape) ? gemm_order(per_group)
                                                         : igemm_order(per_group);

  for_each_window(s, output.shape, [&](const Window& w) {
    for (int32_t oc = 0; oc < s.out_channels; ++oc) {
      const int32_t channel_base = (oc / per_group) * filter_c;
      GemmSum total(order, bias ? bias[oc] : 0.0f);
      for_each_tap(s, w, input.shape, filter.shape,
                   [&](int32_t fy, int32_t fx, int32_t iy, int32_t ix) {
        const float* in_px = in + offset4(input.shape, w.batch, iy, ix, channel_base);
        const float* w_px = weights + offset4(filter.shape, oc, fy, fx, 0);
        for (int32_t ic = 0; ic < filter_c; ++ic) total.add(ic, in_px[ic] * w_px[ic]);
      });
      out[offset4(output.shape, w.batch, w.out_y, w.out_x, oc)] =
          clamp_activation(total.result(), s.range);
    }
  });
}

}  // namespace

LQ_REGISTER_KERNEL(CONV_2D, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
