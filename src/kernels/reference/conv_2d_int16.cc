// CONV_2D, 16x8: int16 NHWC input and output (per tensor, zero point 0), int8 filter [out_ch, kh,
// kw, in_ch / groups] (symmetric, per tensor or per output channel along axis 0), optional int64
// bias. Geometry as the float kernel (grouped when the filter has fewer input channels). Each
// output is the exact int64 sum bias[oc] + sum x * w (taps in the padding read zero), scaled by
// TFLite's int64 MultiplyByQuantizedMultiplier (multiplier reduced to 16 bits, one rounding), which
// LiteRT.js runs under both arithmetics (measured: tests/models/int16_kernels_test.cc).
#include "kernels/reference/quantized_int16.h"
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

using ConvInt16State = Int16ConvState<ConvGeometry>;

void prepare(OpContext& ctx) {
  const int32_t out_channels = check_conv_2d_shapes(ctx);
  prepare_int16_conv(ctx, out_channels, 0,
                     ctx.options<tflite::Conv2DOptionsT>().fused_activation_function, conv_2d_geometry);
}

void eval(OpContext& ctx) {
  const ConvInt16State& s = ctx.state<ConvInt16State>();
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& filter = ctx.input(1);
  TensorBuffer& output = ctx.output(0);
  const int16_t* in = input.as<int16_t>();
  const int8_t* weights = filter.as<int8_t>();
  const int64_t* bias = optional_int64_bias(ctx, 2);
  int16_t* out = output.as<int16_t>();
  const int32_t filter_c = filter.dim(3);
  const int32_t per_group = s.out_channels / (input.dim(3) / filter_c);

  for_each_window(s, output.shape, [&](const Window& w) {
    for (int32_t oc = 0; oc < s.out_channels; ++oc) {
      const int32_t channel_base = (oc / per_group) * filter_c;
      int64_t sum = 0;
      for_each_tap(s, w, input.shape, filter.shape,
                   [&](int32_t fy, int32_t fx, int32_t iy, int32_t ix) {
        const int16_t* in_px = in + offset4(input.shape, w.batch, iy, ix, channel_base);
        const int8_t* w_px = weights + offset4(filter.shape, oc, fy, fx, 0);
        for (int32_t ic = 0; ic < filter_c; ++ic) sum += int32_t{in_px[ic]} * w_px[ic];
      });
      const size_t channel = static_cast<size_t>(oc);
      out[offset4(output.shape, w.batch, w.out_y, w.out_x, oc)] =
          s.stage.requantize(add_bias(bias, channel, sum), channel);
    }
  });
}

}  // namespace

LQ_REGISTER_KERNEL(CONV_2D, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
