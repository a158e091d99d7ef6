// FILL: a tensor of the shape given by input 0 (a constant int32 or int64 vector) with every
// element equal to the scalar input 1, of any fixed-size type. Keyed by the shape tensor's type.
#include "kernels/reference/data_movement.h"

#include <cstring>

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  const TensorBuffer& value = ctx.input(1);
  check_copyable(ctx, ctx.output(0), value.type);
  ctx.check(value.elements() == 1, "value '", value.name(), "' has ", value.elements(),
            " elements, expected a scalar");
  Shape shape;
  for (int64_t dim : read_int_tensor(ctx, 0)) {
    ctx.check(dim >= 0 && dim <= std::numeric_limits<int32_t>::max(), "dimension ", dim,
              " is invalid");
    shape.push_back(static_cast<int32_t>(dim));
  }
  ctx.set_output_shape(0, std::move(shape));
}

void eval(OpContext& ctx) {
  const TensorBuffer& value = ctx.input(1);
  TensorBuffer& out = ctx.output(0);
  const size_t size = element_size(value.type);
  const int64_t count = out.elements();
  for (int64_t i = 0; i < count; ++i)
    std::memcpy(out.data + i * static_cast<int64_t>(size), value.data, size);
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(FILL, kCopyTypes, prepare, eval);

}  // namespace lq::ref
