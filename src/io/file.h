// Whole-file reading and atomic writing (a temporary file in the same folder, then rename), so an
// interrupted write never leaves a half-written output behind.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lq::io {

std::vector<uint8_t> read_file(const std::string& path);
// Reads exactly n bytes at `offset` of an open file (pread, retried on EINTR and short reads); the
// error names `origin` when the file ends first or cannot be read.
void read_at(int fd, uint64_t offset, void* out, size_t n, const std::string& origin);
void write_file_atomic(const std::string& path, const void* data, size_t size);
inline void write_file_atomic(const std::string& path, const std::vector<uint8_t>& bytes) {
  write_file_atomic(path, bytes.data(), bytes.size());
}

}  // namespace lq::io
