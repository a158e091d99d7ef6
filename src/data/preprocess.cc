#include "data/preprocess.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "core/error.h"
#include "core/float16.h"

namespace lq::data {

namespace {

bool is_integer(ElementType t) { return t == ElementType::kBool || is_integer_type(t); }

bool is_float(ElementType t) {
  return t == ElementType::kFloat16 || t == ElementType::kFloat32 || t == ElementType::kFloat64;
}

template <class T, class Out>
std::vector<Out> widen(const io::Array& a) {
  std::vector<Out> out(static_cast<size_t>(a.elements()));
  for (size_t i = 0; i < out.size(); ++i) {
    T v;
    std::memcpy(&v, a.data.data() + i * sizeof(T), sizeof(T));
    out[i] = static_cast<Out>(v);
  }
  return out;
}

// Every stored value as a double: exact for floats and for integers up to 2^53.
std::vector<double> as_doubles(const io::Array& a) {
  switch (a.type) {
    case ElementType::kFloat32:
      return widen<float, double>(a);
    case ElementType::kFloat64:
      return widen<double, double>(a);
    case ElementType::kFloat16: {
      std::vector<double> out = widen<uint16_t, double>(a);
      for (double& v : out) v = half_to_float(static_cast<uint16_t>(v));
      return out;
    }
    case ElementType::kBool:
      return widen<uint8_t, double>(a);
    case ElementType::kInt8:
      return widen<int8_t, double>(a);
    case ElementType::kUInt8:
      return widen<uint8_t, double>(a);
    case ElementType::kInt16:
      return widen<int16_t, double>(a);
    case ElementType::kUInt16:
      return widen<uint16_t, double>(a);
    case ElementType::kInt32:
      return widen<int32_t, double>(a);
    case ElementType::kUInt32:
      return widen<uint32_t, double>(a);
    case ElementType::kInt64:
      return widen<int64_t, double>(a);
    case ElementType::kUInt64:
      return widen<uint64_t, double>(a);
    default:
      fail("unsupported stored element type ", element_type_name(a.type));
  }
}

std::vector<int64_t> as_integers(const io::Array& a, const std::string& origin, int64_t index) {
  switch (a.type) {
    case ElementType::kBool:
      return widen<uint8_t, int64_t>(a);
    case ElementType::kInt8:
      return widen<int8_t, int64_t>(a);
    case ElementType::kUInt8:
      return widen<uint8_t, int64_t>(a);
    case ElementType::kInt16:
      return widen<int16_t, int64_t>(a);
    case ElementType::kUInt16:
      return widen<uint16_t, int64_t>(a);
    case ElementType::kInt32:
      return widen<int32_t, int64_t>(a);
    case ElementType::kUInt32:
      return widen<uint32_t, int64_t>(a);
    case ElementType::kInt64:
      return widen<int64_t, int64_t>(a);
    case ElementType::kUInt64: {
      const std::vector<uint64_t> u = widen<uint64_t, uint64_t>(a);
      for (uint64_t v : u)
        LQ_CHECK(v <= uint64_t{std::numeric_limits<int64_t>::max()}, origin, ": sample ", index,
                 " holds ", v, ", beyond int64");
      return {u.begin(), u.end()};
    }
    default:
      fail("unsupported stored element type ", element_type_name(a.type));
  }
}

// The stored sample's channel axis: how many channels, and how many values follow each step along
// it (so value i is in channel (i / inner) % count).
struct Channels {
  int64_t count = 1, inner = 1;
};

Channels channels_of(const Shape& s, Layout layout) {
  if (s.size() < 3) return {};
  const size_t axis = layout == Layout::kNhwc ? s.size() - 1 : s.size() - 3;
  Channels c{s[axis], 1};
  for (size_t d = axis + 1; d < s.size(); ++d) c.inner *= s[d];
  return c;
}

// Stored nchw samples feed a rank-4 (NHWC) input with their last three axes C, H, W made H, W, C.
bool needs_transpose(const Shape& stored, Layout layout, const InputSpec& input) {
  return layout == Layout::kNchw && input.shape.size() == 4 && stored.size() >= 3;
}

template <class T>
std::vector<T> chw_to_hwc(const std::vector<T>& in, const Shape& s) {
  const size_t n = s.size();
  const size_t C = static_cast<size_t>(s[n - 3]), H = static_cast<size_t>(s[n - 2]),
               W = static_cast<size_t>(s[n - 1]);
  const size_t plane = C * H * W;
  std::vector<T> out(in.size());
  for (size_t lead = 0; plane && lead < in.size() / plane; ++lead)
    for (size_t c = 0; c < C; ++c)
      for (size_t h = 0; h < H; ++h)
        for (size_t w = 0; w < W; ++w)
          out[lead * plane + (h * W + w) * C + c] = in[lead * plane + (c * H + h) * W + w];
  return out;
}

std::vector<float> normalize(const std::vector<double>& raw, const Channels& ch,
                             const Preprocess& pre, const std::string& origin, int64_t index) {
  for (const auto* v : {&pre.mean, &pre.std})
    LQ_CHECK(v->size() == 1 || static_cast<int64_t>(v->size()) == ch.count, origin,
             ": mean and std take 1 value or one per channel; the stored samples have ", ch.count,
             " channel(s), but ", v->size(), " values were given");
  for (float d : pre.std) LQ_CHECK(d != 0.0f && std::isfinite(d), "std must be finite and nonzero");
  std::vector<float> out(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    LQ_CHECK(std::isfinite(raw[i]), origin, ": sample ", index, " holds NaN or Inf (element ", i,
             ")");
    const size_t c = static_cast<size_t>((static_cast<int64_t>(i) / ch.inner) % ch.count);
    const float m = pre.mean[pre.mean.size() == 1 ? 0 : c],
                d = pre.std[pre.std.size() == 1 ? 0 : c];
    out[i] = (static_cast<float>(raw[i]) * pre.scale - m) / d;
  }
  return out;
}

template <class T>
void store_integers(const std::vector<int64_t>& values, io::Array& out, const std::string& origin,
                    int64_t index) {
  T* p = out.as<T>();
  for (size_t i = 0; i < values.size(); ++i) {
    LQ_CHECK(
        values[i] >= std::numeric_limits<T>::min() && values[i] <= std::numeric_limits<T>::max(),
        origin, ": sample ", index, " holds ", values[i], ", outside the range of ",
        element_type_name(out.type));
    p[i] = static_cast<T>(values[i]);
  }
}

void fill_integers(const std::vector<int64_t>& values, io::Array& out, const std::string& origin,
                   int64_t index) {
  switch (out.type) {
    case ElementType::kInt8:
      return store_integers<int8_t>(values, out, origin, index);
    case ElementType::kUInt8:
      return store_integers<uint8_t>(values, out, origin, index);
    case ElementType::kInt16:
      return store_integers<int16_t>(values, out, origin, index);
    case ElementType::kUInt16:
      return store_integers<uint16_t>(values, out, origin, index);
    case ElementType::kInt32:
      return store_integers<int32_t>(values, out, origin, index);
    case ElementType::kUInt32:
      return store_integers<uint32_t>(values, out, origin, index);
    case ElementType::kInt64:
      return store_integers<int64_t>(values, out, origin, index);
    default:
      fail("model input type ", element_type_name(out.type), " is not supported");
  }
}

void check_input_type(const io::Array& stored, const InputSpec& input, const std::string& origin) {
  const bool float_input = input.type == ElementType::kFloat32;
  LQ_CHECK(float_input || (is_integer(input.type) && input.type != ElementType::kBool), origin,
           ": model input '", input.name, "' is ", element_type_name(input.type),
           "; data can feed float32 and integer inputs");
  LQ_CHECK(is_integer(stored.type) || (float_input && is_float(stored.type)), origin, ": dtype ",
           element_type_name(stored.type), " cannot feed model input '", input.name, "' of type ",
           element_type_name(input.type),
           float_input ? "" : " (integer inputs take integer data, unscaled)");
}

}  // namespace


Layout parse_layout(const std::string& text) {
  if (text == "nhwc") return Layout::kNhwc;
  if (text == "nchw") return Layout::kNchw;
  fail("layout '", text, "': expected nhwc or nchw");
}

io::Array to_model_input(const io::Array& stored, Layout layout, const InputSpec& input,
                         const Preprocess& pre, const std::string& origin, int64_t index) {
  check_input_type(stored, input, origin);
  LQ_CHECK(stored.elements() == num_elements(input.shape), origin, ": sample ", index,
           " has shape ", shape_string(stored.shape), " (", stored.elements(),
           " elements) but model input '", input.name, "' has shape ", shape_string(input.shape),
           " (", num_elements(input.shape), " elements)");
  const bool transpose = needs_transpose(stored.shape, layout, input);
  io::Array out{
      input.type, input.shape,
      std::vector<uint8_t>(static_cast<size_t>(stored.elements()) * element_size(input.type))};
  if (input.type == ElementType::kFloat32) {
    std::vector<float> v =
        normalize(as_doubles(stored), channels_of(stored.shape, layout), pre, origin, index);
    if (transpose) v = chw_to_hwc(v, stored.shape);
    std::memcpy(out.data.data(), v.data(), out.data.size());
  } else {
    std::vector<int64_t> v = as_integers(stored, origin, index);
    if (transpose) v = chw_to_hwc(v, stored.shape);
    fill_integers(v, out, origin, index);
  }
  return out;
}

}  // namespace lq::data
