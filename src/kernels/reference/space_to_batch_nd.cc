// SPACE_TO_BATCH_ND, float32: a copy (space_batch.h); padded positions hold 0, as TFLite's kernel.
// Quantized models calibrate through it.
#include "kernels/reference/space_batch.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) { prepare_space_to_batch(ctx, ElementType::kFloat32); }

void eval(OpContext& ctx) {
  const float pad = 0.0f;
  eval_space_to_batch(ctx, &pad, sizeof(float));
}

}  // namespace

LQ_REGISTER_KERNEL(SPACE_TO_BATCH_ND, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
