#include "io/idx.h"

#include <zlib.h>

#include <algorithm>
#include <memory>

#include "core/error.h"

namespace lq::io {

namespace {

// Reads exactly n bytes from a file that gzread treats as gzip or plain data.
class GzFile {
 public:
  explicit GzFile(const std::string& path) : path_(path), file_(gzopen(path.c_str(), "rb")) {
    LQ_CHECK(file_ != nullptr, path, ": cannot open");
  }
  ~GzFile() { gzclose(file_); }
  GzFile(const GzFile&) = delete;
  GzFile& operator=(const GzFile&) = delete;

  void read(void* out, size_t n, const char* what) {
    auto* p = static_cast<uint8_t*>(out);
    while (n > 0) {
      const unsigned chunk = static_cast<unsigned>(std::min<size_t>(n, size_t{1} << 30));
      const int got = gzread(file_, p, chunk);
      LQ_CHECK(got > 0, path_, ": not an IDX file (ends inside the ", what, ")");
      p += got;
      n -= static_cast<size_t>(got);
    }
  }
  bool at_end() {
    uint8_t byte;
    return gzread(file_, &byte, 1) == 0;
  }

 private:
  std::string path_;
  gzFile file_;
};

ElementType idx_type(uint8_t code, const std::string& path) {
  switch (code) {
    case 0x08: return ElementType::kUInt8;
    case 0x09: return ElementType::kInt8;
    case 0x0B: return ElementType::kInt16;
    case 0x0C: return ElementType::kInt32;
    case 0x0D: return ElementType::kFloat32;
    case 0x0E: return ElementType::kFloat64;
    default: fail(path, ": not an IDX file (element type code 0x", std::hex, int{code}, ")");
  }
}

}  // namespace

size_t idx_header_size(const uint8_t magic[4]) {
  const bool valid = magic[0] == 0 && magic[1] == 0 && magic[3] >= 1 && magic[3] <= 8;
  return valid ? 4 + 4 * size_t{magic[3]} : 4;
}

IdxHeader parse_idx_header(const uint8_t* bytes, size_t size, const std::string& path) {
  LQ_CHECK(size >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[3] >= 1 && bytes[3] <= 8, path,
           ": not an IDX file (bad magic number)");
  IdxHeader h;
  h.type = idx_type(bytes[2], path);
  h.data_offset = 4 + 4 * size_t{bytes[3]};
  LQ_CHECK(size >= h.data_offset, path, ": not an IDX file (ends inside the header)");
  int64_t count = 1;
  for (int d = 0; d < bytes[3]; ++d) {
    const uint8_t* b = bytes + 4 + 4 * d;
    const uint32_t dim = uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | b[3];
    LQ_CHECK(dim < (1u << 31), path, ": dimension ", d, " is too large");
    count *= dim;
    LQ_CHECK(count <= (int64_t{1} << 34), path, ": too many elements");
    h.shape.push_back(static_cast<int32_t>(dim));
  }
  return h;
}

void idx_to_host_order(ElementType type, uint8_t* data, size_t bytes) {
  const size_t size = element_size(type);
  if (size <= 1) return;
  for (size_t i = 0; i + size <= bytes; i += size) std::reverse(data + i, data + i + size);
}

Array read_idx(const std::string& path) {
  GzFile file(path);
  uint8_t header[kIdxMaxHeader];
  file.read(header, 4, "header");
  const size_t size = idx_header_size(header);
  file.read(header + 4, size - 4, "header");
  const IdxHeader h = parse_idx_header(header, size, path);
  Array a{h.type, h.shape, {}};
  a.data.resize(static_cast<size_t>(num_elements(a.shape)) * element_size(a.type));
  file.read(a.data.data(), a.data.size(), "data");
  LQ_CHECK(file.at_end(), path, ": has data after the ", a.elements(),
           " elements its header declares");
  idx_to_host_order(a.type, a.data.data(), a.data.size());
  return a;
}

}  // namespace lq::io
