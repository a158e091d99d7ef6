#include "io/npz.h"

#include <gtest/gtest.h>

#include <cstring>
#include <numeric>

#include "core/error.h"
#include "data/zip_builder.h"
#include "io/file.h"

namespace lq {
namespace {

std::string work_path(const std::string& name) {
  return std::string(LQ_TEST_WORK_DIR) + "/npz_" + name;
}

io::Array float_array(const Shape& shape, float start) {
  io::Array a{ElementType::kFloat32, shape,
              std::vector<uint8_t>(static_cast<size_t>(num_elements(shape)) * 4)};
  for (int64_t i = 0; i < a.elements(); ++i) a.as<float>()[i] = start + static_cast<float>(i);
  return a;
}

std::string write_zip(const std::string& name, const std::vector<testing::ZipEntry>& entries) {
  const std::string path = work_path(name);
  io::write_file_atomic(path, testing::make_zip(entries));
  return path;
}

void expect_error(const std::string& path, const char* fragment) {
  try {
    io::read_npz(path);
    FAIL() << "expected an error containing " << fragment;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

TEST(Npz, ReadsStoredAndDeflatedMembers) {
  const io::Array a = float_array({2, 3}, 0), b = float_array({4}, 10);
  for (bool deflate : {false, true}) {
    const std::string path = write_zip(
        deflate ? "deflated.npz" : "stored.npz",
        {{"a.npy", io::encode_npy(a), deflate}, {"arr_1.npy", io::encode_npy(b), deflate}});
    const auto arrays = io::read_npz(path);
    ASSERT_EQ(arrays.size(), 2u);
    EXPECT_EQ(arrays[0].first, "a");
    EXPECT_EQ(arrays[0].second.shape, (Shape{2, 3}));
    EXPECT_EQ(arrays[0].second.data, a.data);
    EXPECT_EQ(arrays[1].first, "arr_1");
    EXPECT_EQ(arrays[1].second.data, b.data);
  }
}

TEST(Npz, MemberReaderReadsAnyOffsetOfADeflatedMember) {
  std::vector<uint8_t> bytes(300000);
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>((i * 7919) >> 5);
  const std::string path = write_zip("big.npz", {{"x.bin", bytes, true}});
  const std::vector<io::ZipMember> members = io::read_zip_directory(path);
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0].method, 8);
  io::ZipMemberReader reader(path, members[0]);
  for (uint64_t offset : {200000u, 250000u, 10u, 299990u}) {  // backwards too (restarts)
    uint8_t got[10];
    reader.read(offset, got, 10);
    EXPECT_EQ(0, std::memcmp(got, bytes.data() + offset, 10)) << offset;
  }
  EXPECT_EQ(io::read_zip_member(path, members[0]), bytes);
}

TEST(Npz, RejectsAFileThatIsNotAZip) {
  const std::string path = work_path("text.npz");
  io::write_file_atomic(path, std::vector<uint8_t>(100, 'x'));
  expect_error(path, "not a zip file");
  io::write_file_atomic(path, std::vector<uint8_t>(5, 'x'));
  expect_error(path, "not a zip file");
}

// Offsets into the single-member zip make_zip writes for name "a.npy".
constexpr size_t kNameLength = 5;

std::vector<uint8_t> one_member_zip(bool deflate) {
  return testing::make_zip({{"a.npy", io::encode_npy(float_array({8}, 0)), deflate}});
}

size_t central_at(const std::vector<uint8_t>& zip) { return zip.size() - 22 - 46 - kNameLength; }

TEST(Npz, RejectsMembersOutsideTheFile) {
  std::vector<uint8_t> zip = one_member_zip(false);
  const size_t central = central_at(zip);
  // Compressed and uncompressed size in the central entry, made huge.
  for (size_t i = 0; i < 8; ++i) zip[central + 20 + i] = 0x7f;
  const std::string path = work_path("oversize.npz");
  io::write_file_atomic(path, zip);
  expect_error(path, "extends past the end of the file");

  zip = one_member_zip(false);
  zip[central + 42 + 3] = 0x40;  // local header offset far beyond the end
  io::write_file_atomic(path, zip);
  expect_error(path, "outside the file");

  zip = one_member_zip(false);
  zip[zip.size() - 22 + 16 + 3] = 0x40;  // central directory offset beyond the end
  io::write_file_atomic(path, zip);
  expect_error(path, "central directory outside the file");

  zip = one_member_zip(false);
  zip[zip.size() - 22 + 10] = 200;  // more entries than the directory can hold
  io::write_file_atomic(path, zip);
  expect_error(path, "more entries");
}

TEST(Npz, RejectsCorruptMembers) {
  std::vector<uint8_t> zip = one_member_zip(false);
  zip[central_at(zip) + 16] ^= 1;  // CRC
  const std::string path = work_path("corrupt.npz");
  io::write_file_atomic(path, zip);
  expect_error(path, "CRC-32");

  zip = one_member_zip(false);
  zip[central_at(zip) + 10] = 12;  // bzip2
  io::write_file_atomic(path, zip);
  expect_error(path, "compression method 12");

  zip = one_member_zip(true);
  zip[30 + kNameLength] = 0xff;  // an invalid deflate block type
  io::write_file_atomic(path, zip);
  expect_error(path, "corrupt or truncated deflate data");

  zip = one_member_zip(false);
  zip[central_at(zip) + 8] = 1;  // encrypted
  io::write_file_atomic(path, zip);
  expect_error(path, "encrypted");
}

}  // namespace
}  // namespace lq
