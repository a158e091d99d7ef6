// CONCATENATION: inputs of equal rank and element type that agree on every dimension but `axis`
// (negative counts from the end) are joined along it; a copy, so every fixed-size type is served
// (ONNX shape arithmetic concatenates int64 shapes). A fused clamp activation on float inputs,
// when the options carry one, is applied to the copied values; TFLite's own kernel rejects a fused
// activation here, so a model that runs there has NONE and gets a plain copy.
#include <cstring>

#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

struct ConcatState {
  int axis = 0;
  size_t element_size = 0;
  ActivationRange range;
  bool clamp = false;
};

void prepare(OpContext& ctx) {
  ctx.check(ctx.num_inputs() >= 1, "has no inputs");
  check_io_count(ctx, 1, ctx.num_inputs(), 1);
  const auto& options = ctx.options<tflite::ConcatenationOptionsT>();
  const TensorBuffer& first = ctx.input(0);
  const size_t element_size = check_copyable(ctx, ctx.output(0), first.type);
  const int rank = first.rank();
  ctx.check(rank >= 1, "input '", first.name(), "' is a scalar, expected rank 1 or more");
  const int axis = normalize_axis(ctx, options.axis, rank);

  Shape out_shape = first.shape;
  out_shape[static_cast<size_t>(axis)] = 0;
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    const TensorBuffer& t = ctx.input(i);
    check_type(ctx, t, first.type);
    bool fits = t.rank() == rank;
    for (int d = 0; fits && d < rank; ++d) fits = d == axis || t.dim(d) == first.dim(d);
    ctx.check(fits, "input ", i, " '", t.name(), "' has shape ", shape_string(t.shape),
              ", which does not match input 0 '", first.name(), "' (", shape_string(first.shape),
              ") outside axis ", axis);
    out_shape[static_cast<size_t>(axis)] += t.dim(axis);
  }
  ctx.set_output_shape(0, out_shape);

  ConcatState& state = ctx.make_state<ConcatState>();
  state.axis = axis;
  state.element_size = element_size;
  state.clamp = options.fused_activation_function != tflite::ActivationFunctionType::NONE;
  if (state.clamp) {
    check_type(ctx, first, ElementType::kFloat32);  // a fused activation only on float data
    state.range = activation_range(ctx, options.fused_activation_function);
  }
}

void eval(OpContext& ctx) {
  const ConcatState& s = ctx.state<ConcatState>();
  TensorBuffer& output = ctx.output(0);
  int64_t outer = 1;
  for (int d = 0; d < s.axis; ++d) outer *= output.dim(d);
  int64_t inner = 1;  // elements per step along the axis
  for (int d = s.axis + 1; d < output.rank(); ++d) inner *= output.dim(d);

  uint8_t* dst = output.data;
  for (int64_t o = 0; o < outer; ++o) {
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      const TensorBuffer& t = ctx.input(i);
      const int64_t chunk = t.dim(s.axis) * inner;
      const size_t bytes = static_cast<size_t>(chunk) * s.element_size;
      const uint8_t* src = t.data + static_cast<size_t>(o) * bytes;
      if (s.clamp) {
        const float* from = reinterpret_cast<const float*>(src);
        float* to = reinterpret_cast<float*>(dst);
        for (int64_t k = 0; k < chunk; ++k) to[k] = clamp_activation(from[k], s.range);
      } else if (bytes > 0) {
        std::memcpy(dst, src, bytes);
      }
      dst += bytes;
    }
  }
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(CONCATENATION, kCopyTypes, prepare, eval);

}  // namespace lq::ref
