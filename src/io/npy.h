// NumPy .npy files (format versions 1.0 to 3.0, little-endian, C order), the project's own reader and
// writer. Arrays hold raw bytes with an element type and shape.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/element_type.h"
#include "core/shape.h"

namespace lq::io {

struct Array {
  ElementType type = ElementType::kFloat32;
  Shape shape;
  std::vector<uint8_t> data;

  int64_t elements() const { return num_elements(shape); }
  template <class T> const T* as() const { return reinterpret_cast<const T*>(data.data()); }
  template <class T> T* as() { return reinterpret_cast<T*>(data.data()); }
};

// The header of a .npy file: element type, shape, and where the data starts. `size` may cover only
// the file's beginning (the header is at most 64 KiB + 12 bytes), so that callers can stream the data.
struct NpyHeader {
  ElementType type = ElementType::kFloat32;
  Shape shape;
  size_t data_offset = 0;
};
NpyHeader parse_npy_header(const uint8_t* bytes, size_t size, const std::string& origin);

// `origin` names the source in errors (a path, or "archive.npz:x").
Array parse_npy(const uint8_t* bytes, size_t size, const std::string& origin);
Array read_npy(const std::string& path);
std::vector<uint8_t> encode_npy(const Array& array);
void write_npy(const std::string& path, const Array& array);

// The numpy dtype string of an element type ("<f4", "|i1", ...); throws for types numpy lacks.
std::string npy_dtype(ElementType type);

}  // namespace lq::io
