#include "core/element_type.h"

namespace lq {

namespace {
struct TypeInfo {
  std::string_view name;
  size_t size;
};
constexpr TypeInfo kTypes[kElementTypeCount] = {
    {"float32", 4},   {"float16", 2}, {"int32", 4},  {"uint8", 1},    {"int64", 8},
    {"string", 0},    {"bool", 1},    {"int16", 2},  {"complex64", 8}, {"int8", 1},
    {"float64", 8},   {"complex128", 16}, {"uint64", 8}, {"resource", 0}, {"variant", 0},
    {"uint32", 4},    {"uint16", 2},  {"int4", 0},   {"bfloat16", 2},
};
}  // namespace

bool is_valid_element_type(int value) { return value >= 0 && value < kElementTypeCount; }

size_t element_size(ElementType type) {
  return is_valid_element_type(static_cast<int>(type)) ? kTypes[static_cast<int>(type)].size : 0;
}

std::string_view element_type_name(ElementType type) {
  return is_valid_element_type(static_cast<int>(type)) ? kTypes[static_cast<int>(type)].name
                                                       : std::string_view("invalid");
}

bool is_integer_type(ElementType type) {
  switch (type) {
    case ElementType::kInt8:
    case ElementType::kUInt8:
    case ElementType::kInt16:
    case ElementType::kUInt16:
    case ElementType::kInt32:
    case ElementType::kUInt32:
    case ElementType::kInt64:
    case ElementType::kUInt64:
      return true;
    default:
      return false;
  }
}

}  // namespace lq
