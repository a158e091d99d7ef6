// Graph passes that tidy an imported graph before it is run or quantized. The ONNX importer wraps
// every layout-sensitive op in TRANSPOSEs (NCHW <-> NHWC) and spells batch norm and Relu as
// separate ops; these passes remove what that costs. Run them in this order:
//
//   optimize_transposes(g);   // pushes and cancels the wrapping transposes
//   fold_batch_norm(g);       // folds MUL/ADD by per-channel constants into conv/FC weights
//   fuse_activations(g);      // folds RELU/RELU6/RELU_N1_TO_1 (or a Clip) into the op before
//
// Every pass keeps the graph valid: tensor shapes stay correct, ops stay in topological order,
// graph outputs keep their tensor (and so their name), and a constant is never changed in place
// (a rewritten constant is a new tensor). Each pass ends with remove_unused, which renumbers the
// subgraph's tensors; the pass returns that map so that callers holding tensor indices of the
// subgraph can follow it (run_pass does so for a model's signatures).
#pragma once

#include <cstdint>
#include <vector>

#include "ir/graph.h"

namespace lq::ir {

// old tensor index -> new tensor index; -1 for a removed tensor.
using TensorMap = std::vector<int32_t>;

// Moves TRANSPOSEs down through layout-agnostic ops (elementwise, CONCATENATION, keep_dims
// reductions, PAD) until they meet and cancel another TRANSPOSE; drops a TRANSPOSE before a
// flatten into FULLY_CONNECTED by permuting the weight columns; turns transposes that move only
// size-1 dimensions into RESHAPEs and merges or drops reshapes. Details in transpose_pass.cc.
TensorMap optimize_transposes(Subgraph& g);

// CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED (constant float weights, no fused activation)
// followed by MUL, ADD or SUB of a per-output-channel constant: scales the weights and bias, or
// adds into the bias, and drops the MUL/ADD/SUB. Repeats along chains.
TensorMap fold_batch_norm(Subgraph& g);

// CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, ADD, SUB or MUL without a fused activation whose
// output is read only by RELU, RELU6 or RELU_N1_TO_1 (or by a MAXIMUM/MINIMUM chain with constants
// that amounts to one of them): the op takes the activation and writes its output.
TensorMap fuse_activations(Subgraph& g);

// Removes ops whose outputs nobody reads (except ops with side effects) and tensors nothing refers
// to, renumbering the rest; graph inputs and outputs are always kept.
TensorMap remove_unused(Subgraph& g);

// Applies a subgraph's tensor renumbering to the model's signatures of that subgraph.
void remap_signatures(Model& m, int subgraph, const TensorMap& map);

// remove_unused on every subgraph, signatures followed.
void remove_unused(Model& m);

// Runs a pass on every subgraph of the model and follows the renumbering in its signatures:
// run_pass(model, optimize_transposes).
void run_pass(Model& m, TensorMap (*pass)(Subgraph&));

// DEQUANTIZE of a constant (float16, or int8/uint8/int16 with its scale and zero point, per tensor
// or per axis) becomes a float32 constant: its output tensor takes the values and the op goes.
// Float16-weight models (MediaPipe's) are so read as float before quantization. DENSIFY of a sparse
// constant is folded first (into a dense constant), so sparse weights are read as float too.
TensorMap fold_dequantize(Subgraph& g);

}  // namespace lq::ir
