// BATCH_TO_SPACE_ND, int8: a copy (space_batch.h), so input and output must share their
// per-tensor quantization.
#include "kernels/reference/quantized.h"
#include "kernels/reference/space_batch.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_batch_to_space(ctx, ElementType::kInt8);
  int8_equal_input_output(ctx);
}

void eval(OpContext& ctx) { eval_batch_to_space(ctx, sizeof(int8_t)); }

}  // namespace

LQ_REGISTER_KERNEL(BATCH_TO_SPACE_ND, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
