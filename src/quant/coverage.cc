#include "quant/coverage.h"

#include <algorithm>

#include "ir/graph.h"
#include "kernels/kernel_registry.h"
#include "quant/op_spec.h"

namespace lq::quant {

namespace {

bool has_kernel(tflite::BuiltinOperator op, ElementType type) {
  return rt::KernelRegistry::global().find({op, "", type, rt::KernelKind::kReference}) != nullptr;
}

Support support(const OpQuantSpec* spec, tflite::BuiltinOperator op, ElementType type) {
  if (!spec || !spec->supports(type)) return Support::kNone;
  return has_kernel(op, type) ? Support::kYes : Support::kMissing;
}

}  // namespace

std::vector<OpCoverage> op_coverage() {
  std::vector<OpCoverage> all;
  for (int code = 0; code <= static_cast<int>(tflite::BuiltinOperator::MAX); ++code) {
    const auto op = static_cast<tflite::BuiltinOperator>(code);
    // CUSTOM is not one op; QUANTIZE and DEQUANTIZE are the conversions every mode inserts.
    if (op == tflite::BuiltinOperator::CUSTOM || op == tflite::BuiltinOperator::QUANTIZE ||
        op == tflite::BuiltinOperator::DEQUANTIZE)
      continue;
    const OpQuantSpec* spec = find_op_spec(op);
    const bool float32 = has_kernel(op, ElementType::kFloat32);
    if (!float32 && !spec) continue;
    all.push_back({op, float32, support(spec, op, ElementType::kInt8), support(spec, op, ElementType::kInt16),
                   dynamic_weights(op)});
  }
  std::sort(all.begin(), all.end(), [](const OpCoverage& a, const OpCoverage& b) {
    return ir::builtin_name(a.op) < ir::builtin_name(b.op);
  });
  return all;
}

}  // namespace lq::quant
