#include "quant/params.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "ir/graph_edit.h"

namespace lq::quant {

namespace {

struct IntRange {
  int64_t min, max;
};

IntRange int_range(ElementType type) {
  switch (type) {
    case ElementType::kInt8: return {-128, 127};
    case ElementType::kUInt8: return {0, 255};
    case ElementType::kInt16: return {-32768, 32767};
    case ElementType::kInt32: return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
    case ElementType::kInt64: return {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()};
    default: fail("internal: ", element_type_name(type), " is not a quantized type");
  }
}

// round(x) clamped to the type's range, x in double so that int64 bias saturates instead of wrapping.
int64_t to_int(double x, IntRange r) {
  if (std::isnan(x)) return 0;
  const double rounded = std::round(x);
  if (rounded <= static_cast<double>(r.min)) return r.min;
  if (rounded >= static_cast<double>(r.max)) return r.max;
  return static_cast<int64_t>(rounded);
}

ir::Tensor like(const ir::Tensor& t, ElementType type, const char* suffix) {
  ir::Tensor q;
  q.name = ir::derived_name(t.name, suffix);
  q.type = type;
  q.shape = t.shape;
  q.shape_signature = t.shape_signature;
  q.has_rank = t.has_rank;
  return q;
}

void store(ir::Tensor& t, const std::vector<int64_t>& values) {
  const size_t size = element_size(t.type);
  t.data.resize(values.size() * size);
  for (size_t i = 0; i < values.size(); ++i) {
    switch (t.type) {
      case ElementType::kInt8: { const auto v = static_cast<int8_t>(values[i]); std::memcpy(&t.data[i], &v, 1); break; }
      case ElementType::kUInt8: t.data[i] = static_cast<uint8_t>(values[i]); break;
      case ElementType::kInt16: { const auto v = static_cast<int16_t>(values[i]); std::memcpy(&t.data[i * 2], &v, 2); break; }
      case ElementType::kInt32: { const auto v = static_cast<int32_t>(values[i]); std::memcpy(&t.data[i * 4], &v, 4); break; }
      default: std::memcpy(&t.data[i * 8], &values[i], 8); break;
    }
  }
}

// Which slice along `axis` flat element i of a row-major `shape` lies in (0 when axis < 0).
struct Slices {
  int64_t count = 1, inner = 1;
  Slices(const Shape& shape, int32_t axis) {
    if (axis < 0) return;
    count = shape[static_cast<size_t>(axis)];
    for (size_t d = static_cast<size_t>(axis) + 1; d < shape.size(); ++d) inner *= shape[d];
  }
  size_t of(int64_t i) const { return static_cast<size_t>((i / inner) % count); }
};

// max|w| / 127 per slice (1 for an all-zero slice); with `one_scale` the tensor's, once per slice.
std::vector<float> symmetric_scales(const ir::Tensor& t, const std::vector<float>& w, const Slices& slices,
                                    bool one_scale) {
  std::vector<float> max_abs(static_cast<size_t>(slices.count), 0.0f);
  for (size_t i = 0; i < w.size(); ++i) {
    LQ_CHECK(std::isfinite(w[i]), "weight tensor '", t.name, "' holds ", w[i], " at element ", i,
             ": integer weights need finite values");
    float& m = max_abs[slices.of(static_cast<int64_t>(i))];
    m = std::max(m, std::fabs(w[i]));
  }
  if (one_scale) std::fill(max_abs.begin(), max_abs.end(), *std::max_element(max_abs.begin(), max_abs.end()));
  std::vector<float> scales;
  for (float m : max_abs) scales.push_back(m > 0 ? static_cast<float>(static_cast<double>(m) / 127.0) : 1.0f);
  return scales;
}

}  // namespace

ir::QuantParams activation_params(Range range, ElementType type) {
  double lo = range.empty() ? 0.0 : std::min(range.min, 0.0f);
  double hi = range.empty() ? 0.0 : std::max(range.max, 0.0f);
  // As TFLite's converter widens a range narrower than 1e-6 (ExpandVerySmallRange): an all-zero
  // range would otherwise have no scale, and a scale of 1 or more is refused by TFLite's kernels
  // that need input scales below 1 (comparisons abort while loading).
  if (hi - lo <= kNarrowestRange) {
    lo = std::min(lo, -kNarrowestRange / 2);
    hi = std::max(hi, kNarrowestRange / 2);
  }
  const IntRange q = int_range(type);
  ir::QuantParams p;
  if (type == ElementType::kInt16) {
    p.scale = {static_cast<float>(std::max(-lo, hi) / 32767.0)};
    p.zero_point = {0};
    return p;
  }
  const double scale = (hi - lo) / static_cast<double>(q.max - q.min);
  const double zero_from_min = static_cast<double>(q.min) - lo / scale;
  p.scale = {static_cast<float>(scale)};
  p.zero_point = {to_int(zero_from_min, q)};
  return p;
}

Range value_range(const ir::Tensor& constant) {
  Range r;
  for (float v : ir::read_floats(constant)) {
    if (!std::isfinite(v)) continue;
    r.min = std::min(r.min, v);
    r.max = std::max(r.max, v);
  }
  return r;
}

ir::QuantParams shift_zero_point(const ir::QuantParams& params, ElementType from, ElementType to) {
  ir::QuantParams p = params;
  const int64_t shift = (to == ElementType::kUInt8 ? 128 : 0) - (from == ElementType::kUInt8 ? 128 : 0);
  for (int64_t& zp : p.zero_point) zp += shift;
  return p;
}

ir::Tensor quantize_weights(const ir::Tensor& weights, int32_t axis, bool one_scale) {
  LQ_CHECK(axis < static_cast<int32_t>(weights.shape.size()), "weights '", weights.name, "' have rank ",
           weights.shape.size(), ", no axis ", axis);
  const std::vector<float> values = ir::read_floats(weights);
  const Slices slices(weights.shape, axis);
  ir::Tensor q = like(weights, ElementType::kInt8, "_int8");
  q.quant.axis = std::max(axis, 0);
  q.quant.scale = symmetric_scales(weights, values, slices, one_scale);
  q.quant.zero_point.assign(q.quant.scale.size(), 0);
  std::vector<int64_t> ints(values.size());
  for (size_t i = 0; i < values.size(); ++i)
    ints[i] = to_int(static_cast<double>(values[i]) / q.quant.scale[slices.of(static_cast<int64_t>(i))], {-127, 127});
  store(q, ints);
  return q;
}

ir::Tensor quantize_bias(const ir::Tensor& bias, float input_scale, const ir::QuantParams& weight,
                         ElementType type) {
  const std::vector<float> values = ir::read_floats(bias);
  LQ_CHECK(weight.scale.size() == 1 || weight.scale.size() == values.size(), "bias '", bias.name, "' has ",
           values.size(), " values for ", weight.scale.size(), " weight scales");
  ir::Tensor q = like(bias, type, type == ElementType::kInt64 ? "_int64" : "_int32");
  const IntRange r = int_range(type);
  std::vector<int64_t> ints(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    const double scale = static_cast<double>(input_scale) * weight.scale[weight.scale.size() == 1 ? 0 : i];
    if (i < weight.scale.size()) {
      q.quant.scale.push_back(static_cast<float>(scale));
      q.quant.zero_point.push_back(0);
    }
    ints[i] = to_int(values[i] / scale, r);
  }
  store(q, ints);
  return q;
}

ir::Tensor quantize_constant(const ir::Tensor& constant, const ir::QuantParams& params, ElementType type) {
  const std::vector<float> values = ir::read_floats(constant);
  ir::Tensor q = like(constant, type, type == ElementType::kInt16 ? "_int16" : "_int8");
  q.quant = params;
  const IntRange r = int_range(type);
  std::vector<int64_t> ints(values.size());
  for (size_t i = 0; i < values.size(); ++i)
    ints[i] = to_int(static_cast<double>(values[i]) / params.scale[0], {r.min - params.zero_point[0], r.max - params.zero_point[0]}) +
              params.zero_point[0];
  store(q, ints);
  return q;
}

}  // namespace lq::quant
