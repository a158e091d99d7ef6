#include "data/records.h"

#include <algorithm>
#include <vector>

#include "core/error.h"
#include "io/idx.h"

namespace lq::data {

namespace {

constexpr size_t kNpyHeaderLimit = 65535 + 12;  // the longest header a version 1.0 file has

std::vector<uint8_t> read_prefix(ByteStream& stream, size_t limit) {
  std::vector<uint8_t> bytes(static_cast<size_t>(std::min<uint64_t>(limit, stream.size())));
  stream.read(0, bytes.data(), bytes.size());
  return bytes;
}

}  // namespace

Records::Records(std::unique_ptr<ByteStream> stream, ElementType type, const Shape& shape,
                 uint64_t data_offset, bool big_endian)
    : stream_(std::move(stream)), type_(type), data_offset_(data_offset), big_endian_(big_endian) {
  LQ_CHECK(!shape.empty(), origin(), ": holds a scalar; expected samples along axis 0");
  count_ = shape[0];
  sample_shape_.assign(shape.begin() + 1, shape.end());
  sample_bytes_ = static_cast<uint64_t>(num_elements(sample_shape_)) * element_size(type);
  const uint64_t want = static_cast<uint64_t>(count_) * sample_bytes_;
  const uint64_t size = stream_->size();
  LQ_CHECK(size == ByteStream::kUnknownSize || (size >= data_offset && size - data_offset == want),
           origin(), ": holds ", size - data_offset, " data bytes, its header declares ", want,
           " (shape ", shape_string(shape), " of ", element_type_name(type), ")");
}

io::Array Records::read(int64_t index) {
  LQ_CHECK(index >= 0 && index < count_, origin(), ": sample ", index, " out of range (", count_,
           " samples)");
  io::Array a{type_, sample_shape_, std::vector<uint8_t>(static_cast<size_t>(sample_bytes_))};
  stream_->read(data_offset_ + static_cast<uint64_t>(index) * sample_bytes_, a.data.data(),
                a.data.size());
  if (big_endian_) io::idx_to_host_order(type_, a.data.data(), a.data.size());
  return a;
}

Records open_npy_records(std::unique_ptr<ByteStream> stream) {
  const std::vector<uint8_t> prefix = read_prefix(*stream, kNpyHeaderLimit);
  const io::NpyHeader h = io::parse_npy_header(prefix.data(), prefix.size(), stream->origin());
  return Records(std::move(stream), h.type, h.shape, h.data_offset, false);
}

Records open_idx_records(const std::string& path) {
  std::unique_ptr<ByteStream> stream =
      path.ends_with(".gz") ? open_gzip_stream(path) : open_file_stream(path);
  uint8_t header[io::kIdxMaxHeader];
  size_t got = 0;
  // The header's length depends on its rank byte: read the magic first, then the dimensions. A
  // file too short for either is left to the parser to name as not IDX.
  try {
    stream->read(0, header, 4);
    got = 4;
    const size_t size = io::idx_header_size(header);
    stream->read(4, header + 4, size - 4);
    got = size;
  } catch (const Error&) {
  }
  const io::IdxHeader h = io::parse_idx_header(header, got, path);
  return Records(std::move(stream), h.type, h.shape, h.data_offset, true);
}

}  // namespace lq::data
