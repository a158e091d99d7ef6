// Byte-level access to a stored array's file, one read per sample, so that memory does not grow
// with the data set: plain files by offset, gzip files forward (an earlier offset rewinds and
// inflates again), zip members through io::ZipMemberReader.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "io/npz.h"

namespace lq::data {

class ByteStream {
 public:
  static constexpr uint64_t kUnknownSize = std::numeric_limits<uint64_t>::max();
  virtual ~ByteStream() = default;
  // Exactly n bytes at `offset`; an error names the file when it ends first.
  virtual void read(uint64_t offset, void* out, size_t n) = 0;
  virtual uint64_t size() const = 0;              // kUnknownSize for gzip
  virtual uint64_t bytes_read() const = 0;        // bytes taken from the file so far
  virtual const std::string& origin() const = 0;  // names the file in errors
};

std::unique_ptr<ByteStream> open_file_stream(const std::string& path);
std::unique_ptr<ByteStream> open_gzip_stream(const std::string& path);
std::unique_ptr<ByteStream> open_zip_member_stream(const std::string& path, const io::ZipMember& m);

}  // namespace lq::data
