// Full-integer quantization (--mode int8 and int16x8) of every subgraph of a float model, from
// calibrated ranges, following quant/op_spec.h op by op:
// - An op becomes integer when the spec has it for the activation type, litequant has a kernel for
//   it, its weights and bias are constants and calibration saw its inputs and outputs. Every other
//   op stays float, with QUANTIZE / DEQUANTIZE where integer and float tensors meet, and is listed
//   in the report with the reason (--strict turns that into an error).
// - Activations: int8 asymmetric or int16 symmetric per tensor, from the calibrated range. Outputs
//   with fixed parameters take them; ops that keep parameters take their input's (with one
//   activation input) or their own calibrated range, requantizing inputs that differ (several).
// - Weights int8 symmetric per channel (per tensor with --per-tensor); bias int32 (int64 for
//   int16) with scale input_scale x weight_scale; other constant operands are quantized like the
//   activation they stand for.
// - Model inputs and outputs take --input-type / --output-type: float32 through QUANTIZE /
//   DEQUANTIZE, the activation type directly, uint8 (zero point + 128) through QUANTIZE.
// - Subgraphs that IF / WHILE run are quantized the same way, but their inputs and outputs stay
//   float32 (QUANTIZE / DEQUANTIZE inside, as at a float model boundary), as do the control-flow
//   op and its operands: caller and callee types always match. The report counts every subgraph's
//   ops; --strict names the subgraph of an op left float.
#pragma once

#include "ir/graph.h"
#include "quant/calibration.h"
#include "quant/quantize.h"

namespace lq::quant {

void quantize_full_integer(ir::Model& model, const QuantizeOptions& options, const Calibrator& ranges,
                           QuantizeReport& report);

}  // namespace lq::quant
