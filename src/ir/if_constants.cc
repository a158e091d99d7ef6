#include "ir/if_constants.h"

#include <algorithm>

#include "ir/control_flow.h"

namespace lq::ir {

namespace {

bool contains(const std::vector<int32_t>& list, int32_t t) {
  return std::find(list.begin(), list.end(), t) != list.end();
}

// Whether both branches of `call` are run by it alone and named by no signature (so that their
// inputs are fixed by this one call).
bool branches_private(const Model& model, const std::vector<int32_t>& branches, const std::vector<int>& callers) {
  if (branches[0] == branches[1]) return false;
  for (int32_t k : branches) {
    if (k <= 0 || static_cast<size_t>(k) >= model.subgraphs.size() || callers[static_cast<size_t>(k)] != 1)
      return false;
    for (const Signature& signature : model.signatures)
      if (signature.subgraph == k) return false;
  }
  return true;
}

// Whether IF operand `operand` of `call` (in `caller`) can become a constant of both branches.
bool movable(const Model& model, const Subgraph& caller, const Op& call, size_t operand,
             const std::vector<int32_t>& branches) {
  const int32_t t = call.inputs[operand];
  if (t < 0 || static_cast<size_t>(t) >= caller.tensors.size()) return false;
  const Tensor& constant = caller.tensors[static_cast<size_t>(t)];
  if (!constant.is_constant() || constant.is_variable || contains(caller.outputs, t)) return false;
  int uses = 0;
  for (const Op& op : caller.ops) uses += static_cast<int>(std::count(op.inputs.begin(), op.inputs.end(), t));
  if (uses != 1) return false;
  for (int32_t k : branches) {
    const Subgraph& branch = model.subgraphs[static_cast<size_t>(k)];
    if (operand - 1 >= branch.inputs.size()) return false;
    const int32_t in = branch.inputs[operand - 1];
    if (in < 0 || static_cast<size_t>(in) >= branch.tensors.size() || contains(branch.outputs, in) ||
        branch.tensors[static_cast<size_t>(in)].type != constant.type)
      return false;
  }
  return true;
}

// The branch input for `operand` takes the constant's data and stops being an input.
void make_branch_constant(Subgraph& branch, size_t operand, const Tensor& constant) {
  Tensor& in = branch.tensors[static_cast<size_t>(branch.inputs[operand - 1])];
  in.data = constant.data;
  in.shape = constant.shape;
  in.shape_signature = constant.shape_signature;
  in.has_rank = constant.has_rank;
  in.quant = constant.quant;
  in.sparsity = constant.sparsity;
  branch.inputs.erase(branch.inputs.begin() + static_cast<std::ptrdiff_t>(operand - 1));
}

}  // namespace

int move_if_constants_into_branches(Model& model) {
  const std::vector<int> callers = subgraph_callers(model);
  int moved = 0;
  for (Subgraph& caller : model.subgraphs)
    for (Op& call : caller.ops) {
      const auto* options = call.options.AsIfOptions();
      if (!options) continue;
      const std::vector<int32_t> branches = {options->then_subgraph_index, options->else_subgraph_index};
      if (!branches_private(model, branches, callers)) continue;
      // From the last operand down, so that erasing one leaves the positions of the rest.
      for (size_t operand = call.inputs.size(); operand-- > 1;) {
        if (!movable(model, caller, call, operand, branches)) continue;
        const Tensor& constant = caller.tensors[static_cast<size_t>(call.inputs[operand])];
        for (int32_t k : branches) make_branch_constant(model.subgraphs[static_cast<size_t>(k)], operand, constant);
        call.inputs.erase(call.inputs.begin() + static_cast<std::ptrdiff_t>(operand));
        ++moved;
      }
    }
  return moved;
}

}  // namespace lq::ir
