// Constant IF operands become constants of the branches. TFLite files converted from ONNX pass a
// branch's weights from the calling subgraph as IF operands (openWakeWord's hey_jarvis); there the
// branch's ops read a subgraph input, not a constant, and no quantization mode can store them as
// integers. Moved into the branches, they are ordinary constant weights.
#pragma once

#include "ir/graph.h"

namespace lq::ir {

// Moves every IF operand (other than the condition) that is safe to move into both branches: the
// operand is a constant of the calling subgraph that no other op there reads and that is no output
// of it; each branch is run by this IF alone, is named by no signature, has that input (same type)
// and does not return it. The branch input tensors take the constant's data (a constant both
// branches read is held twice) and leave the branch inputs; the operand leaves the IF. Tensor
// indices do not change (calibrated ranges keyed by index still apply): the caller's constant is
// left unused, for remove_unused. Returns how many operands moved.
int move_if_constants_into_branches(Model& model);

}  // namespace lq::ir
