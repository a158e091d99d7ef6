#include "arith/arithmetic.h"

namespace lq::arith {

std::string_view arithmetic_name(Arithmetic arithmetic) {
  return arithmetic == Arithmetic::kRuntime ? "runtime" : "tflite-reference";
}

std::optional<Arithmetic> parse_arithmetic(std::string_view name) {
  for (Arithmetic a : {Arithmetic::kRuntime, Arithmetic::kTfliteReference})
    if (arithmetic_name(a) == name) return a;
  return std::nullopt;
}

}  // namespace lq::arith
