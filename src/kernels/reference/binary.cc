#include "kernels/reference/binary.h"

namespace lq::ref {

void prepare_binary(OpContext& ctx, ElementType in, ElementType out) {
  check_io_count(ctx, 2, 2, 1);
  for (int i = 0; i < 2; ++i) check_type(ctx, ctx.input(i), in);
  check_type(ctx, ctx.output(0), out);
  Shape shape;
  try {
    shape = broadcast_shapes(ctx.input(0).shape, ctx.input(1).shape);
  } catch (const Error& e) {
    ctx.fail(e.what());  // the same message, prefixed with the op
  }
  ctx.set_output_shape(0, std::move(shape));
}

void prepare_binary_same(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  prepare_binary(ctx, ctx.input(0).type, ctx.input(0).type);
}

void prepare_comparison(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  prepare_binary(ctx, ctx.input(0).type, ElementType::kBool);
}

void prepare_binary_arith(OpContext& ctx, tflite::ActivationFunctionType activation) {
  prepare_binary_same(ctx);
  ctx.make_state<BinaryState>().range = activation_range(ctx, activation);
}

}  // namespace lq::ref
