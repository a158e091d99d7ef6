// SUB, 16x8: out = clamp(a - b) with broadcasting; ADD's paths (quantized_int16.h), with the second
// input's multiplier negated in the general path and a saturating subtract in the power-of-two one,
// as TFLite computes them.
#include "kernels/reference/quantized_int16.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  // A file without an options table reads as pot_scale_int16 = false in TFLite.
  const bool has_options = ctx.op().options.type != tflite::BuiltinOptions::NONE;
  const tflite::SubOptionsT& options = ctx.options<tflite::SubOptionsT>();
  prepare_int16_add(ctx, options.fused_activation_function,
                    has_options && options.pot_scale_int16, true);
}

}  // namespace

LQ_REGISTER_KERNEL(SUB, kInt16, kReference, prepare, eval_int16_add);

}  // namespace lq::ref
