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

KernelKey kernel_key(const ir::Op& op, const ir::Subgraph& graph, KernelKind kind) {
  KernelKey key{op.builtin, op.is_custom() ? op.custom_code : "", ElementType::kFloat32, kind};
  for (int32_t input : op.inputs) {
    if (input >= 0) {
      key.type = graph.tensors[static_cast<size_t>(input)].type;
      break;
    }
  }
  return key;
}

}  // namespace lq::rt
