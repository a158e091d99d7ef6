#include "ir/control_flow.h"

namespace lq::ir {

std::vector<int32_t> called_subgraphs(const Op& op) {
  if (const auto* o = op.options.AsIfOptions()) return {o->then_subgraph_index, o->else_subgraph_index};
  if (const auto* o = op.options.AsWhileOptions()) return {o->cond_subgraph_index, o->body_subgraph_index};
  if (const auto* o = op.options.AsCallOnceOptions()) return {o->init_subgraph_index};
  return {};
}

std::vector<int> subgraph_callers(const Model& model) {
  std::vector<int> callers(model.subgraphs.size(), 0);
  for (const Subgraph& g : model.subgraphs)
    for (const Op& op : g.ops)
      for (int32_t k : called_subgraphs(op))
        if (k >= 0 && static_cast<size_t>(k) < callers.size()) ++callers[static_cast<size_t>(k)];
  return callers;
}

}  // namespace lq::ir
