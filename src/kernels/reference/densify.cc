// DENSIFY: expands a sparse constant (TFLite's sparsity format: traversal order, block map and
// dense/CSR dimensions, see ir/sparsity.h) into a dense tensor of its shape, zeros where no value
// is stored. Works on the bytes of any fixed-size element type.
#include "ir/sparsity.h"
#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const TensorBuffer& in = ctx.input(0);
  const size_t element_size = check_copyable(ctx, ctx.output(0), in.type);
  ctx.check(in.tensor->sparsity.has_value(), "input '", in.name(), "' has no sparsity parameters");
  ctx.check(in.tensor->is_constant(), "sparse input '", in.name(), "' must be constant");
  try {
    ir::check_sparsity(*in.tensor->sparsity, in.shape, in.tensor->data.size(), element_size);
  } catch (const Error& e) {
    ctx.fail("sparse input '", in.name(), "': ", e.what());
  }
  ctx.set_output_shape(0, in.shape);
}

void eval(OpContext& ctx) {
  const TensorBuffer& in = ctx.input(0);
  if (in.elements() == 0) return;
  ir::densify(*in.tensor->sparsity, in.shape, in.tensor->data.data(), element_size(in.type),
              ctx.output(0).data);
}

constexpr ElementType kTypes[] = {ElementType::kFloat32, ElementType::kFloat16, ElementType::kInt8,
                                  ElementType::kUInt8,   ElementType::kInt16,   ElementType::kInt32,
                                  ElementType::kInt64,   ElementType::kBool};

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(DENSIFY, kTypes, prepare, eval);

}  // namespace lq::ref
