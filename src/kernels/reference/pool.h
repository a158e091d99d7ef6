// Shared prepare of AVERAGE_POOL_2D and MAX_POOL_2D (float, NHWC): filter size, strides, SAME/VALID
// padding and a fused clamp activation, from Pool2DOptionsT.
#pragma once

#include <limits>

#include "kernels/reference/spatial.h"

namespace lq::ref {

struct PoolState {
  int32_t filter_h = 1, filter_w = 1, stride_h = 1, stride_w = 1;
  int32_t pad_h = 0, pad_w = 0;
  ActivationRange range;
};

// Checks the op's shape and window options, sets the output shape and makes the state (without
// its activation range, which depends on the element type).
PoolState& prepare_pool_geometry(OpContext& ctx);
void prepare_pool_float(OpContext& ctx);

// Calls fn(window, out_index) for every output element, where the window gives the valid taps (the
// filter clipped to the input, as TFLite clips it) and the input offset of its (y_start, x_start)
// tap; out_index is the output's flat offset.
struct PoolWindow {
  int64_t base = 0;  // input offset of (b, y_origin, x_origin, c); taps add y * row + x * pixel
  int32_t y_start = 0, y_end = 0, x_start = 0, x_end = 0;
  int64_t row = 0, pixel = 0;
};
template <class Fn> void for_each_pool_window(const OpContext& ctx, Fn&& fn) {
  const PoolState& s = ctx.state<PoolState>();
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& output = ctx.output(0);
  const int32_t batches = input.dim(0), in_h = input.dim(1), in_w = input.dim(2);
  const int32_t depth = input.dim(3);
  const int32_t out_h = output.dim(1), out_w = output.dim(2);
  PoolWindow window;
  window.pixel = depth;
  window.row = static_cast<int64_t>(in_w) * depth;
  int64_t out_index = 0;
  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t oy = 0; oy < out_h; ++oy) {
      const int32_t y_origin = oy * s.stride_h - s.pad_h;
      window.y_start = std::max(0, -y_origin);
      window.y_end = std::min(s.filter_h, in_h - y_origin);
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const int32_t x_origin = ox * s.stride_w - s.pad_w;
        window.x_start = std::max(0, -x_origin);
        window.x_end = std::min(s.filter_w, in_w - x_origin);
        for (int32_t c = 0; c < depth; ++c) {
          // The origin may lie in the padding; only taps in [start, end) are read.
          window.base = ((static_cast<int64_t>(b) * in_h + y_origin) * in_w + x_origin) * depth + c;
          fn(window, out_index++);
        }
      }
    }
  }
}

// Integer AVERAGE_POOL_2D (int8, int16) as TFLite's integer reference: the sum of the raw taps inside
// the input (input and output share their quantization) divided by their count, rounding half away
// from zero (C's truncating division of sum +- count / 2), then the activation's clamp (state range).
template <class T> void eval_average_pool_integer(OpContext& ctx) {
  const ActivationRange range = ctx.state<PoolState>().range;
  const T* in = ctx.input(0).as<T>();
  T* out = ctx.output(0).as<T>();
  for_each_pool_window(ctx, [&](const PoolWindow& w, int64_t o) {
    int64_t sum = 0, count = 0;
    for (int32_t y = w.y_start; y < w.y_end; ++y) {
      for (int32_t x = w.x_start; x < w.x_end; ++x) {
        sum += in[w.base + y * w.row + x * w.pixel];
        ++count;
      }
    }
    // A window without a valid tap (a filter entirely in padding) averages to 0 instead of failing.
    const int64_t average = count == 0 ? 0 : (sum > 0 ? sum + count / 2 : sum - count / 2) / count;
    out[o] = static_cast<T>(clamp_activation(static_cast<float>(average), range));
  });
}

// Integer MAX_POOL_2D (int8, int16): the largest tap inside the input, copied exactly, then the
// activation's clamp (state range).
template <class T> void eval_max_pool_integer(OpContext& ctx) {
  const ActivationRange range = ctx.state<PoolState>().range;
  const T* in = ctx.input(0).as<T>();
  T* out = ctx.output(0).as<T>();
  for_each_pool_window(ctx, [&](const PoolWindow& w, int64_t o) {
    int32_t largest = std::numeric_limits<T>::min();
    for (int32_t y = w.y_start; y < w.y_end; ++y)
      for (int32_t x = w.x_start; x < w.x_end; ++x)
        largest = std::max<int32_t>(largest, in[w.base + y * w.row + x * w.pixel]);
    out[o] = static_cast<T>(clamp_activation(static_cast<float>(largest), range));
  });
}

}  // namespace lq::ref
