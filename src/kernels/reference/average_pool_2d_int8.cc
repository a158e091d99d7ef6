// AVERAGE_POOL_2D, int8, as TFLite's integer reference (which LiteRT.js runs under both policies,
// ARITHMETIC.md): the sum of the raw int8 taps inside the input (the zero point is not subtracted:
// input and output share it), divided by the count of those taps rounding half away from zero
// (C's truncating division of sum +- count / 2), then the fused activation's clamp.
#include "kernels/reference/pool.h"
#include "kernels/reference/quantized.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) { prepare_int8_pool(ctx, false); }

}  // namespace

LQ_REGISTER_KERNEL(AVERAGE_POOL_2D, kInt8, kReference, prepare, eval_average_pool_integer<int8_t>);

}  // namespace lq::ref
