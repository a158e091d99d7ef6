// ZEROS_LIKE: a tensor of the input's shape and type filled with zeros (all-zero bytes are 0, 0.0
// and false for every registered type).
#include "kernels/reference/data_movement.h"

#include <cstring>

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  check_copyable(ctx, ctx.output(0), ctx.input(0).type);
  ctx.set_output_shape(0, ctx.input(0).shape);
}

void eval(OpContext& ctx) {
  TensorBuffer& out = ctx.output(0);
  const size_t bytes = static_cast<size_t>(out.elements()) * element_size(out.type);
  if (bytes > 0) std::memset(out.data, 0, bytes);
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(ZEROS_LIKE, kCopyTypes, prepare, eval);

}  // namespace lq::ref
