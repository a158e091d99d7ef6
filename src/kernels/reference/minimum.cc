// MINIMUM: out = a < b ? a : b, with broadcasting; no fused activation. Float32, int8, uint8,
// int16, int32 and int64, as TFLite. As in TFLite, a NaN in b is returned and a NaN in a is not.
#include "kernels/reference/binary.h"
#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  with_number_type(ctx, ctx.input(0).type, [&](auto tag) {
    using T = decltype(tag);
    eval_binary<T, T>(ctx, [](T a, T b) { return a < b ? a : b; });
  });
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(MINIMUM, kMinMaxTypes, prepare_binary_same, eval);

}  // namespace lq::ref
