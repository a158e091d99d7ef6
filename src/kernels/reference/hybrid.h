// Hybrid kernels (dynamic-range quantization): float32 input and output, int8 symmetric weights
// (zero point 0, one scale per tensor or per output channel), float32 bias. Each run of the input
// that shares one dot product's scale (a row of FULLY_CONNECTED or BATCH_MATMUL, an image of a
// convolution) is quantized to int8 on the fly with its own scale and zero point; the dot products
// are exact int32 sums of (q - zero_point) * w, scaled back to float, plus the bias, then the fused
// activation.
//
// The registry keys kernels by the data input's type (float32), so the float kernels of CONV_2D,
// DEPTHWISE_CONV_2D, FULLY_CONNECTED and BATCH_MATMUL hand ops whose weights (input 1) are int8 to
// the functions below.
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/reference/common.h"

namespace lq::ref {

// Whether the op reads int8 weights at input 1 (a hybrid op).
inline bool has_int8_weights(const OpContext& ctx) {
  return ctx.has_input(1) && ctx.input(1).type == ElementType::kInt8;
}

// How a run of float inputs becomes int8; `scale` and `zero_point` give back real values.
enum class InputQuantization {
  // TFLite's SymmetricQuantizeFloats: scale = max|x| / 127, q = round(x / scale) (ties away from
  // zero) in [-127, 127], zero point 0.
  kTfliteSymmetric,
  // TFLite's AsymmetricQuantizeFloats: range [min(0, min x), max(0, max x)], scale = range / 255
  // and the zero point nudged in double precision, q = round(x * f32(1 / scale)) + zero point.
  kTfliteAsymmetric,
  // The same parameters, but the zero point added before rounding: q = round(f32(x * f32(1 /
  // scale)) + zero point), ties away from zero. LiteRT.js's hybrid DEPTHWISE_CONV_2D does this
  // (measured: with scale 6/255 and zero point -128, 0.2 -> round(8.5 - 128) = -120, not -119).
  kTfliteAsymmetricZeroPointFirst,
  // XNNPACK's dynamic quantization (qd8): s = f32(255 / range) in float32, zero point as TFLite's,
  // q = rint(x * s) + zero point (ties to even); scale = f32(1 / s).
  kXnnpack,
};
struct InputQuant {
  float scale = 1.0f;
  int32_t zero_point = 0;
};
// Quantizes x[0, n) into q; an all-zero run gets scale 1 and zero point 0.
InputQuant quantize_inputs(InputQuantization how, const float* x, int64_t n, int8_t* q);

// What eval() needs to turn an int32 dot product into the float output.
struct HybridStage {
  bool input_scale_first = true;     // the order of the float products (below)
  std::vector<float> weight_scales;  // one per output channel
  ActivationRange range;

  // (acc * input_scale) * weight_scale + bias as XNNPACK and TFLite's optimized depthwise kernel
  // compute it, or acc * (input_scale * weight_scale) + bias as TFLite's other hybrid kernels
  // (one scale per row and channel). Then the activation.
  float output(int32_t acc, float input_scale, size_t channel, float bias) const {
    const float w = weight_scales[channel];
    const float scaled = input_scale_first ? static_cast<float>(acc) * input_scale * w
                                           : static_cast<float>(acc) * (input_scale * w);
    return clamp_activation(scaled + bias, range);
  }
};

// Checks input 0 and output 0 float32 and the int8 weights (input 1): zero points 0, one scale or
// `channels` scales along `axis`. Returns the scales, one per channel.
std::vector<float> hybrid_weight_scales(const OpContext& ctx, int32_t channels, int axis);
// The output stage of a hybrid kernel: the weight scales (along `filter_axis`), the optional float
// bias checked (input 2) and the fused activation's range.
HybridStage prepare_hybrid_stage(const OpContext& ctx, int32_t out_channels, int filter_axis,
                                 tflite::ActivationFunctionType activation);

void prepare_fully_connected_hybrid(OpContext& ctx);
void eval_fully_connected_hybrid(OpContext& ctx);
void prepare_conv_2d_hybrid(OpContext& ctx);
void eval_conv_2d_hybrid(OpContext& ctx);
void prepare_depthwise_conv_2d_hybrid(OpContext& ctx);
void eval_depthwise_conv_2d_hybrid(OpContext& ctx);
// BATCH_MATMUL's broadcast batch dimensions and adjoint flags, shared by its float and hybrid
// kernels. prepare_batch_matmul_shapes (batch_matmul.cc) checks the shapes and sets the output's.
struct BatchMatMulShapes {
  Shape lhs_batch, rhs_batch, out_batch;
  bool adj_x = false, adj_y = false;

  // One matrix product: sizes, and the strides of element (row i, depth k) of an lhs matrix and
  // (depth k, column j) of an rhs matrix.
  struct Matrix {
    int64_t rows, cols, depth, lhs_i, lhs_k, rhs_k, rhs_j;
  };
  Matrix matrix(const TensorBuffer& lhs, const TensorBuffer& output) const {
    const int64_t rows = output.dim(-2), cols = output.dim(-1);
    const int64_t depth = adj_x ? lhs.dim(-2) : lhs.dim(-1);
    return {rows,
            cols,
            depth,
            adj_x ? 1 : depth,
            adj_x ? rows : 1,
            adj_y ? 1 : cols,
            adj_y ? depth : 1};
  }
};
BatchMatMulShapes prepare_batch_matmul_shapes(OpContext& ctx);

// The integer BATCH_MATMUL loop over broadcast batches: each output element is
// finish(sum over k of product(lhs[i, k], rhs[k, j])), the sum exact in int64.
template <class T, class Product, class Finish>
void for_each_batch_matmul_sum(const BatchMatMulShapes& shapes, const TensorBuffer& lhs,
                               const TensorBuffer& rhs, TensorBuffer& output, Product product,
                               Finish finish) {
  const BatchMatMulShapes::Matrix m = shapes.matrix(lhs, output);
  const int64_t lhs_matrix = m.rows * m.depth, rhs_matrix = m.depth * m.cols;
  const int64_t out_matrix = m.rows * m.cols;
  BroadcastIndex(shapes.lhs_batch, shapes.rhs_batch, shapes.out_batch)
      .for_each([&](int64_t ob, int64_t lb, int64_t rb) {
        const T* x = lhs.as<T>() + lb * lhs_matrix;
        const T* y = rhs.as<T>() + rb * rhs_matrix;
        T* z = output.as<T>() + ob * out_matrix;
        for (int64_t i = 0; i < m.rows; ++i) {
          for (int64_t j = 0; j < m.cols; ++j) {
            int64_t sum = 0;
            for (int64_t k = 0; k < m.depth; ++k)
              sum += product(x[i * m.lhs_i + k * m.lhs_k], y[k * m.rhs_k + j * m.rhs_j]);
            z[i * m.cols + j] = finish(sum);
          }
        }
      });
}

void prepare_batch_matmul_hybrid(OpContext& ctx);
void eval_batch_matmul_hybrid(OpContext& ctx);

}  // namespace lq::ref
