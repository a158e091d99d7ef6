// SELECT_V2: out = condition ? x : y, the three inputs broadcast together (NumPy rules); the
// condition is bool (the kernel's key), x and y of any fixed-size type.
#include <cstring>

#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

// `in` read over the larger `out` shape: stride 0 along broadcast dimensions.
StridedView broadcast_view(const Shape& in, const Shape& out) {
  StridedView view{0, out, std::vector<int64_t>(out.size(), 0)};
  const std::vector<int64_t> strides = strides_of(in);
  const size_t offset = out.size() - in.size();
  for (size_t d = 0; d < in.size(); ++d)
    if (in[d] != 1) view.strides[d + offset] = strides[d];
  return view;
}

void prepare(OpContext& ctx) {
  check_io_count(ctx, 3, 3, 1);
  check_type(ctx, ctx.input(0), ElementType::kBool);
  const ElementType type = ctx.input(1).type;
  check_copyable(ctx, ctx.input(2), type);
  check_copyable(ctx, ctx.output(0), type);
  Shape shape;
  try {
    shape = broadcast_shapes(broadcast_shapes(ctx.input(0).shape, ctx.input(1).shape),
                             ctx.input(2).shape);
  } catch (const Error& e) {
    ctx.fail(e.what());
  }
  ctx.set_output_shape(0, std::move(shape));
}

void eval(OpContext& ctx) {
  const TensorBuffer& cond = ctx.input(0);
  const TensorBuffer& x = ctx.input(1);
  const TensorBuffer& y = ctx.input(2);
  TensorBuffer& out = ctx.output(0);
  const size_t size = element_size(out.type);
  // y everywhere, then x where the condition holds.
  copy_view(coalesce(broadcast_view(y.shape, out.shape)), y.data, size, out.data);
  const bool* c = cond.as<bool>();
  auto at = [size](int64_t index) { return static_cast<size_t>(index) * size; };
  BroadcastIndex(cond.shape, x.shape, out.shape).for_each([&](int64_t o, int64_t i, int64_t j) {
    if (c[i]) std::memcpy(out.data + at(o), x.data + at(j), size);
  });
}

}  // namespace

LQ_REGISTER_KERNEL(SELECT_V2, kBool, kReference, prepare, eval);

}  // namespace lq::ref
