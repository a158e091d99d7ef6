// CONV_2D, hybrid (hybrid.h): float NHWC input, int8 filter [out_ch, kh, kw, in_ch / groups] per
// tensor or per output channel, optional float bias. Each input image is quantized on its own (one
// scale and zero point per batch element; per pixel for a 1x1 filter with stride 1 under
// kRuntime); taps in the padding read the zero point, i.e. real 0.
// Arithmetic::kRuntime is what LiteRT.js runs: XNNPACK's dynamically quantized convolution (qd8).
// kTfliteReference is TFLite's hybrid kernel: images asymmetric with a per-channel filter,
// symmetric with a per-tensor one.
#include "kernels/reference/hybrid.h"
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

struct ConvHybridState : ConvGeometry {
  InputQuantization how = InputQuantization::kXnnpack;
  HybridStage stage;
  int64_t run = 0;                // inputs quantized together: an image, or one pixel (below)
  std::vector<int8_t> quantized;  // the whole input
  std::vector<InputQuant> runs;
};

// XNNPACK runs a 1x1 convolution with stride 1 as a matrix product over pixels and quantizes each
// pixel on its own (measured); other convolutions, and TFLite's kernel always, quantize per image.
bool per_pixel(const OpContext& ctx, const ConvGeometry& g) {
  const TensorBuffer& filter = ctx.input(1);
  return ctx.arithmetic() == arith::Arithmetic::kRuntime && filter.dim(1) == 1 &&
         filter.dim(2) == 1 && g.stride_h == 1 && g.stride_w == 1;
}

}  // namespace

void prepare_conv_2d_hybrid(OpContext& ctx) {
  const int32_t out_channels = check_conv_2d_shapes(ctx);
  auto& s = ctx.make_state<ConvHybridState>();
  const auto& options = ctx.options<tflite::Conv2DOptionsT>();
  s.stage = prepare_hybrid_stage(ctx, out_channels, 0, options.fused_activation_function);
  static_cast<ConvGeometry&>(s) = conv_2d_geometry(ctx, out_channels);
  s.stage.input_scale_first = ctx.arithmetic() == arith::Arithmetic::kRuntime;
  const TensorBuffer& input = ctx.input(0);
  const int64_t run = per_pixel(ctx, s)  ? input.dim(3)
                      : input.dim(0) > 0 ? input.elements() / input.dim(0)
                                         : 0;
  s.run = std::max<int64_t>(run, 1);  // an empty input has no runs
  s.how = s.stage.input_scale_first         ? InputQuantization::kXnnpack
          : ctx.input(1).quant().per_axis() ? InputQuantization::kTfliteAsymmetric
                                            : InputQuantization::kTfliteSymmetric;
}

void eval_conv_2d_hybrid(OpContext& ctx) {
  auto& s = ctx.state<ConvHybridState>();
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& filter = ctx.input(1);
  TensorBuffer& output = ctx.output(0);
  const int8_t* weights = filter.as<int8_t>();
  const float* bias = optional_bias(ctx, 2);
  float* out = output.as<float>();
  const int32_t filter_c = filter.dim(3);
  const int32_t per_group = s.out_channels / (input.dim(3) / filter_c);

  s.quantized.resize(static_cast<size_t>(input.elements()));
  s.runs.resize(static_cast<size_t>(input.elements() / s.run));
  for (size_t r = 0; r < s.runs.size(); ++r) {
    const int64_t at = static_cast<int64_t>(r) * s.run;
    s.runs[r] = quantize_inputs(s.how, input.as<float>() + at, s.run, s.quantized.data() + at);
  }

  for_each_window(s, output.shape, [&](const Window& w) {
    // Per pixel, the window is the one pixel (iy, ix) = (out_y, out_x).
    const int64_t first =
        offset4(input.shape, w.batch, std::max(w.in_y, 0), std::max(w.in_x, 0), 0);
    const InputQuant q = s.runs[static_cast<size_t>(first / s.run)];
    for (int32_t oc = 0; oc < s.out_channels; ++oc) {
      const int32_t channel_base = (oc / per_group) * filter_c;
      int64_t acc = 0;
      for_each_tap(s, w, input.shape, filter.shape,
                   [&](int32_t fy, int32_t fx, int32_t iy, int32_t ix) {
                     const int8_t* in_px =
                         s.quantized.data() + offset4(input.shape, w.batch, iy, ix, channel_base);
                     const int8_t* w_px = weights + offset4(filter.shape, oc, fy, fx, 0);
                     for (int32_t ic = 0; ic < filter_c; ++ic)
                       acc += (in_px[ic] - q.zero_point) * w_px[ic];
                   });
      out[offset4(output.shape, w.batch, w.out_y, w.out_x, oc)] = s.stage.output(
          static_cast<int32_t>(acc), q.scale, static_cast<size_t>(oc), bias ? bias[oc] : 0.0f);
    }
  });
}

}  // namespace lq::ref
