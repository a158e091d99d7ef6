// BATCH_TO_SPACE_ND, int16: a copy (space_batch.h), so input and output must share their scale.
#include "kernels/reference/quantized_int16.h"
#include "kernels/reference/space_batch.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_batch_to_space(ctx, ElementType::kInt16);
  int16_equal_input_output(ctx);
}

void eval(OpContext& ctx) { eval_batch_to_space(ctx, sizeof(int16_t)); }

}  // namespace

LQ_REGISTER_KERNEL(BATCH_TO_SPACE_ND, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
