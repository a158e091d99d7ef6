// Sparse constant tensors in TFLite's format: the dense shape (rank n) is traversed in
// `traversal_order` over n + k dimensions, the last k being blocks of the dimensions in `block_map`.
// Each traversed dimension is dense (every index present) or CSR (segments and indices).
#pragma once

#include <cstdint>

#include "ir/graph.h"

namespace lq::ir {

// Throws lq::Error when the metadata is inconsistent with the dense shape or with the number of
// stored values (data_bytes / element_size).
void check_sparsity(const Sparsity& sparsity, const Shape& dense_shape, size_t data_bytes,
                    size_t element_size);

// Writes the dense tensor (zeros where no value is stored). `sparsity` must have passed
// check_sparsity.
void densify(const Sparsity& sparsity, const Shape& dense_shape, const uint8_t* values,
             size_t element_size, uint8_t* dense);

}  // namespace lq::ir
