// LOGICAL_OR: out = a || b on bool tensors, with broadcasting.
#include "kernels/reference/binary.h"

namespace lq::ref {
namespace {

// Bools are read as bytes: any nonzero byte is true.
void eval(OpContext& ctx) {
  eval_binary<uint8_t, bool>(ctx, [](uint8_t a, uint8_t b) { return a != 0 || b != 0; });
}

}  // namespace

LQ_REGISTER_KERNEL(LOGICAL_OR, kBool, kReference, prepare_binary_same, eval);

}  // namespace lq::ref
