// ARG_MAX and ARG_MIN: the index of the largest (smallest) element along `axis` (input 1: a
// constant int32 or int64 scalar or one-element vector; negative counts from the end), which is
// removed from the output. Indices are written as int32 or int64, following the output tensor's
// type. As in TFLite, the first of equal elements wins (the comparison is strict) and a NaN is
// never replaced. Float32, int8, uint8 and int32 inputs.
#include <functional>

#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

using ArgFn = void (*)(const void* in, void* out, int64_t outer, int64_t axis_size, int64_t inner);

template <class T, class Index, class Better>
void arg_best(const void* in, void* out, int64_t outer, int64_t axis_size, int64_t inner) {
  const T* src = static_cast<const T*>(in);
  Index* dst = static_cast<Index*>(out);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t k = 0; k < inner; ++k) {
      const T* row = src + o * axis_size * inner + k;
      T best = row[0];
      int64_t best_index = 0;
      for (int64_t i = 1; i < axis_size; ++i)
        if (Better{}(row[i * inner], best)) best = row[i * inner], best_index = i;
      dst[o * inner + k] = static_cast<Index>(best_index);
    }
}

// The loop for the input type, the output's index type and the comparison; null when unsupported.
template <template <class> class Better> ArgFn pick(ElementType in, ElementType out) {
  auto with_index = [&](auto value) -> ArgFn {
    using T = decltype(value);
    if (out == ElementType::kInt32) return arg_best<T, int32_t, Better<T>>;
    if (out == ElementType::kInt64) return arg_best<T, int64_t, Better<T>>;
    return nullptr;
  };
  switch (in) {
    case ElementType::kFloat32: return with_index(float{});
    case ElementType::kInt8: return with_index(int8_t{});
    case ElementType::kUInt8: return with_index(uint8_t{});
    case ElementType::kInt32: return with_index(int32_t{});
    default: return nullptr;
  }
}

struct State {
  ArgFn fn = nullptr;
  int64_t outer = 1, axis_size = 1, inner = 1;
};

template <template <class> class Better> void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  const TensorBuffer& in = ctx.input(0);
  const TensorBuffer& out = ctx.output(0);
  ctx.check(in.rank() > 0, "input '", in.name(), "' is a scalar");
  const int axis = normalize_axis(ctx, read_int_scalar(ctx, 1), in.rank());
  State& state = ctx.make_state<State>();
  state.fn = pick<Better>(in.type, out.type);
  ctx.check(state.fn != nullptr, "cannot take indices of ", element_type_name(in.type), " input '",
            in.name(), "' as ", element_type_name(out.type), " (output '", out.name(),
            "'); expected float32, int8, uint8 or int32 input and int32 or int64 output");
  ctx.check(in.dim(axis) > 0, "axis ", axis, " of '", in.name(), "' is empty");
  Shape shape;
  for (int d = 0; d < in.rank(); ++d) {
    if (d < axis) state.outer *= in.dim(d);
    if (d > axis) state.inner *= in.dim(d);
    if (d != axis) shape.push_back(in.dim(d));
  }
  state.axis_size = in.dim(axis);
  ctx.set_output_shape(0, std::move(shape));
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  s.fn(ctx.input(0).data, ctx.output(0).data, s.outer, s.axis_size, s.inner);
}

constexpr ElementType kInputTypes[] = {ElementType::kFloat32, ElementType::kInt8,
                                       ElementType::kUInt8, ElementType::kInt32};

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(ARG_MAX, kInputTypes, prepare<std::greater>, eval);
LQ_REGISTER_REFERENCE_KERNELS(ARG_MIN, kInputTypes, prepare<std::less>, eval);

}  // namespace lq::ref
