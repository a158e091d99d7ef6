// GATHER: picks slices of the params (input 0) along `axis` at the given indices (input 1, int32
// or int64, any shape): output shape = params[:axis] + indices + params[axis + 1:]. batch_dims
// must be 0. An index outside [0, params.dim(axis)) is an error, as in TFLite (no wrap-around).
#include "kernels/reference/data_movement.h"

#include <cstring>

namespace lq::ref {
namespace {

struct State {
  int64_t outer = 1, axis_size = 1, inner_bytes = 0;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  const TensorBuffer& params = ctx.input(0);
  const TensorBuffer& indices = ctx.input(1);
  const size_t element_size = check_copyable(ctx, ctx.output(0), params.type);
  ctx.check(indices.type == ElementType::kInt32 || indices.type == ElementType::kInt64, "indices '",
            indices.name(), "' are ", element_type_name(indices.type), ", expected int32 or int64");
  const auto& options = ctx.options<tflite::GatherOptionsT>();
  ctx.check(options.batch_dims == 0, "batch_dims ", options.batch_dims, " is not supported");
  ctx.check(params.rank() > 0, "params '", params.name(), "' is a scalar");
  const int axis = normalize_axis(ctx, options.axis, params.rank());
  Shape shape(params.shape.begin(), params.shape.begin() + axis);
  shape.insert(shape.end(), indices.shape.begin(), indices.shape.end());
  shape.insert(shape.end(), params.shape.begin() + axis + 1, params.shape.end());
  ctx.set_output_shape(0, std::move(shape));

  State& state = ctx.make_state<State>();
  for (int d = 0; d < axis; ++d) state.outer *= params.dim(d);
  state.axis_size = params.dim(axis);
  int64_t inner = 1;
  for (int d = axis + 1; d < params.rank(); ++d) inner *= params.dim(d);
  state.inner_bytes = inner * static_cast<int64_t>(element_size);
}

template <class Index> void gather(OpContext& ctx, const Index* indices) {
  const State& state = ctx.state<State>();
  const int64_t count = ctx.input(1).elements();
  for (int64_t j = 0; j < count; ++j) {
    if (indices[j] < 0 || indices[j] >= state.axis_size)
      ctx.fail("index ", static_cast<int64_t>(indices[j]), " at position ", j, " of '",
               ctx.input(1).name(), "' is out of range [0, ", state.axis_size, ")");
  }
  if (ctx.output(0).elements() == 0) return;
  const uint8_t* in = ctx.input(0).data;
  uint8_t* out = ctx.output(0).data;
  const size_t block = static_cast<size_t>(state.inner_bytes);
  for (int64_t o = 0; o < state.outer; ++o) {
    const uint8_t* slab = in + o * state.axis_size * state.inner_bytes;
    for (int64_t j = 0; j < count; ++j, out += block)
      std::memcpy(out, slab + static_cast<int64_t>(indices[j]) * state.inner_bytes, block);
  }
}

void eval(OpContext& ctx) {
  const TensorBuffer& indices = ctx.input(1);
  if (indices.type == ElementType::kInt32)
    gather(ctx, indices.as<int32_t>());
  else
    gather(ctx, indices.as<int64_t>());
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(GATHER, kCopyTypes, prepare, eval);

}  // namespace lq::ref
