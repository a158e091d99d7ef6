// RELU, int16: out = max(x, 0), requantized from the input's scale to the output's (which a
// quantizer calibrates separately, so they may differ). LiteRT.js runs TFLite's QuantizedReluX
// (XNNPACK takes no int16) under both arithmetics; see prepare_int16_relu (quantized_int16.h).
#include <limits>

#include "kernels/reference/quantized_int16.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_int16_relu(ctx, 0.0f, std::numeric_limits<float>::infinity());
}

}  // namespace

LQ_REGISTER_KERNEL(RELU, kInt16, kReference, prepare, eval_int16_relu);

}  // namespace lq::ref
