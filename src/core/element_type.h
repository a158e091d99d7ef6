// Element types of tensors. The numbering equals TFLite's TensorType so that the file reader and
// writer convert by value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lq {

enum class ElementType : int8_t {
  kFloat32 = 0,
  kFloat16 = 1,
  kInt32 = 2,
  kUInt8 = 3,
  kInt64 = 4,
  kString = 5,
  kBool = 6,
  kInt16 = 7,
  kComplex64 = 8,
  kInt8 = 9,
  kFloat64 = 10,
  kComplex128 = 11,
  kUInt64 = 12,
  kResource = 13,
  kVariant = 14,
  kUInt32 = 15,
  kUInt16 = 16,
  kInt4 = 17,
  kBFloat16 = 18,
};

constexpr int kElementTypeCount = 19;

// Bytes per element; 0 for types without a fixed size (string, resource, variant, int4).
size_t element_size(ElementType type);
std::string_view element_type_name(ElementType type);  // "float32", "int8", ...
bool is_valid_element_type(int value);
// int8 to uint64 (not bool).
bool is_integer_type(ElementType type);

template <class T> constexpr ElementType element_type_of();
template <> constexpr ElementType element_type_of<float>() { return ElementType::kFloat32; }
template <> constexpr ElementType element_type_of<int32_t>() { return ElementType::kInt32; }
template <> constexpr ElementType element_type_of<uint8_t>() { return ElementType::kUInt8; }
template <> constexpr ElementType element_type_of<int64_t>() { return ElementType::kInt64; }
template <> constexpr ElementType element_type_of<bool>() { return ElementType::kBool; }
template <> constexpr ElementType element_type_of<int16_t>() { return ElementType::kInt16; }
template <> constexpr ElementType element_type_of<int8_t>() { return ElementType::kInt8; }
template <> constexpr ElementType element_type_of<double>() { return ElementType::kFloat64; }

}  // namespace lq
