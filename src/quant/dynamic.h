// Dynamic-range mode, as TFLite's converter does it (optimizations = [DEFAULT], no representative
// data set): the float32 weights of the ops below are stored as int8, symmetric in [-127, 127] with
// zero point 0, and activations stay float32. Weights with fewer than kDynamicMinWeightElements
// elements stay float, as the converter's minimum_elements_for_weights default keeps them.
//   CONV_2D           weights per channel (axis 0); hybrid kernel
//   DEPTHWISE_CONV_2D weights per channel (axis 3); hybrid kernel
//   FULLY_CONNECTED   weights per channel (axis 0); hybrid kernel, asymmetric_quantize_inputs =
//   true BATCH_MATMUL      a constant right-hand side, per tensor; hybrid,
//   asymmetric_quantize_inputs = true TRANSPOSE_CONV    weights per channel (axis 0), read through
//   a DEQUANTIZE (no hybrid kernel) GATHER            constant params per tensor, read through a
//   DEQUANTIZE
// Hybrid ops read the int8 weights directly and quantize their float input on the fly (the
// interpreter's hybrid kernels, kernels/reference/hybrid.h); the bias stays float32.
#pragma once

#include <cstdint>

#include "ir/graph.h"
#include "quant/quantize.h"

namespace lq::quant {

// How dynamic-range mode treats an op's weights: not at all, int8 read by a hybrid kernel, or int8
// read through a DEQUANTIZE.
enum class DynamicWeights { kNone, kHybrid, kDequantize };
DynamicWeights dynamic_weights(tflite::BuiltinOperator op);

// The converter's default minimum_elements_for_weights.
inline constexpr int64_t kDynamicMinWeightElements = 1024;

// Quantizes every subgraph of a float model in place (read_as_float has run). options.per_tensor
// gives every weight one scale (DEPTHWISE_CONV_2D stores it once per channel: TFLite's hybrid
// kernel reads one per channel). Counts in `report` the ops whose weights became int8 (quantized)
// and the others (float).
void quantize_dynamic(ir::Model& model, const QuantizeOptions& options, QuantizeReport& report);

}  // namespace lq::quant
