#include "kernels/reference/reduce.h"

namespace lq::ref {

void prepare_reduce_shape(OpContext& ctx, ReduceState& state) {
  check_io_count(ctx, 2, 2, 1);
  const bool keep_dims = ctx.options<tflite::ReducerOptionsT>().keep_dims;
  const TensorBuffer& input = ctx.input(0);
  const int rank = input.rank();

  std::vector<bool> reduced(static_cast<size_t>(rank), false);
  // A scalar has nothing to reduce; TFLite ignores the axes then.
  if (rank > 0)
    for (int64_t axis : read_int_tensor(ctx, 1))
      reduced[static_cast<size_t>(normalize_axis(ctx, axis, rank))] = true;

  Shape kept;  // the output with reduced dimensions kept as 1
  Shape out_shape;
  for (int d = 0; d < rank; ++d) {
    const int32_t dim = input.shape[static_cast<size_t>(d)];
    if (reduced[static_cast<size_t>(d)]) {
      state.reduced_count *= dim;
      kept.push_back(1);
      if (keep_dims) out_shape.push_back(1);
    } else {
      kept.push_back(dim);
      out_shape.push_back(dim);
    }
  }
  state.out_stride = strides_of(kept);
  for (int d = 0; d < rank; ++d)
    if (reduced[static_cast<size_t>(d)]) state.out_stride[static_cast<size_t>(d)] = 0;
  ctx.set_output_shape(0, out_shape);
}

void prepare_reduce_float(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  check_type(ctx, ctx.input(0), ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  prepare_reduce_shape(ctx, ctx.make_state<ReduceState>());
}

}  // namespace lq::ref
