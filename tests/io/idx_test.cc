#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "core/error.h"
#include "io/file.h"
#include "io/idx.h"
#include "testing/idx_files.h"

namespace lq {
namespace {

using testing::idx_bytes;
using testing::write_gz;

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / cat("lq_idx_", ::getpid(), "_", name)).string();
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
