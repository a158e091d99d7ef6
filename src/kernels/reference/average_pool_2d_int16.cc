// AVERAGE_POOL_2D, int16, as TFLite's integer reference (LiteRT.js runs TFLite's kernel: XNNPACK
// takes no int16): the int32 sum of the taps inside the input divided by their count, rounding half
// away from zero (C's truncating division of sum +- count / 2), then the fused activation's clamp.
// Input and output share their scale (zero point 0), so nothing is requantized.
#include "kernels/reference/pool.h"
#include "kernels/reference/quantized_int16.h"

namespace lq::ref {

LQ_REGISTER_KERNEL(AVERAGE_POOL_2D, kInt16, kReference, prepare_int16_pool,
                   eval_average_pool_integer<int16_t>);

}  // namespace lq::ref
