#include "ir/graph.h"

namespace lq::ir {

std::string builtin_name(tflite::BuiltinOperator code) {
  const char* name = tflite::EnumNameBuiltinOperator(code);
  return name && *name ? name : "BUILTIN_" + std::to_string(static_cast<int>(code));
}

std::string op_name(const Op& op) {
  return op.is_custom() ? op.custom_code : builtin_name(op.builtin);
}

}  // namespace lq::ir
