// PADV2, float: pads with the one-element constant value input (0 when the op omits it).
#include "kernels/reference/pad_common.h"

namespace lq::ref {

LQ_REGISTER_KERNEL(PADV2, kFloat32, kReference, prepare_pad_float, eval_pad_float);

}  // namespace lq::ref
