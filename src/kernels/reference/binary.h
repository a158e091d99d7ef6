// Float elementwise binary ops with NumPy broadcasting and a fused activation (ADD, SUB, MUL, DIV,
// ...). Each op file supplies the scalar function.
#pragma once

#include "kernels/reference/common.h"

namespace lq::ref {

struct BinaryState {
  ActivationRange range;
};

// Checks two float inputs, sets the broadcast output shape and keeps the fused activation's range.
void prepare_binary_float(OpContext& ctx, tflite::ActivationFunctionType activation);

template <class Fn> void eval_binary_float(OpContext& ctx, Fn fn) {
  const TensorBuffer& a = ctx.input(0);
  const TensorBuffer& b = ctx.input(1);
  TensorBuffer& out = ctx.output(0);
  const ActivationRange range = ctx.state<BinaryState>().range;
  const float* pa = a.as<float>();
  const float* pb = b.as<float>();
  float* po = out.as<float>();
  BroadcastIndex(a.shape, b.shape, out.shape).for_each([&](int64_t o, int64_t i, int64_t j) {
    po[o] = clamp_activation(fn(pa[i], pb[j]), range);
  });
}

}  // namespace lq::ref
