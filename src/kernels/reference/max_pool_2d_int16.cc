// MAX_POOL_2D, int16: the largest tap inside the input, copied exactly (input and output share
// their scale, zero point 0), then the fused activation's int16 clamp, rounded as TFLite rounds it
// (LiteRT.js runs TFLite's kernel: XNNPACK takes no int16).
#include "kernels/reference/pool.h"
#include "kernels/reference/quantized_int16.h"

namespace lq::ref {

LQ_REGISTER_KERNEL(MAX_POOL_2D, kInt16, kReference, prepare_int16_pool,
                   eval_max_pool_integer<int16_t>);

}  // namespace lq::ref
