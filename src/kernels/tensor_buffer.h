// A tensor as the interpreter sees it while running: element type, current shape and a pointer to its
// bytes (owned by the interpreter, or the model's constant data).
#pragma once

#include <cstdint>

#include "core/element_type.h"
#include "core/shape.h"
#include "ir/graph.h"

namespace lq::rt {

struct TensorBuffer {
  const ir::Tensor* tensor = nullptr;  // the IR tensor: name, quantization, constant data
  ElementType type = ElementType::kFloat32;
  Shape shape;
  uint8_t* data = nullptr;
  size_t bytes = 0;

  int64_t elements() const { return num_elements(shape); }
  int rank() const { return static_cast<int>(shape.size()); }
  int32_t dim(int i) const { return shape[static_cast<size_t>(i < 0 ? i + rank() : i)]; }
  const std::string& name() const { return tensor->name; }
  const ir::QuantParams& quant() const { return tensor->quant; }
  template <class T> T* as() { return reinterpret_cast<T*>(data); }
  template <class T> const T* as() const { return reinterpret_cast<const T*>(data); }
};

}  // namespace lq::rt
