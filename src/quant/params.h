// Quantization parameters and quantized constants, as TFLite's quantization specification fixes
// them: asymmetric int8 (and uint8) activations, symmetric int16 activations, int8 symmetric weights
// in [-127, 127] per axis or per tensor, integer bias with scale input_scale x weight_scale.
#pragma once

#include <cstdint>

#include "core/element_type.h"
#include "ir/graph.h"
#include "quant/calibration.h"

namespace lq::quant {

// Ranges narrower than this are widened to it around their values, as TFLite's converter does.
inline constexpr double kNarrowestRange = 1e-6;

// Parameters covering `range` (widened to contain 0, so that 0 is exact) for activations of `type`:
// int8/uint8 asymmetric, scale = (max - min) / 255, zero point min's image nudged into the type's
// range; int16 symmetric, scale = max|x| / 32767, zero point 0. A range narrower than
// kNarrowestRange (an all-zero or empty one) is first widened to [min(lo, -5e-7), max(hi, 5e-7)]:
// int8 scale 1e-6 / 255, zero point -1.
ir::QuantParams activation_params(Range range, ElementType type);

// The values' range (empty for no values).
Range value_range(const ir::Tensor& constant);

// The same parameters for a type 128 apart: int8 <-> uint8 (TFLite's uint8 model boundaries).
ir::QuantParams shift_zero_point(const ir::QuantParams& params, ElementType from, ElementType to);

// int8 symmetric weights of float32 constant `weights`, q = round(w / scale) in [-127, 127]: one
// scale max|w| / 127 per slice along `axis`, or for axis < 0 one for the tensor; with `one_scale`
// the tensor's one scale stored once per slice along `axis` (kernels that read one per channel).
// A slice of zeros gets scale 1; a non-finite weight is an error naming the tensor.
ir::Tensor quantize_weights(const ir::Tensor& weights, int32_t axis, bool one_scale = false);

// Integer bias (int32 for int8 activations, int64 for int16) of float32 constant `bias`:
// scale[c] = input_scale x weight_scale[c] (one weight scale: per tensor), zero point 0.
ir::Tensor quantize_bias(const ir::Tensor& bias, float input_scale, const ir::QuantParams& weight,
                         ElementType type);

// Float32 constant `constant` quantized per tensor with `params` into `type`: round half away from
// zero, clamp to the type's range.
ir::Tensor quantize_constant(const ir::Tensor& constant, const ir::QuantParams& params, ElementType type);

}  // namespace lq::quant
