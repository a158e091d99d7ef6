#include "kernels/reference/binary.h"

namespace lq::ref {

void prepare_binary_float(OpContext& ctx, tflite::ActivationFunctionType activation) {
  check_io_count(ctx, 2, 2, 1);
  for (int i = 0; i < 2; ++i) check_type(ctx, ctx.input(i), ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  ctx.set_output_shape(0, broadcast_shapes(ctx.input(0).shape, ctx.input(1).shape));
  ctx.make_state<BinaryState>().range = activation_range(ctx, activation);
}

}  // namespace lq::ref
