// The scatter loop shared by TRANSPOSE_CONV and MediaPipe's Convolution2DTransposeBias: every input
// element adds input * weight to each output it reaches, in TFLite's reference order (batch, in_y,
// in_x, in_channel, filter_y, filter_x, out_channel). The output must be initialized first.
#pragma once

#include "kernels/reference/spatial.h"

namespace lq::ref {

struct TransposeConvGeometry {
  int32_t stride_h = 1, stride_w = 1;
  int32_t pad_h = 0, pad_w = 0;
};

// input [n, h, w, in_ch], weights [out_ch, kh, kw, in_ch], output [n, out_h, out_w, out_ch].
inline void transpose_conv_scatter(const TensorBuffer& input, const TensorBuffer& weights,
                                   TensorBuffer& output, const TransposeConvGeometry& g) {
  const float* in = input.as<float>();
  const float* w = weights.as<float>();
  float* out = output.as<float>();
  const int32_t batches = input.dim(0), in_h = input.dim(1), in_w = input.dim(2);
  const int32_t in_c = input.dim(3);
  const int32_t filter_h = weights.dim(1), filter_w = weights.dim(2);
  const int32_t out_h = output.dim(1), out_w = output.dim(2), out_c = output.dim(3);
  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t iy = 0; iy < in_h; ++iy) {
      const int32_t y_origin = iy * g.stride_h - g.pad_h;
      for (int32_t ix = 0; ix < in_w; ++ix) {
        const int32_t x_origin = ix * g.stride_w - g.pad_w;
        for (int32_t ic = 0; ic < in_c; ++ic) {
          const float value = in[offset4(input.shape, b, iy, ix, ic)];
          for (int32_t fy = 0; fy < filter_h; ++fy) {
            const int32_t oy = y_origin + fy;
            if (oy < 0 || oy >= out_h) continue;
            for (int32_t fx = 0; fx < filter_w; ++fx) {
              const int32_t ox = x_origin + fx;
              if (ox < 0 || ox >= out_w) continue;
              float* out_px = out + offset4(output.shape, b, oy, ox, 0);
              for (int32_t oc = 0; oc < out_c; ++oc)
                out_px[oc] += value * w[offset4(weights.shape, oc, fy, fx, ic)];
            }
          }
        }
      }
    }
  }
}

}  // namespace lq::ref
