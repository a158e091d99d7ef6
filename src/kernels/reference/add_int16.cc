// ADD, 16x8: out = clamp(a + b) with broadcasting; int16 inputs and output per tensor with zero
// point 0; TFLite's general or power-of-two path as quantized_int16.h describes.
#include "kernels/reference/quantized_int16.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  // A file without an options table reads as pot_scale_int16 = false in TFLite.
  const bool has_options = ctx.op().options.type != tflite::BuiltinOptions::NONE;
  const tflite::AddOptionsT& options = ctx.options<tflite::AddOptionsT>();
  prepare_int16_add(ctx, options.fused_activation_function,
                    has_options && options.pot_scale_int16, false);
}

}  // namespace

LQ_REGISTER_KERNEL(ADD, kInt16, kReference, prepare, eval_int16_add);

}  // namespace lq::ref
