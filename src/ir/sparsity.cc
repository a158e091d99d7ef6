#include "ir/sparsity.h"

#include <algorithm>
#include <cstring>

#include "core/error.h"

namespace lq::ir {

namespace {

// Size of every traversed dimension (n original dimensions divided by their block size, then the k
// block dimensions), indexed by dimension, not by traversal position.
std::vector<int64_t> traversed_sizes(const Sparsity& s, const Shape& shape) {
  const size_t n = shape.size(), k = s.block_map.size();
  std::vector<int64_t> sizes(shape.begin(), shape.end());
  sizes.resize(n + k, 0);
  for (size_t j = 0; j < k; ++j) {
    const auto at = std::find(s.traversal_order.begin(), s.traversal_order.end(),
                              static_cast<int32_t>(n + j));
    const DimensionMetadata& block = s.dim_metadata[static_cast<size_t>(at - s.traversal_order.begin())];
    LQ_CHECK(!block.sparse_csr && block.dense_size > 0, "sparse block dimension ", j,
             " must be dense with a positive size");
    const size_t dim = static_cast<size_t>(s.block_map[j]);
    LQ_CHECK(shape[dim] % block.dense_size == 0, "dimension ", dim, " of size ", shape[dim],
             " is not a multiple of its block size ", block.dense_size);
    sizes[dim] = shape[dim] / block.dense_size;
    sizes[n + j] = block.dense_size;
  }
  return sizes;
}

struct Densifier {
  const Sparsity& s;
  std::vector<int64_t> sizes;
  std::vector<int64_t> block_of;  // for each original dimension: its block dimension, or -1
  std::vector<int64_t> strides;   // of the dense tensor
  const uint8_t* values;
  size_t element_size;
  uint8_t* dense;
  std::vector<int64_t> coords;

  void visit(size_t level, int64_t pos) {
    if (level == s.traversal_order.size()) {
      int64_t offset = 0;
      for (size_t d = 0; d < strides.size(); ++d) {
        const int64_t c = block_of[d] < 0 ? coords[d]
                                          : coords[d] * sizes[static_cast<size_t>(block_of[d])] +
                                                coords[static_cast<size_t>(block_of[d])];
        offset += c * strides[d];
      }
      std::memcpy(dense + offset * static_cast<int64_t>(element_size),
                  values + pos * static_cast<int64_t>(element_size), element_size);
      return;
    }
    const size_t dim = static_cast<size_t>(s.traversal_order[level]);
    const DimensionMetadata& meta = s.dim_metadata[level];
    if (!meta.sparse_csr) {
      for (int64_t c = 0; c < sizes[dim]; ++c) {
        coords[dim] = c;
        visit(level + 1, pos * sizes[dim] + c);
      }
      return;
    }
    const std::vector<int32_t>& seg = meta.segments.values;
    for (int64_t j = seg[static_cast<size_t>(pos)]; j < seg[static_cast<size_t>(pos) + 1]; ++j) {
      coords[dim] = meta.indices.values[static_cast<size_t>(j)];
      visit(level + 1, j);
    }
  }
};

}  // namespace

void check_sparsity(const Sparsity& s, const Shape& shape, size_t data_bytes, size_t element_size) {
  const size_t n = shape.size(), k = s.block_map.size();
  LQ_CHECK(element_size > 0, "sparse tensors need a fixed-size element type");
  LQ_CHECK(s.traversal_order.size() == n + k, "sparsity traversal order has ",
           s.traversal_order.size(), " entries, expected ", n + k);
  LQ_CHECK(s.dim_metadata.size() == n + k, "sparsity has ", s.dim_metadata.size(),
           " dimension metadata entries, expected ", n + k);
  std::vector<bool> seen(n + k, false);
  for (int32_t d : s.traversal_order) {
    LQ_CHECK(d >= 0 && static_cast<size_t>(d) < n + k && !seen[static_cast<size_t>(d)],
             "sparsity traversal order is not a permutation of 0..", n + k - 1);
    seen[static_cast<size_t>(d)] = true;
  }
  std::vector<bool> blocked(n, false);
  for (int32_t d : s.block_map) {
    LQ_CHECK(d >= 0 && static_cast<size_t>(d) < n && !blocked[static_cast<size_t>(d)],
             "sparsity block map entry ", d, " is invalid for rank ", n);
    blocked[static_cast<size_t>(d)] = true;
  }
  const std::vector<int64_t> sizes = traversed_sizes(s, shape);
  int64_t count = 1;  // positions at the current level
  for (size_t level = 0; level < n + k; ++level) {
    const DimensionMetadata& meta = s.dim_metadata[level];
    const int64_t size = sizes[static_cast<size_t>(s.traversal_order[level])];
    if (!meta.sparse_csr) {
      LQ_CHECK(meta.dense_size == size, "dense sparsity dimension ", level, " has size ",
               meta.dense_size, ", expected ", size);
      count *= size;
      continue;
    }
    const std::vector<int32_t>& seg = meta.segments.values;
    const std::vector<int32_t>& idx = meta.indices.values;
    LQ_CHECK(static_cast<int64_t>(seg.size()) == count + 1, "sparse dimension ", level, " has ",
             seg.size(), " segments, expected ", count + 1);
    LQ_CHECK(seg.front() == 0, "sparse dimension ", level, " segments do not start at 0");
    for (size_t i = 1; i < seg.size(); ++i)
      LQ_CHECK(seg[i] >= seg[i - 1], "sparse dimension ", level, " segments decrease at ", i);
    LQ_CHECK(static_cast<int64_t>(idx.size()) == seg.back(), "sparse dimension ", level, " has ",
             idx.size(), " indices, expected ", seg.back());
    for (int32_t i : idx)
      LQ_CHECK(i >= 0 && i < size, "sparse dimension ", level, " index ", i, " is outside 0..",
               size - 1);
    count = seg.back();
  }
  LQ_CHECK(static_cast<uint64_t>(count) * element_size == data_bytes, "sparse tensor stores ",
           data_bytes, " bytes, but its metadata describes ", count, " values of ", element_size,
           " bytes");
}

void densify(const Sparsity& s, const Shape& shape, const uint8_t* values, size_t element_size,
             uint8_t* dense) {
  const size_t n = shape.size();
  std::memset(dense, 0, static_cast<size_t>(num_elements(shape)) * element_size);
  Densifier walker{s, traversed_sizes(s, shape), std::vector<int64_t>(n, -1), strides_of(shape),
                   values, element_size, dense, std::vector<int64_t>(s.traversal_order.size(), 0)};
  for (size_t j = 0; j < s.block_map.size(); ++j)
    walker.block_of[static_cast<size_t>(s.block_map[j])] = static_cast<int64_t>(n + j);
  walker.visit(0, 0);
}

}  // namespace lq::ir
