// Shapes are small vectors of int32 dimensions, as in the TFLite format.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lq {

using Shape = std::vector<int32_t>;

// Number of elements; throws lq::Error on a negative dimension or when the product overflows int64.
int64_t num_elements(const Shape& shape);
std::string shape_string(const Shape& shape);  // "1x128x128x3", "scalar" for rank 0

// Row-major strides in elements.
std::vector<int64_t> strides_of(const Shape& shape);

// NumPy-style broadcast of two shapes; throws when they are not compatible.
Shape broadcast_shapes(const Shape& a, const Shape& b);

}  // namespace lq
