// RESHAPE: the same elements in a new shape. The shape comes from the second input when it is a
// constant, else from the new_shape option, else from the output tensor's declared shape (what
// TFLite's converter always records). One dimension may be -1: it takes the remaining size.
#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

Shape requested_shape(const OpContext& ctx) {
  if (ctx.has_input(1) && ctx.input(1).tensor->is_constant()) {
    ctx.check(ctx.input(1).rank() <= 1, "shape tensor '", ctx.input(1).name(), "' has rank ",
              ctx.input(1).rank(), ", expected 1");
    Shape shape;
    for (int64_t dim : read_int_tensor(ctx, 1)) {
      ctx.check(dim >= -1 && dim <= std::numeric_limits<int32_t>::max(), "new shape dimension ",
                dim, " is invalid");
      shape.push_back(static_cast<int32_t>(dim));
    }
    return shape;
  }
  const std::vector<int32_t>& option = ctx.options<tflite::ReshapeOptionsT>().new_shape;
  if (!option.empty()) {
    // Old converters wrote [0] for a scalar.
    if (option.size() == 1 && option[0] == 0) return {};
    return option;
  }
  return ctx.output(0).shape;
}

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 2, 1);
  const TensorBuffer& in = ctx.input(0);
  check_copyable(ctx, ctx.output(0), in.type);
  Shape shape = requested_shape(ctx);
  int unknown = -1;
  int64_t known = 1;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == -1) {
      ctx.check(unknown < 0, "new shape ", shape_string(shape), " has more than one -1");
      unknown = static_cast<int>(d);
    } else {
      ctx.check(shape[d] >= 0, "new shape has a negative dimension ", shape[d]);
      known *= shape[d];
    }
  }
  if (unknown >= 0) {
    ctx.check(known > 0 && in.elements() % known == 0, "cannot reshape '", in.name(), "' (",
              shape_string(in.shape), ", ", in.elements(), " elements) to ", shape_string(shape),
              ": the known dimensions do not divide it");
    shape[static_cast<size_t>(unknown)] = static_cast<int32_t>(in.elements() / known);
  }
  ctx.check(num_elements(shape) == in.elements(), "cannot reshape '", in.name(), "' (",
            shape_string(in.shape), ", ", in.elements(), " elements) to ", shape_string(shape));
  ctx.set_output_shape(0, std::move(shape));
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(RESHAPE, kCopyTypes, prepare, eval_copy);

}  // namespace lq::ref
