// Shared prepare of RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR (float, int8, int16; NHWC): the size
// input is a constant int32 [2] (new height, new width); the output is
// [n, height, width, channels].
#pragma once

#include <vector>

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

// Integer RESIZE_BILINEAR (int8, int16), which interpolates raw values. One output row or column:
// its two source indices and the fixed-point weight of `hi` (its units depend on the runtime).
struct IntegerResizeTap {
  int32_t lo = 0, hi = 0;
  int32_t weight = 0;
};
using ResizeTapsFn = std::vector<IntegerResizeTap> (*)(int32_t in, int32_t out, bool align_corners,
                                                       bool half_pixel_centers);
// The blended value of the four taps top/bottom-left/right, weights wx (columns), wy (rows).
using ResizeBlendFn = int32_t (*)(int32_t tl, int32_t tr, int32_t bl, int32_t br, int32_t wx,
                                  int32_t wy);
struct IntegerResizeBilinearState {
  std::vector<IntegerResizeTap> rows, cols;
  ResizeBlendFn blend = nullptr;
};
// Checks the options (align_corners and half_pixel_centers exclusive) and shapes for `type`, sets
// the output shape and makes the state; the caller checks the quantization.
void prepare_integer_resize_bilinear(OpContext& ctx, ElementType type, ResizeTapsFn taps,
                                     ResizeBlendFn blend);

template <class T> void eval_integer_resize_bilinear(OpContext& ctx) {
  const IntegerResizeBilinearState& s = ctx.state<IntegerResizeBilinearState>();
  const TensorBuffer& input = ctx.input(0);
  const T* in = input.as<T>();
  T* out = ctx.output(0).as<T>();
  const int32_t batches = input.dim(0), depth = input.dim(3);
  for (int32_t b = 0; b < batches; ++b) {
    for (const IntegerResizeTap& row : s.rows) {
      for (const IntegerResizeTap& col : s.cols) {
        const T* tl = in + offset4(input.shape, b, row.lo, col.lo, 0);
        const T* tr = in + offset4(input.shape, b, row.lo, col.hi, 0);
        const T* bl = in + offset4(input.shape, b, row.hi, col.lo, 0);
        const T* br = in + offset4(input.shape, b, row.hi, col.hi, 0);
        // A weighted mean of T values: within T's range.
        for (int32_t c = 0; c < depth; ++c)
          *out++ = static_cast<T>(s.blend(tl[c], tr[c], bl[c], br[c], col.weight, row.weight));
      }
    }
  }
}

// TFLite's ResizeBilinearInteger (reference_ops), which LiteRT.js runs for RESIZE_BILINEAR int16
// and which is the int8 kernel's kTfliteReference path: a 10-bit scale s = round(2^10 * in / out)
// ((in - 1) / (out - 1) with align_corners); position p = i * s, or i * s + s / 2 - 2^9 with
// half_pixel_centers; lo = max(p / 2^10, 0), hi = min(ceil(p / 2^10), in - 1) (C division); weight
// of hi = p - 2^10 lo in 2^-10 units (negative before the first pixel centre).
std::vector<IntegerResizeTap> tflite_resize_taps(int32_t in, int32_t out, bool align_corners,
                                                 bool half_pixel_centers);
// The four products of value and 10-bit weights summed in int64 and divided by 2^20, rounding half
// away from zero (TFLite built without TFLITE_SINGLE_ROUNDING, as LiteRT.js is).
int32_t tflite_resize_blend(int32_t tl, int32_t tr, int32_t bl, int32_t br, int32_t px, int32_t py);

}  // namespace lq::ref
