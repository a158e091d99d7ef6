// SUB: out = activation(a - b), with broadcasting and a fused activation.
#include "kernels/reference/binary.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_binary_float(ctx, ctx.options<tflite::SubOptionsT>().fused_activation_function);
}

void eval(OpContext& ctx) {
  eval_binary_float(ctx, [](float a, float b) { return a - b; });
}

}  // namespace

LQ_REGISTER_KERNEL(SUB, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
