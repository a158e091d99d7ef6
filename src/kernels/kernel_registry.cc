#include "kernels/kernel_registry.h"

namespace lq::rt {

std::string_view kernel_kind_name(KernelKind kind) {
  return kind == KernelKind::kReference ? "reference" : "optimized";
}

KernelRegistry& KernelRegistry::global() {
  static KernelRegistry registry;  // built on first use, so static registrars may run in any order
  return registry;
}

void KernelRegistry::add(const KernelKey& key, Kernel kernel) {
  if (!kernels_.emplace(key, kernel).second) duplicates_.push_back(key);
}

const Kernel* KernelRegistry::find(const KernelKey& key) const {
  auto it = kernels_.find(key);
  if (it != kernels_.end()) return &it->second;
  if (key.kind == KernelKind::kReference) return nullptr;
  KernelKey reference = key;
  reference.kind = KernelKind::kReference;
  it = kernels_.find(reference);
  return it == kernels_.end() ? nullptr : &it->second;
}

// The input whose element type selects the kernel: the data, not a shape or axis operand that
// comes first.
int data_input(tflite::BuiltinOperator op) {
  switch (op) {
    case tflite::BuiltinOperator::TRANSPOSE_CONV: return 2;  // (output shape, weights, input, bias)
    case tflite::BuiltinOperator::SPLIT: return 1;           // (axis, input)
    case tflite::BuiltinOperator::FILL: return 1;            // (dims, value)
    default: return 0;
  }
}

KernelKey kernel_key(const ir::Op& op, const ir::Subgraph& graph, KernelKind kind) {
  KernelKey key{op.builtin, op.is_custom() ? op.custom_code : "", ElementType::kFloat32, kind};
  for (size_t i = static_cast<size_t>(data_input(op.builtin)); i < op.inputs.size(); ++i) {
    if (op.inputs[i] >= 0) {
      key.type = graph.tensors[static_cast<size_t>(op.inputs[i])].type;
      break;
    }
  }
  return key;
}

}  // namespace lq::rt
