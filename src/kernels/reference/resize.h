// Shared prepare of RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR (float and int8, NHWC): the size
// input is a constant int32 [2] (new height, new width); the output is
// [n, height, width, channels].
#pragma once

#include "kernels/reference/spatial.h"

namespace lq::ref {

struct ResizeState {
  bool align_corners = false;
  bool half_pixel_centers = false;
};

void prepare_resize_float(OpContext& ctx, bool align_corners, bool half_pixel_centers);
// The same for an input and output of `type` (the int8 kernels).
void prepare_resize(OpContext& ctx, ElementType type, bool align_corners, bool half_pixel_centers);

// RESIZE_NEAREST_NEIGHBOR's eval for any element size (float32, int8): copies, per output pixel,
// the channels of the input pixel that nearest_source_index picks in each dimension.
void eval_resize_nearest(OpContext& ctx, size_t element_size);

// The input-to-output scale of one dimension, as TFLite computes it.
inline float resize_scale(int32_t in, int32_t out, bool align_corners) {
  if (align_corners && out > 1) return static_cast<float>(in - 1) / static_cast<float>(out - 1);
  return static_cast<float>(in) / static_cast<float>(out);
}

}  // namespace lq::ref
