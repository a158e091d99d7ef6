// LEAKY_RELU: out = x > 0 ? x : alpha * x, alpha from the options.
#include "kernels/reference/unary.h"

namespace lq::ref {
namespace {

struct State {
  float alpha = 0.0f;
};

void prepare(OpContext& ctx) {
  prepare_unary_float(ctx);
  ctx.make_state<State>().alpha = ctx.options<tflite::LeakyReluOptionsT>().alpha;
}

void eval(OpContext& ctx) {
  const float alpha = ctx.state<State>().alpha;
  eval_unary_float(ctx, [alpha](float x) { return x > 0.0f ? x : x * alpha; });
}

}  // namespace

LQ_REGISTER_KERNEL(LEAKY_RELU, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
