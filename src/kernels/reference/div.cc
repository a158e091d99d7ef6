// DIV: out = activation(a / b), with broadcasting, on float32 and int32 (as TFLite). Float division
// by zero follows IEEE (+-inf or NaN); int32 division truncates toward zero and fails on a zero
// divisor, as TFLite's kernel does.
#include "kernels/reference/binary.h"

#include <algorithm>
#include <functional>

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_binary_arith(ctx, ctx.options<tflite::DivOptionsT>().fused_activation_function);
}

void eval_float(OpContext& ctx) {
  eval_binary_arith<float>(ctx, [](float a, float b) { return a / b; });
}

void eval_int32(OpContext& ctx) {
  const TensorBuffer& b = ctx.input(1);
  const int32_t* divisors = b.as<int32_t>();
  ctx.check(std::find(divisors, divisors + b.elements(), 0) == divisors + b.elements(),
            "int32 division by zero (divisor '", b.name(), "')");
  eval_binary_arith<int32_t>(ctx, [](int32_t x, int32_t y) {
    // INT32_MIN / -1 overflows: wrap around, as negating it does.
    return y == -1 ? wrapping(int32_t{0}, x, std::minus<>{}) : x / y;
  });
}

}  // namespace

LQ_REGISTER_KERNEL(DIV, kFloat32, kReference, prepare, eval_float);
LQ_REGISTER_KERNEL(DIV, kInt32, kReference, prepare, eval_int32);

}  // namespace lq::ref
