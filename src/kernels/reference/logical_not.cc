// LOGICAL_NOT: out = !x on a bool tensor.
#include "kernels/reference/common.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  check_type(ctx, ctx.input(0), ElementType::kBool);
  check_type(ctx, ctx.output(0), ElementType::kBool);
  ctx.set_output_shape(0, ctx.input(0).shape);
}

// Bools are read as bytes: any nonzero byte is true.
void eval(OpContext& ctx) {
  const TensorBuffer& in = ctx.input(0);
  const uint8_t* x = in.as<uint8_t>();
  bool* y = ctx.output(0).as<bool>();
  for (int64_t i = 0; i < in.elements(); ++i) y[i] = x[i] == 0;
}

}  // namespace

LQ_REGISTER_KERNEL(LOGICAL_NOT, kBool, kReference, prepare, eval);

}  // namespace lq::ref
