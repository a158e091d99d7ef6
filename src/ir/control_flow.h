// Which subgraphs the control-flow ops of a model run (IF, WHILE, CALL_ONCE).
#pragma once

#include <cstdint>
#include <vector>

#include "ir/graph.h"

namespace lq::ir {

// Subgraphs that an op runs (IF's branches, WHILE's condition and body, CALL_ONCE's initializer);
// empty for other ops. Indices as the options hold them, not checked against the model.
std::vector<int32_t> called_subgraphs(const Op& op);

// For each subgraph, how many ops (in any subgraph) run it; out-of-range indices are not counted.
std::vector<int> subgraph_callers(const Model& model);

}  // namespace lq::ir
