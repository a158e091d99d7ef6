#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>

#include "core/error.h"
#include "io/file.h"
#include "io/idx.h"

namespace lq {
namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / cat("lq_idx_", ::getpid(), "_", name)).string();
}

// Magic (type code, rank), big-endian dims, then payload bytes as given.
std::vector<uint8_t> idx_bytes(uint8_t type, const std::vector<uint32_t>& dims,
                               const std::vector<uint8_t>& payload) {
  std::vector<uint8_t> out = {0, 0, type, static_cast<uint8_t>(dims.size())};
  for (uint32_t d : dims)
    for (int shift : {24, 16, 8, 0}) out.push_back(static_cast<uint8_t>(d >> shift));
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

void write_gz(const std::string& path, const std::vector<uint8_t>& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())), static_cast<int>(bytes.size()));
  gzclose(f);
}

TEST(Idx, ReadsUint8ImagesPlainAndGzipped) {
  const std::vector<uint8_t> bytes = idx_bytes(0x08, {2, 2, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  const std::string plain = temp_path("a.idx"), gz = temp_path("a.idx.gz");
  io::write_file_atomic(plain, bytes);
  write_gz(gz, bytes);
  for (const std::string& path : {plain, gz}) {
    const io::Array a = io::read_idx(path);
    EXPECT_EQ(a.type, ElementType::kUInt8);
    EXPECT_EQ(a.shape, (Shape{2, 2, 3}));
    EXPECT_EQ(a.data[11], 12);
  }
  std::remove(plain.c_str());
  std::remove(gz.c_str());
}

TEST(Idx, ConvertsBigEndianToHostOrder) {
  const std::string path = temp_path("b.idx");
  io::write_file_atomic(path, idx_bytes(0x0C, {2}, {0, 0, 1, 2, 0xFF, 0xFF, 0xFF, 0xFE}));
  const io::Array a = io::read_idx(path);
  EXPECT_EQ(a.type, ElementType::kInt32);
  EXPECT_EQ(a.as<int32_t>()[0], 258);
  EXPECT_EQ(a.as<int32_t>()[1], -2);
  std::remove(path.c_str());
}

TEST(Idx, RejectsFilesThatAreNotIdx) {
  const std::string path = temp_path("bad.idx");
  const std::vector<std::pair<std::vector<uint8_t>, std::string>> cases = {
      {{'P', 'K', 3, 4, 0, 0}, "bad magic"},
      {idx_bytes(0x07, {1}, {0}), "element type code"},
      {idx_bytes(0x08, {4}, {1, 2}), "ends inside the data"},
      {idx_bytes(0x08, {1}, {1, 2}), "has data after"},
      {{0, 0, 8}, "ends inside the header"},
  };
  for (const auto& [bytes, message] : cases) {
    io::write_file_atomic(path, bytes);
    try {
      io::read_idx(path);
      ADD_FAILURE() << "accepted: " << message;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace lq
