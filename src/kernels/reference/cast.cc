// CAST: converts elements between float32, int32, int64, int8, uint8, int16 and bool; the kernel
// is keyed by the input's type. As in TFLite: integer narrowing wraps (static_cast), x -> bool is
// x != 0, bool -> number is 0 or 1, float -> integer truncates toward zero. TFLite leaves float ->
// integer undefined for NaN and out-of-range values; here NaN gives 0 and the others saturate.
#include "kernels/reference/data_movement.h"

#include <cmath>
#include <type_traits>

namespace lq::ref {
namespace {

template <class To, class From> To convert(From x) {
  if constexpr (std::is_same_v<To, bool>) {
    return x != From(0);
  } else if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To>) {
    if (std::isnan(x)) return 0;
    // Bounds as floats: min is a power of two (exact); max + 1 is too, and values >= it saturate.
    constexpr From kLow = static_cast<From>(std::numeric_limits<To>::min());
    constexpr From kHigh = static_cast<From>(std::numeric_limits<To>::max() / 2 + 1) * 2;
    if (x <= kLow) return std::numeric_limits<To>::min();
    if (x >= kHigh) return std::numeric_limits<To>::max();
    return static_cast<To>(x);
  } else {
    return static_cast<To>(x);
  }
}

using CastFn = void (*)(const void* in, void* out, int64_t count);

template <class From, class To> void cast_all(const void* in, void* out, int64_t count) {
  const From* src = static_cast<const From*>(in);
  To* dst = static_cast<To*>(out);
  for (int64_t i = 0; i < count; ++i) dst[i] = convert<To>(src[i]);
}

// Calls fn(T{}) with the C++ type of `type`; false when the type is not one CAST handles.
template <class Fn> bool with_type(ElementType type, Fn&& fn) {
  switch (type) {
    case ElementType::kFloat32: fn(float{}); return true;
    case ElementType::kInt32: fn(int32_t{}); return true;
    case ElementType::kInt64: fn(int64_t{}); return true;
    case ElementType::kInt8: fn(int8_t{}); return true;
    case ElementType::kUInt8: fn(uint8_t{}); return true;
    case ElementType::kInt16: fn(int16_t{}); return true;
    case ElementType::kBool: fn(bool{}); return true;
    default: return false;
  }
}

struct State {
  CastFn fn = nullptr;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const TensorBuffer& in = ctx.input(0);
  const TensorBuffer& out = ctx.output(0);
  CastFn fn = nullptr;
  with_type(in.type, [&](auto from) {
    with_type(out.type, [&](auto to) { fn = cast_all<decltype(from), decltype(to)>; });
  });
  ctx.check(fn != nullptr, "cannot cast ", element_type_name(in.type), " to ",
            element_type_name(out.type));
  ctx.set_output_shape(0, in.shape);
  ctx.make_state<State>().fn = fn;
}

void eval(OpContext& ctx) {
  ctx.state<State>().fn(ctx.input(0).data, ctx.output(0).data, ctx.input(0).elements());
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(CAST, kCopyTypes, prepare, eval);

}  // namespace lq::ref
