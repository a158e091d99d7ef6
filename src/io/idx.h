// IDX files (the format MNIST and Fashion-MNIST ship in), plain or gzip-compressed (.gz, read through
// zlib as it streams). Big-endian on disk; returned in host order as an Array.
#pragma once

#include <string>

#include "io/npy.h"

namespace lq::io {

Array read_idx(const std::string& path);

// For streaming readers: the header (element type, shape, bytes before the data), parsed from the
// file's first bytes (`size` may be less than kIdxMaxHeader only when the file is shorter).
struct IdxHeader {
  ElementType type = ElementType::kUInt8;
  Shape shape;
  size_t data_offset = 0;
};
constexpr size_t kIdxMaxHeader = 4 + 4 * 8;  // magic, then up to 8 big-endian dimensions
// The header's length from its first 4 bytes (4 when they are not an IDX magic number, so that the
// parser names the problem).
size_t idx_header_size(const uint8_t magic[4]);
IdxHeader parse_idx_header(const uint8_t* bytes, size_t size, const std::string& path);

// IDX data is big-endian: swaps each element of `data` (elements of `type`) to host order.
void idx_to_host_order(ElementType type, uint8_t* data, size_t bytes);

}  // namespace lq::io
