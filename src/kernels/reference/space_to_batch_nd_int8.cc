// SPACE_TO_BATCH_ND, int8: a copy (space_batch.h), so input and output must share their
// per-tensor quantization; padded positions hold real 0, the output zero point, as TFLite's kernel.
#include "kernels/reference/quantized.h"
#include "kernels/reference/space_batch.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_space_to_batch(ctx, ElementType::kInt8);
  int8_equal_input_output(ctx);
}

void eval(OpContext& ctx) {
  // prepare() checked the zero point is in the int8 range.
  const auto pad = static_cast<int8_t>(ctx.output(0).quant().zero_point[0]);
  eval_space_to_batch(ctx, &pad, sizeof(int8_t));
}

}  // namespace

LQ_REGISTER_KERNEL(SPACE_TO_BATCH_ND, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
