// An array stored in a byte stream (.npy file, .npz member, IDX file) read one sample at a time:
// sample k is the k-th slice along axis 0, read from its offset.
#pragma once

#include <memory>
#include <string>

#include "data/byte_stream.h"
#include "io/npy.h"

namespace lq::data {

class Records {
 public:
  // `shape` is the whole array's; its data starts at `data_offset` in the stream.
  Records(std::unique_ptr<ByteStream> stream, ElementType type, const Shape& shape,
          uint64_t data_offset, bool big_endian);

  int64_t count() const { return count_; }
  ElementType type() const { return type_; }
  const Shape& sample_shape() const { return sample_shape_; }
  io::Array read(int64_t index);  // host byte order
  uint64_t bytes_read() const { return stream_->bytes_read(); }
  const std::string& origin() const { return stream_->origin(); }

 private:
  std::unique_ptr<ByteStream> stream_;
  ElementType type_;
  Shape sample_shape_;
  int64_t count_ = 0;
  uint64_t data_offset_, sample_bytes_ = 0;
  bool big_endian_;
};

// A .npy file or an .npz member (stream positioned at the .npy's first byte).
Records open_npy_records(std::unique_ptr<ByteStream> stream);
// An IDX file, read through gzip when its name ends in ".gz".
Records open_idx_records(const std::string& path);

}  // namespace lq::data
