// Shared by SUM's int8 and int16 kernels: TFLite's requantization of a quantized sum
// (QuantizedMeanOrSum with compute_sum, which LiteRT.js runs for int16 and which is litequant's
// Arithmetic::kTfliteReference for int8). In float32, rounded half away from zero, from the int32
// sum of the raw values:
//   y = int32(round(f32(sum) * s + f32(f32(-zi * s) * n))) + zo,   s = f32(si / so)
// then saturated to the output type (measured on LiteRT.js's int16 SUM).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace lq::ref {

struct TfliteSumRequantization {
  float scale = 0.0f, bias = 0.0f;
  int32_t output_zero_point = 0;

  TfliteSumRequantization() = default;
  TfliteSumRequantization(float input_scale, int32_t input_zero_point, float output_scale,
                          int32_t output_zero_point_, int64_t count)
      : scale(input_scale / output_scale),
        bias(static_cast<float>(-input_zero_point) * scale * static_cast<float>(count)),
        output_zero_point(output_zero_point_) {}

  // The result before saturation to the output type.
  int64_t operator()(int32_t sum) const {
    const float y = std::round(static_cast<float>(sum) * scale + bias);
    // Saturated first: converting a float outside int32 is undefined (TFLite's is too).
    const float bounded = std::isnan(y) ? 0.0f : std::clamp(y, -2147483648.0f, 2147483520.0f);
    return int64_t{static_cast<int32_t>(bounded)} + output_zero_point;
  }
};

template <class T> T saturate_to(int64_t v) {
  return static_cast<T>(
      std::clamp<int64_t>(v, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
}

}  // namespace lq::ref
