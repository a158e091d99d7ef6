// PAD, float: pads with 0, or with the constant value input when the op has one (TFLite reads PAD
// and PADV2 alike).
#include "kernels/reference/pad_common.h"

namespace lq::ref {

LQ_REGISTER_KERNEL(PAD, kFloat32, kReference, prepare_pad_float, eval_pad_float);

}  // namespace lq::ref
