// ADD: out = activation(a + b), with broadcasting; float32, int32 and int64 (as TFLite).
#include "kernels/reference/binary.h"

#include <functional>

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_binary_arith(ctx, ctx.options<tflite::AddOptionsT>().fused_activation_function);
}

template <class T> void eval(OpContext& ctx) {
  eval_binary_arith<T>(ctx, [](T a, T b) { return wrapping(a, b, std::plus<>{}); });
}

}  // namespace

LQ_REGISTER_KERNEL(ADD, kFloat32, kReference, prepare, eval<float>);
LQ_REGISTER_KERNEL(ADD, kInt32, kReference, prepare, eval<int32_t>);
LQ_REGISTER_KERNEL(ADD, kInt64, kReference, prepare, eval<int64_t>);

}  // namespace lq::ref
