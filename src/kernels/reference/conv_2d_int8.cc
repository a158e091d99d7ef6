// CONV_2D, int8: int8 NHWC input and output (per tensor), int8 filter [out_ch, kh, kw, in_ch /
// groups] (symmetric, per tensor or per output channel along axis 0), optional int32 bias.
// Geometry as the float kernel (stride, dilation, SAME/VALID, grouped when the filter has fewer
// input channels). Taps in the padding are skipped, which is the same as reading the input zero
// point. Each output is the exact int32 sum bias[oc] + sum (x - input_zero_point) * w, requantized
// by the plan's arithmetic (quantized.h).
#include "kernels/reference/quantized.h"
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

struct ConvInt8State : ConvGeometry {
  Int8Affine affine;
};

void prepare(OpContext& ctx) {
  const int32_t out_channels = check_conv_2d_shapes(ctx);
  ConvInt8State& state = ctx.make_state<ConvInt8State>();
  state.affine = prepare_int8_affine(
      ctx, out_channels, 0, ctx.options<tflite::Conv2DOptionsT>().fused_activation_function);
  static_cast<ConvGeometry&>(state) = conv_2d_geometry(ctx, out_channels);
}

void eval(OpContext& ctx) {
  const ConvInt8State& s = ctx.state<ConvInt8State>();
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& filter = ctx.input(1);
  TensorBuffer& output = ctx.output(0);
  const int8_t* in = input.as<int8_t>();
  const int8_t* weights = filter.as<int8_t>();
  const int32_t* bias = optional_int32_bias(ctx, 2);
  int8_t* out = output.as<int8_t>();
  const int32_t zero_point = s.affine.input_zero_point;
  const int32_t filter_c = filter.dim(3);
  const int32_t per_group = s.out_channels / (input.dim(3) / filter_c);

  for_each_window(s, output.shape, [&](const Window& w) {
    for (int32_t oc = 0; oc < s.out_channels; ++oc) {
      const int32_t channel_base = (oc / per_group) * filter_c;
      int64_t sum = bias ? bias[oc] : 0;
      for_each_tap(s, w, input.shape, filter.shape,
                   [&](int32_t fy, int32_t fx, int32_t iy, int32_t ix) {
        const int8_t* in_px = in + offset4(input.shape, w.batch, iy, ix, channel_base);
        const int8_t* w_px = weights + offset4(filter.shape, oc, fy, fx, 0);
        for (int32_t ic = 0; ic < filter_c; ++ic) sum += (in_px[ic] - zero_point) * w_px[ic];
      });
      out[offset4(output.shape, w.batch, w.out_y, w.out_x, oc)] =
          s.affine.stage.requantize(accumulator(sum), static_cast<size_t>(oc));
    }
  });
}

}  // namespace

LQ_REGISTER_KERNEL(CONV_2D, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
