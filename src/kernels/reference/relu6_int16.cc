// RELU6, int16: out = min(max(x, 0), 6), requantized from the input's scale to the output's.
// LiteRT.js runs TFLite's QuantizedReluX (XNNPACK takes no int16) under both arithmetics; see
// prepare_int16_relu (quantized_int16.h).
#include "kernels/reference/quantized_int16.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) { prepare_int16_relu(ctx, 0.0f, 6.0f); }

}  // namespace

LQ_REGISTER_KERNEL(RELU6, kInt16, kReference, prepare, eval_int16_relu);

}  // namespace lq::ref
