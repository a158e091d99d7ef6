// Float elementwise unary ops (activations and math functions): one float input, one float output
// of the same shape. An op file supplies the scalar function, e.g.
//   void eval(OpContext& ctx) { eval_unary_float(ctx, [](float x) { return std::exp(x); }); }
//   LQ_REGISTER_KERNEL(EXP, kFloat32, kReference, prepare_unary_float, eval);
#pragma once

#include "kernels/reference/common.h"

namespace lq::ref {

// Checks one float input and one float output, and gives the output the input's shape.
inline void prepare_unary_float(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  check_type(ctx, ctx.input(0), ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  ctx.set_output_shape(0, ctx.input(0).shape);
}

template <class Fn> void eval_unary_float(OpContext& ctx, Fn fn) {
  const TensorBuffer& in = ctx.input(0);
  const float* pi = in.as<float>();
  float* po = ctx.output(0).as<float>();
  const int64_t count = in.elements();
  for (int64_t i = 0; i < count; ++i) po[i] = fn(pi[i]);
}

}  // namespace lq::ref
