// PACK: stacks values_count tensors of the same shape and type along a new dimension `axis`
// (in [-rank - 1, rank]; negative counts from the end).
#include "kernels/reference/data_movement.h"

#include <cstring>

namespace lq::ref {
namespace {

struct State {
  int64_t outer = 1, block_bytes = 0;  // the inputs are `outer` blocks of `block_bytes` each
};

void prepare(OpContext& ctx) {
  const auto& options = ctx.options<tflite::PackOptionsT>();
  const int count = ctx.num_inputs();
  ctx.check(count > 0 && (options.values_count == 0 || options.values_count == count),
            "values_count is ", options.values_count, " with ", count, " inputs");
  check_io_count(ctx, count, count, 1);
  const TensorBuffer& first = ctx.input(0);
  const size_t element_size = check_copyable(ctx, ctx.output(0), first.type);
  for (int i = 1; i < count; ++i) {
    check_type(ctx, ctx.input(i), first.type);
    ctx.check(ctx.input(i).shape == first.shape, "input '", ctx.input(i).name(), "' has shape ",
              shape_string(ctx.input(i).shape), ", expected ", shape_string(first.shape));
  }
  const int rank = first.rank();
  ctx.check(options.axis >= -rank - 1 && options.axis <= rank, "axis ", options.axis,
            " is out of range for rank ", rank + 1);
  const int axis = options.axis < 0 ? options.axis + rank + 1 : options.axis;
  Shape shape = first.shape;
  shape.insert(shape.begin() + axis, count);
  ctx.set_output_shape(0, std::move(shape));

  State& state = ctx.make_state<State>();
  int64_t inner = 1;
  for (int d = 0; d < rank; ++d) (d < axis ? state.outer : inner) *= first.dim(d);
  state.block_bytes = inner * static_cast<int64_t>(element_size);
}

void eval(OpContext& ctx) {
  const State& state = ctx.state<State>();
  if (ctx.output(0).elements() == 0) return;
  uint8_t* out = ctx.output(0).data;
  const size_t block = static_cast<size_t>(state.block_bytes);
  for (int64_t o = 0; o < state.outer; ++o)
    for (int i = 0; i < ctx.num_inputs(); ++i, out += block)
      std::memcpy(out, ctx.input(i).data + o * state.block_bytes, block);
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(PACK, kCopyTypes, prepare, eval);

}  // namespace lq::ref
