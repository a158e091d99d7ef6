// SHAPE: the input's shape as a 1-D int32 (or int64, following the output tensor's type) tensor.
#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const TensorBuffer& out = ctx.output(0);
  ctx.check(out.type == ElementType::kInt32 || out.type == ElementType::kInt64, "output '",
            out.name(), "' is ", element_type_name(out.type), ", expected int32 or int64");
  ctx.set_output_shape(0, {ctx.input(0).rank()});
}

template <class T> void write_shape(const Shape& shape, T* out) {
  for (size_t d = 0; d < shape.size(); ++d) out[d] = static_cast<T>(shape[d]);
}

void eval(OpContext& ctx) {
  TensorBuffer& out = ctx.output(0);
  if (out.type == ElementType::kInt32)
    write_shape(ctx.input(0).shape, out.as<int32_t>());
  else
    write_shape(ctx.input(0).shape, out.as<int64_t>());
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(SHAPE, kCopyTypes, prepare, eval);

}  // namespace lq::ref
