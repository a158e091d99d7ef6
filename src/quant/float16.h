// float16 mode, as TFLite's converter does it (supported_types = [tf.float16]): every float32
// constant that an op reads is stored as float16, and one DEQUANTIZE op, placed before its first
// reader, gives the readers the float32 tensor back; a constant float16 would turn into all zeros
// (a 1e-10 floor before a log) stays float32. Activations, inputs and outputs stay float32;
// the runtime widens the weights once, so only the rounding of the weights to float16 changes the
// outputs.
#pragma once

#include "ir/graph.h"
#include "quant/quantize.h"

namespace lq::quant {

// Converts every subgraph; counts in `report` the ops that read a converted weight (quantized)
// and the others (float).
void quantize_float16(ir::Model& model, QuantizeReport& report);

}  // namespace lq::quant
