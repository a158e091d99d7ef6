// BATCH_TO_SPACE_ND, float32: a copy (space_batch.h). Quantized models calibrate through it.
#include "kernels/reference/space_batch.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) { prepare_batch_to_space(ctx, ElementType::kFloat32); }

void eval(OpContext& ctx) { eval_batch_to_space(ctx, sizeof(float)); }

}  // namespace

LQ_REGISTER_KERNEL(BATCH_TO_SPACE_ND, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
