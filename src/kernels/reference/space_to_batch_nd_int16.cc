// SPACE_TO_BATCH_ND, int16: a copy (space_batch.h), so input and output must share their scale;
// padded positions hold real 0 (zero point 0).
#include "kernels/reference/quantized_int16.h"
#include "kernels/reference/space_batch.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_space_to_batch(ctx, ElementType::kInt16);
  int16_equal_input_output(ctx);
}

void eval(OpContext& ctx) {
  const int16_t pad = 0;
  eval_space_to_batch(ctx, &pad, sizeof(int16_t));
}

}  // namespace

LQ_REGISTER_KERNEL(SPACE_TO_BATCH_ND, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
