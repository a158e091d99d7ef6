// RESIZE_NEAREST_NEIGHBOR, float, as TFLite's reference: the source index is
// floor((out + offset) * scale), or round((out + offset) * scale) with align_corners, where offset
// is 0.5 with half_pixel_centers and 0 otherwise; it is clamped to the last index (and to 0 with
// half_pixel_centers). The indexing is shared with the int8 kernel (resize.cc).
#include "kernels/reference/resize.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  const auto& options = ctx.options<tflite::ResizeNearestNeighborOptionsT>();
  prepare_resize_float(ctx, options.align_corners, options.half_pixel_centers);
}

void eval(OpContext& ctx) { eval_resize_nearest(ctx, sizeof(float)); }

}  // namespace

LQ_REGISTER_KERNEL(RESIZE_NEAREST_NEIGHBOR, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
