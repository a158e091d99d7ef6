// The scatter loop shared by TRANSPOSE_CONV and MediaPipe's Convolution2DTransposeBias: every input
// element adds input * weight to each output it reaches, in TFLite's reference order (batch, in_y,
// in_x, in_channel, filter_y, filter_x, out_channel). The output must be initialized first.
// Also the TRANSPOSE_CONV geometry (shapes, padding) shared by its float, int8 and 16x8 kernels.
#pragma once

#include "kernels/reference/spatial.h"

namespace lq::ref {

struct TransposeConvGeometry {
  int32_t stride_h = 1, stride_w = 1;
  int32_t pad_h = 0, pad_w = 0;
};

// The scatter over raw arrays: `out` has out_shape [n, out_h, out_w, out_ch] and is accumulated in
// Acc; each input value is read as Acc minus `input_zero_point` (0 for float and 16x8).
template <class In, class W, class Acc>
void transpose_conv_scatter_into(const TensorBuffer& input, const TensorBuffer& weights,
                                 const Shape& out_shape, Acc* out, const TransposeConvGeometry& g,
                                 Acc input_zero_point) {
  const In* in = input.as<In>();
  const W* w = weights.as<W>();
  const int32_t batches = input.dim(0), in_h = input.dim(1), in_w = input.dim(2);
  const int32_t in_c = input.dim(3);
  const int32_t filter_h = weights.dim(1), filter_w = weights.dim(2);
  const int32_t out_h = out_shape[1], out_w = out_shape[2], out_c = out_shape[3];
  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t iy = 0; iy < in_h; ++iy) {
      const int32_t y_origin = iy * g.stride_h - g.pad_h;
      for (int32_t ix = 0; ix < in_w; ++ix) {
        const int32_t x_origin = ix * g.stride_w - g.pad_w;
        for (int32_t ic = 0; ic < in_c; ++ic) {
          const Acc value = static_cast<Acc>(in[offset4(input.shape, b, iy, ix, ic)]) -
                            input_zero_point;
          for (int32_t fy = 0; fy < filter_h; ++fy) {
            const int32_t oy = y_origin + fy;
            if (oy < 0 || oy >= out_h) continue;
            for (int32_t fx = 0; fx < filter_w; ++fx) {
              const int32_t ox = x_origin + fx;
              if (ox < 0 || ox >= out_w) continue;
              Acc* out_px = out + offset4(out_shape, b, oy, ox, 0);
              for (int32_t oc = 0; oc < out_c; ++oc)
                out_px[oc] += value * static_cast<Acc>(w[offset4(weights.shape, oc, fy, fx, ic)]);
            }
          }
        }
      }
    }
  }
}

// input [n, h, w, in_ch], weights [out_ch, kh, kw, in_ch], output [n, out_h, out_w, out_ch], float.
inline void transpose_conv_scatter(const TensorBuffer& input, const TensorBuffer& weights,
                                   TensorBuffer& output, const TransposeConvGeometry& g) {
  transpose_conv_scatter_into<float, float, float>(input, weights, output.shape,
                                                   output.as<float>(), g, 0.0f);
}

// Leading padding as TFLite computes it for TRANSPOSE_CONV: the padding a forward convolution from
// the output size back to the input would use.
inline int32_t transpose_conv_leading_padding(tflite::Padding padding, int32_t out_size,
                                              int32_t filter, int32_t stride) {
  const PaddedDim forward = padded_dim(padding, out_size, filter, stride, 1);
  const int32_t total = (forward.out - 1) * stride + filter - out_size;
  return std::max(0, total) / 2;
}

// TRANSPOSE_CONV's shapes, whatever the element types: output_shape (input 0, constant int32 [4]),
// weights (input 1) [out_ch, kh, kw, in_ch], data (input 2) [n, h, w, in_ch], options. Checks them
// naming the op and tensor, sets the output shape and returns the geometry. Types and the bias are
// the kernel's to check.
inline TransposeConvGeometry prepare_transpose_conv_geometry(OpContext& ctx) {
  const auto& options = ctx.options<tflite::TransposeConvOptionsT>();
  const TensorBuffer& shape_tensor = ctx.input(0);
  const TensorBuffer& weights = ctx.input(1);
  const TensorBuffer& input = ctx.input(2);
  check_type(ctx, shape_tensor, ElementType::kInt32);
  check_rank(ctx, weights, 4);
  check_rank(ctx, input, 4);
  ctx.check(input.dim(3) == weights.dim(3), "weights '", weights.name(), "' have ",
            weights.dim(3), " input channels but input '", input.name(), "' has ", input.dim(3));

  const std::vector<int64_t> dims = read_int_tensor(ctx, 0);
  ctx.check(dims.size() == 4, "output shape '", shape_tensor.name(), "' has ", dims.size(),
            " elements, expected 4");
  ctx.check(dims[0] == input.dim(0) && dims[3] == weights.dim(0) && dims[1] > 0 && dims[2] > 0,
            "output shape [", dims[0], ", ", dims[1], ", ", dims[2], ", ", dims[3],
            "] does not fit input '", input.name(), "' (", shape_string(input.shape),
            ") and weights '", weights.name(), "' (", shape_string(weights.shape), ")");
  const Shape out_shape = {input.dim(0), static_cast<int32_t>(dims[1]),
                           static_cast<int32_t>(dims[2]), weights.dim(0)};

  ctx.check(options.padding == tflite::Padding::SAME || options.padding == tflite::Padding::VALID,
            "padding ", static_cast<int>(options.padding), " is neither SAME nor VALID");
  check_positive(ctx, options.stride_h, "height stride");
  check_positive(ctx, options.stride_w, "width stride");
  check_positive(ctx, weights.dim(1), "filter height");
  check_positive(ctx, weights.dim(2), "filter width");
  ctx.set_output_shape(0, out_shape);

  TransposeConvGeometry g;
  g.stride_h = options.stride_h;
  g.stride_w = options.stride_w;
  g.pad_h = transpose_conv_leading_padding(options.padding, out_shape[1], weights.dim(1),
                                           options.stride_h);
  g.pad_w = transpose_conv_leading_padding(options.padding, out_shape[2], weights.dim(2),
                                           options.stride_w);
  return g;
}

}  // namespace lq::ref
