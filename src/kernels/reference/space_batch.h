// Shared by SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND (float32, int8, int16), each other's inverse.
// Both relate a "space" tensor [B, H, W, C] (H, W padded by SPACE_TO_BATCH_ND's paddings, or to be
// cropped by BATCH_TO_SPACE_ND's crops) and a "batch" tensor [bh * bw * B, H / bh, W / bw, C]:
// batch element (n, y, x, c), with n = (sy * bw + sx) * B + b, is space element
// (b, y * bh + sy, x * bw + sx, c), as TFLite's kernels. Inputs: the data, a constant block_shape
// [M] and a constant paddings / crops [M, 2] (int32 or int64); M is 2 for rank-4 data and 1 for
// rank 3 (no width: bw = 1). Copies, so one implementation serves every element size.
#pragma once

#include "kernels/reference/common.h"

namespace lq::ref {

// Checks input 0 and output 0 are `type`, reads the block and paddings (non-negative, padded sizes
// multiples of the block) and sets the output shape.
void prepare_space_to_batch(OpContext& ctx, ElementType type);
// Checks as above with crops (non-negative, not more than the uncropped size; the input batch a
// multiple of the block size).
void prepare_batch_to_space(OpContext& ctx, ElementType type);

// Copies; padded positions of SPACE_TO_BATCH_ND's output get the `element_size` bytes at
// `pad_value` (real 0: the output zero point).
void eval_space_to_batch(OpContext& ctx, const void* pad_value, size_t element_size);
void eval_batch_to_space(OpContext& ctx, size_t element_size);

}  // namespace lq::ref
