// Shared prepare and eval of PAD and PADV2: paddings is a constant int32 or int64 [rank, 2] of
// non-negative (before, after) counts; the optional third input is a one-element constant value,
// as TFLite reads both ops. The float kernels pad with that value (0 when absent); the int8 kernels
// (pad_int8.cc) pad with a value they choose, through the element-size generic pair below.
#pragma once

#include "kernels/reference/common.h"

namespace lq::ref {

void prepare_pad_float(OpContext& ctx);
void eval_pad_float(OpContext& ctx);

// Checks `paddings` against input 0 (input and output of `type`, any fixed-size element) and sets
// the output shape. The constant value input, when present, is left to the caller to check.
void prepare_pad_geometry(OpContext& ctx, ElementType type);
// Fills the output with the `element_size` bytes at `value`, then copies input 0 into place.
void eval_pad_bytes(OpContext& ctx, const void* value, size_t element_size);

}  // namespace lq::ref
