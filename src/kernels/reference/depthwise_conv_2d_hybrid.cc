// DEPTHWISE_CONV_2D, hybrid (hybrid.h): float NHWC input, int8 filter [1, kh, kw, in_ch *
// multiplier] per tensor or per output channel (axis 3), optional float bias. Each input image is
// quantized on its own; taps in the padding read the zero point, i.e. real 0.
// LiteRT.js runs TFLite's own hybrid kernel here, not XNNPACK: images quantized asymmetrically with
// TFLite's zero point (XNNPACK's rounds differently), the zero point added before rounding, outputs
// (acc * input_scale) * weight_scale + bias (Arithmetic::kRuntime). kTfliteReference rounds as
// TFLite's portable code does (round, then add the zero point). That kernel reads one scale
// per output channel even when the file holds one (LiteRT.js returns NaN and 1e33 then), so
// dynamic-range mode repeats a per-tensor scale per channel; here one scale serves every channel.
#include "kernels/reference/hybrid.h"
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

struct DepthwiseHybridState : DepthwiseGeometry {
  InputQuantization how = InputQuantization::kTfliteAsymmetricZeroPointFirst;
  HybridStage stage;
  std::vector<int8_t> quantized;  // the whole input
  std::vector<InputQuant> images;
};

}  // namespace

void prepare_depthwise_conv_2d_hybrid(OpContext& ctx) {
  const int32_t out_channels = check_depthwise_shapes(ctx);
  auto& s = ctx.make_state<DepthwiseHybridState>();
  const auto& options = ctx.options<tflite::DepthwiseConv2DOptionsT>();
  s.stage = prepare_hybrid_stage(ctx, out_channels, 3, options.fused_activation_function);
  static_cast<DepthwiseGeometry&>(s) = depthwise_geometry(ctx, out_channels);
  if (ctx.arithmetic() == arith::Arithmetic::kTfliteReference)
    s.how = InputQuantization::kTfliteAsymmetric;
}

void eval_depthwise_conv_2d_hybrid(OpContext& ctx) {
  auto& s = ctx.state<DepthwiseHybridState>();
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& filter = ctx.input(1);
  TensorBuffer& output = ctx.output(0);
  const int8_t* weights = filter.as<int8_t>();
  const float* bias = optional_bias(ctx, 2);
  float* out = output.as<float>();

  const int64_t image = input.dim(0) > 0 ? input.elements() / input.dim(0) : 0;
  s.quantized.resize(static_cast<size_t>(input.elements()));
  s.images.resize(static_cast<size_t>(input.dim(0)));
  for (int32_t b = 0; b < input.dim(0); ++b)
    s.images[static_cast<size_t>(b)] = quantize_inputs(s.how, input.as<float>() + b * image, image,
                                                       s.quantized.data() + b * image);

  for_each_window(s, output.shape, [&](const Window& w) {
    const InputQuant q = s.images[static_cast<size_t>(w.batch)];
    for (int32_t oc = 0; oc < s.out_channels; ++oc) {
      const int32_t ic = oc / s.multiplier;
      int64_t acc = 0;
      for_each_tap(
          s, w, input.shape, filter.shape, [&](int32_t fy, int32_t fx, int32_t iy, int32_t ix) {
            acc += (s.quantized[static_cast<size_t>(offset4(input.shape, w.batch, iy, ix, ic))] -
                    q.zero_point) *
                   weights[offset4(filter.shape, 0, fy, fx, oc)];
          });
      out[offset4(output.shape, w.batch, w.out_y, w.out_x, oc)] = s.stage.output(
          static_cast<int32_t>(acc), q.scale, static_cast<size_t>(oc), bias ? bias[oc] : 0.0f);
    }
  });
}

}  // namespace lq::ref
