// The kernel registry maps (op, element type, kernel kind) to a kernel. Each kernel file registers
// itself with LQ_REGISTER_KERNEL; tests iterate every kind registered for an op and compare it with
// the reference kind.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/element_type.h"
#include "kernels/op_context.h"

namespace lq::rt {

enum class KernelKind { kReference, kOptimized };
std::string_view kernel_kind_name(KernelKind kind);

struct Kernel {
  void (*prepare)(OpContext&) = nullptr;
  void (*eval)(OpContext&) = nullptr;
};

struct KernelKey {
  tflite::BuiltinOperator op = tflite::BuiltinOperator::ADD;
  std::string custom;        // custom code, for CUSTOM ops
  ElementType type = ElementType::kFloat32;  // the type the kernel computes in (see kernel_type())
  KernelKind kind = KernelKind::kReference;
  auto operator<=>(const KernelKey&) const = default;
};

class KernelRegistry {
 public:
  static KernelRegistry& global();
  void add(const KernelKey& key, Kernel kernel);
  // The kernel for the key, or the reference kernel when no kernel of the key's kind exists; null when
  // neither exists.
  const Kernel* find(const KernelKey& key) const;
  const std::map<KernelKey, Kernel>& all() const { return kernels_; }
  // Keys registered more than once (a mistake: which one wins depends on link order); a test checks
  // that there are none.
  const std::vector<KernelKey>& duplicates() const { return duplicates_; }

 private:
  std::map<KernelKey, Kernel> kernels_;
  std::vector<KernelKey> duplicates_;
};

// The key a kernel for `op` is registered under: the builtin or custom code and the element type of
// the op's data input: the first present input, except for ops whose first operand is a shape or an
// axis (TRANSPOSE_CONV, SPLIT, FILL). DEQUANTIZE of float16 is keyed float16, and so on.
KernelKey kernel_key(const ir::Op& op, const ir::Subgraph& graph, KernelKind kind);

struct KernelRegistrar {
  KernelRegistrar(KernelKey key, Kernel kernel) { KernelRegistry::global().add(key, kernel); }
};

#define LQ_CONCAT_INNER(a, b) a##b
#define LQ_CONCAT(a, b) LQ_CONCAT_INNER(a, b)
// Registers a builtin kernel: LQ_REGISTER_KERNEL(CONV_2D, kFloat32, kReference, prepare, eval).
#define LQ_REGISTER_KERNEL(OP, TYPE, KIND, PREPARE, EVAL)                                   \
  static const ::lq::rt::KernelRegistrar LQ_CONCAT(lq_kernel_registrar_, __LINE__)(          \
      ::lq::rt::KernelKey{tflite::BuiltinOperator::OP, "", ::lq::ElementType::TYPE,         \
                          ::lq::rt::KernelKind::KIND},                                      \
      ::lq::rt::Kernel{PREPARE, EVAL})
// Registers a kernel for a custom op by its custom code.
#define LQ_REGISTER_CUSTOM_KERNEL(CODE, TYPE, KIND, PREPARE, EVAL)                           \
  static const ::lq::rt::KernelRegistrar LQ_CONCAT(lq_kernel_registrar_, __LINE__)(          \
      ::lq::rt::KernelKey{tflite::BuiltinOperator::CUSTOM, CODE, ::lq::ElementType::TYPE,   \
                          ::lq::rt::KernelKind::KIND},                                      \
      ::lq::rt::Kernel{PREPARE, EVAL})

}  // namespace lq::rt
