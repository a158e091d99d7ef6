// Elementwise binary ops with NumPy broadcasting: arithmetic with a fused activation (ADD, SUB,
// MUL, DIV, ...), comparisons, MAXIMUM/MINIMUM, and the generic typed form that other ops (PRELU,
// POW, ...) build on. Each op file supplies the scalar function.
#pragma once

#include <type_traits>

#include "kernels/reference/common.h"

namespace lq::ref {

// Checks two inputs of type `in` and an output of type `out`, and sets the broadcast output shape.
void prepare_binary(OpContext& ctx, ElementType in, ElementType out);
// The same with `in` the type of input 0 (the type the kernel is registered for) and an output of
// that type, or bool for comparisons.
void prepare_binary_same(OpContext& ctx);
void prepare_comparison(OpContext& ctx);

// out = fn(a, b) over the broadcast of inputs 0 and 1; In and Out are the C++ element types.
template <class In, class Out, class Fn> void eval_binary(OpContext& ctx, Fn fn) {
  const TensorBuffer& a = ctx.input(0);
  const TensorBuffer& b = ctx.input(1);
  TensorBuffer& out = ctx.output(0);
  const In* pa = a.as<In>();
  const In* pb = b.as<In>();
  Out* po = out.as<Out>();
  BroadcastIndex(a.shape, b.shape, out.shape).for_each([&](int64_t o, int64_t i, int64_t j) {
    po[o] = fn(pa[i], pb[j]);
  });
}

// Calls fn(T{}) with the C++ type of a numeric `type` (float32, int8, uint8, int16, int32, int64);
// fails naming the op for any other type. Kernels registered for several types dispatch with it.
template <class Fn> void with_number_type(const OpContext& ctx, ElementType type, Fn&& fn) {
  switch (type) {
    case ElementType::kFloat32: fn(float{}); return;
    case ElementType::kInt8: fn(int8_t{}); return;
    case ElementType::kUInt8: fn(uint8_t{}); return;
    case ElementType::kInt16: fn(int16_t{}); return;
    case ElementType::kInt32: fn(int32_t{}); return;
    case ElementType::kInt64: fn(int64_t{}); return;
    default: ctx.fail("no kernel for ", element_type_name(type), " inputs");
  }
}

// MAXIMUM, MINIMUM: the types TFLite's kernels take.
inline constexpr ElementType kMinMaxTypes[] = {ElementType::kFloat32, ElementType::kInt8,
                                               ElementType::kUInt8,   ElementType::kInt16,
                                               ElementType::kInt32,   ElementType::kInt64};

// Comparisons: the types of TFLite's GREATER, LESS, ... kernels; EQUAL and NOT_EQUAL also take bool.
// int8 has its own kernel (comparison_int8.cc), which rescales quantized inputs as TFLite does.
inline constexpr ElementType kComparisonTypes[] = {ElementType::kFloat32, ElementType::kUInt8,
                                                   ElementType::kInt32, ElementType::kInt64};
inline constexpr ElementType kEqualityTypes[] = {ElementType::kFloat32, ElementType::kUInt8,
                                                 ElementType::kInt32,   ElementType::kInt64,
                                                 ElementType::kBool};

// out = cmp(a, b) as bool, for the input type (any of kEqualityTypes).
template <class Cmp> void eval_comparison(OpContext& ctx, Cmp cmp) {
  auto run = [&](auto tag) {
    using T = decltype(tag);
    eval_binary<T, bool>(ctx, [&](T a, T b) { return cmp(a, b); });
  };
  if (ctx.input(0).type == ElementType::kBool) run(bool{});
  else with_number_type(ctx, ctx.input(0).type, run);
}

struct BinaryState {
  ActivationRange range;
};

// Arithmetic (ADD, SUB, MUL, DIV) on float32, int32 or int64: two inputs and the output of one
// type; keeps the fused activation's range.
void prepare_binary_arith(OpContext& ctx, tflite::ActivationFunctionType activation);

// The fused activation clamps in T, as TFLite's integer kernels do (RELU6 -> [0, 6]).
template <class T, class Fn> void eval_binary_arith(OpContext& ctx, Fn fn) {
  const ActivationRange range = ctx.state<BinaryState>().range;
  if constexpr (std::is_floating_point_v<T>) {
    eval_binary<T, T>(ctx, [&](T a, T b) { return clamp_activation(fn(a, b), range); });
  } else {
    // The range's bounds are whole numbers or infinite: saturate them to T.
    auto bound = [](float v) {
      if (v <= static_cast<float>(std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
      if (v >= static_cast<float>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
      return static_cast<T>(v);
    };
    const T lo = bound(range.lo), hi = bound(range.hi);
    eval_binary<T, T>(ctx, [&](T a, T b) { return std::clamp(fn(a, b), lo, hi); });
  }
}

// Integer ADD, SUB and MUL wrap around on overflow (computed unsigned: no undefined behaviour);
// TFLite leaves overflow undefined. Floats compute as usual.
template <class T, class Fn> T wrapping(T a, T b, Fn fn) {
  if constexpr (std::is_floating_point_v<T>) {
    return fn(a, b);
  } else {
    static_assert(sizeof(T) >= sizeof(unsigned), "narrow types would promote to signed int");
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(fn(static_cast<U>(a), static_cast<U>(b)));
  }
}

}  // namespace lq::ref
