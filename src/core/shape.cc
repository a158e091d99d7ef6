#include "core/shape.h"

#include <algorithm>
#include <limits>

#include "core/error.h"

namespace lq {

int64_t num_elements(const Shape& shape) {
  int64_t count = 1;
  for (int32_t dim : shape) {
    LQ_CHECK(dim >= 0, "negative dimension in shape ", shape_string(shape));
    if (dim != 0 && count > std::numeric_limits<int64_t>::max() / 2 / dim)
      fail("shape ", shape_string(shape), " has too many elements");
    count *= dim;
  }
  return count;
}

std::string shape_string(const Shape& shape) {
  if (shape.empty()) return "scalar";
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) text += 'x';
    text += std::to_string(shape[i]);
  }
  return text;
}

std::vector<int64_t> strides_of(const Shape& shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (size_t i = shape.size(); i-- > 1;) strides[i - 1] = strides[i] * shape[i];
  return strides;
}

Shape broadcast_shapes(const Shape& a, const Shape& b) {
  const size_t rank = std::max(a.size(), b.size());
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    const int32_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    const int32_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    LQ_CHECK(da == db || da == 1 || db == 1, "shapes ", shape_string(a), " and ", shape_string(b),
             " cannot be broadcast");
    out[i] = da == 1 ? db : da;
  }
  return out;
}

}  // namespace lq
