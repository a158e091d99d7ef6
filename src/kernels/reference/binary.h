// Elementwise binary ops with NumPy broadcasting: float arithmetic with a fused activation (ADD,
// SUB, MUL, DIV, ...) and the generic typed form that other ops (comparisons, PRELU) build on. Each
// op file supplies the scalar function.
#pragma once

#include "kernels/reference/common.h"

namespace lq::ref {

// Checks two inputs of type `in` and an output of type `out`, and sets the broadcast output shape.
void prepare_binary(OpContext& ctx, ElementType in, ElementType out);

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

struct BinaryState {
  ActivationRange range;
};

// Checks two float inputs, sets the broadcast output shape and keeps the fused activation's range.
void prepare_binary_float(OpContext& ctx, tflite::ActivationFunctionType activation);

template <class Fn> void eval_binary_float(OpContext& ctx, Fn fn) {
  const ActivationRange range = ctx.state<BinaryState>().range;
  eval_binary<float, float>(ctx,
                            [&](float a, float b) { return clamp_activation(fn(a, b), range); });
}

}  // namespace lq::ref
