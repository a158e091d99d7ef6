// Writes IDX files (the MNIST format) for the tests of the IDX reader and the data layer: the bytes
// are spelled out here rather than made by litequant's own code, so a reader bug cannot hide.
#pragma once

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace lq::testing {

// Magic (type code, rank), big-endian dims, then payload bytes as given.
inline std::vector<uint8_t> idx_bytes(uint8_t type, const std::vector<uint32_t>& dims,
                                      const std::vector<uint8_t>& payload) {
  std::vector<uint8_t> out = {0, 0, type, static_cast<uint8_t>(dims.size())};
  for (uint32_t d : dims)
    for (int shift : {24, 16, 8, 0}) out.push_back(static_cast<uint8_t>(d >> shift));
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

// `bytes` gzip-compressed to `path` (as MNIST's .gz files are).
inline void write_gz(const std::string& path, const std::vector<uint8_t>& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  ASSERT_EQ(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())), static_cast<int>(bytes.size()))
      << path;
  ASSERT_EQ(gzclose(f), Z_OK) << path;
}

}  // namespace lq::testing
