#include "kernels/reference/hybrid.h"

#include <algorithm>
#include <cmath>

#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

constexpr int32_t kQMin = -128, kQMax = 127;

// The range [min(0, min x), max(0, max x)] of a run, so that 0 is exactly representable.
std::pair<float, float> zero_inclusive_range(const float* x, int64_t n) {
  const auto [lo, hi] = std::minmax_element(x, x + n);
  return {std::min(0.0f, n > 0 ? *lo : 0.0f), std::max(0.0f, n > 0 ? *hi : 0.0f)};
}

InputQuant tflite_symmetric(const float* x, int64_t n, int8_t* q) {
  const auto [lo, hi] = zero_inclusive_range(x, n);
  const float range = std::max(std::abs(lo), std::abs(hi));
  const float inv = 127.0f / range;
  for (int64_t i = 0; i < n; ++i)
    q[i] = static_cast<int8_t>(std::clamp(static_cast<int32_t>(std::round(x[i] * inv)), -127, 127));
  return {range / 127.0f, 0};
}

InputQuant tflite_asymmetric(const float* x, int64_t n, int8_t* q, bool zero_point_first) {
  const auto [lo, hi] = zero_inclusive_range(x, n);
  const double rmin = lo, rmax = hi;
  const double scale = (rmax - rmin) / (kQMax - kQMin);
  // The zero point from whichever end loses less precision, nudged onto an integer in range.
  const double from_min = kQMin - rmin / scale, from_max = kQMax - rmax / scale;
  const double error_min = std::abs(static_cast<double>(kQMin)) + std::abs(rmin / scale);
  const double error_max = std::abs(static_cast<double>(kQMax)) + std::abs(rmax / scale);
  const double zero_point = error_min < error_max ? from_min : from_max;
  const int32_t nudged = zero_point <= kQMin   ? kQMin
                         : zero_point >= kQMax ? kQMax
                                               : static_cast<int32_t>(std::round(zero_point));
  const float stored = static_cast<float>(scale);
  const float inv = 1.0f / stored;
  for (int64_t i = 0; i < n; ++i) {
    const float scaled = inv * x[i];
    const int32_t v = zero_point_first
                          ? static_cast<int32_t>(std::round(scaled + static_cast<float>(nudged)))
                          : static_cast<int32_t>(std::round(scaled)) + nudged;
    q[i] = static_cast<int8_t>(std::clamp(v, kQMin, kQMax));
  }
  return {stored, nudged};
}

InputQuant xnnpack_qd8(const float* x, int64_t n, int8_t* q) {
  const auto [rmin, rmax] = zero_inclusive_range(x, n);
  const float s = static_cast<float>(kQMax - kQMin) / (rmax - rmin);
  const float descaled_min = rmin * s, descaled_max = rmax * s;
  const float zero_point = (kQMin + descaled_min) + (kQMax + descaled_max) > 0
                               ? static_cast<float>(kQMin) - descaled_min
                               : static_cast<float>(kQMax) - descaled_max;
  const auto nudged = static_cast<int32_t>(
      std::nearbyint(std::clamp(zero_point, static_cast<float>(kQMin), static_cast<float>(kQMax))));
  for (int64_t i = 0; i < n; ++i) {
    const int32_t v = static_cast<int32_t>(std::nearbyint(x[i] * s)) + nudged;
    q[i] = static_cast<int8_t>(std::clamp(v, kQMin, kQMax));
  }
  return {1.0f / s, nudged};
}

}  // namespace

InputQuant quantize_inputs(InputQuantization how, const float* x, int64_t n, int8_t* q) {
  const auto [lo, hi] = zero_inclusive_range(x, n);
  if (lo == hi) {  // all zeros: every runtime writes zeros with scale 1
    std::fill(q, q + n, int8_t{0});
    return {};
  }
  switch (how) {
    case InputQuantization::kTfliteSymmetric: return tflite_symmetric(x, n, q);
    case InputQuantization::kTfliteAsymmetric: return tflite_asymmetric(x, n, q, false);
    case InputQuantization::kTfliteAsymmetricZeroPointFirst:
      return tflite_asymmetric(x, n, q, true);
    case InputQuantization::kXnnpack: return xnnpack_qd8(x, n, q);
  }
  return {};
}

std::vector<float> hybrid_weight_scales(const OpContext& ctx, int32_t channels, int axis) {
  check_type(ctx, ctx.input(0), ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  const TensorBuffer& w = ctx.input(1);
  const ir::QuantParams& q = w.quant();
  const size_t n = q.scale.size();
  ctx.check(n > 0, "int8 weights '", w.name(),
            "' have no quantization scale, expected one or one per",
            " output channel (a hybrid op reads symmetric int8 weights)");
  ctx.check(n == 1 || (n == static_cast<size_t>(channels) && q.axis == axis), "int8 weights '",
            w.name(), "' have ", n, " scales along axis ", q.axis, ", expected 1 or ", channels,
            " along axis ", axis);
  ctx.check(q.zero_point.size() == n, "int8 weights '", w.name(), "' have ", q.zero_point.size(),
            " zero points for ", n, " scales");
  for (size_t c = 0; c < n; ++c) {
    ctx.check(q.zero_point[c] == 0, "int8 weights '", w.name(), "' have zero point ",
              q.zero_point[c], " at ", c, ", expected 0 (hybrid weights are symmetric)");
    ctx.check(std::isfinite(q.scale[c]) && q.scale[c] > 0, "int8 weights '", w.name(),
              "' have scale ", q.scale[c], " at ", c, ", expected a positive finite scale");
  }
  return n == 1 ? std::vector<float>(static_cast<size_t>(channels), q.scale[0]) : q.scale;
}

HybridStage prepare_hybrid_stage(const OpContext& ctx, int32_t out_channels, int filter_axis,
                                 tflite::ActivationFunctionType activation) {
  HybridStage stage;
  stage.weight_scales = hybrid_weight_scales(ctx, out_channels, filter_axis);
  check_optional_bias(ctx, 2, out_channels);
  stage.range = activation_range(ctx, activation);
  return stage;
}

}  // namespace lq::ref
