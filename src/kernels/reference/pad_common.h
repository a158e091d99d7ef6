// Shared prepare and eval of PAD and PADV2 (float): paddings is a constant int32 or int64 [rank, 2]
// of non-negative (before, after) counts; the optional third input is a one-element float constant
// value (0 when absent), as TFLite reads both ops.
#pragma once

#include "kernels/reference/common.h"

namespace lq::ref {

void prepare_pad_float(OpContext& ctx);
void eval_pad_float(OpContext& ctx);

}  // namespace lq::ref
