// .npz archives (numpy's savez and savez_compressed): a zip file of .npy members, each stored or
// deflated. The file is untrusted: every offset and size in its directory is checked against the
// file before use. ZIP64 records (numpy writes them for large arrays) are understood; encrypted
// members and other compression methods are refused.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "io/npy.h"

namespace lq::io {

struct ZipMember {
  std::string name;     // as stored, e.g. "arr_0.npy"
  uint16_t method = 0;  // 0 stored, 8 deflated
  uint32_t crc32 = 0;
  uint64_t data_offset = 0;  // where the member's (compressed) bytes start in the file
  uint64_t compressed_size = 0;
  uint64_t size = 0;  // uncompressed
};

// The central directory, validated: members lie inside the file, methods are 0 or 8.
std::vector<ZipMember> read_zip_directory(const std::string& path);

// The array name numpy gives a member: its file name without ".npy".
std::string npz_array_name(const ZipMember& member);

// Reads a member's uncompressed bytes by offset without holding the member in memory. A stored
// member is read in place; a deflated one is inflated forward (zlib raw inflate), so reading an
// earlier offset starts again from the member's beginning: read in increasing offsets.
class ZipMemberReader {
 public:
  ZipMemberReader(const std::string& path, const ZipMember& member);
  ~ZipMemberReader();
  ZipMemberReader(const ZipMemberReader&) = delete;
  ZipMemberReader& operator=(const ZipMemberReader&) = delete;

  void read(uint64_t offset, void* out, size_t n);
  uint64_t bytes_read() const { return file_bytes_read_; }  // from the file, compressed

 private:
  void read_file(uint64_t offset, void* out, size_t n);
  void restart();
  void inflate_to(uint8_t* out, size_t n);  // the next n uncompressed bytes; out may be null

  std::string origin_;
  ZipMember member_;
  int fd_ = -1;
  z_stream zs_{};
  bool inflating_ = false;
  uint64_t in_pos_ = 0, out_pos_ = 0;  // compressed bytes consumed, uncompressed bytes produced
  std::vector<uint8_t> in_;
  uint64_t file_bytes_read_ = 0;
};

// A whole member, CRC-checked.
std::vector<uint8_t> read_zip_member(const std::string& path, const ZipMember& member);

// Every array of a .npz file, in directory order, with its numpy name.
std::vector<std::pair<std::string, Array>> read_npz(const std::string& path);

}  // namespace lq::io
