#include "io/npz.h"

#include "io/file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>

#include "core/error.h"

namespace lq::io {

namespace {

constexpr uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50, kEndSig = 0x06054b50;
constexpr uint32_t kEnd64LocatorSig = 0x07064b50, kEnd64Sig = 0x06064b50;
constexpr size_t kEndSize = 22, kCentralSize = 46, kLocalSize = 30;
constexpr uint64_t kMaxDeflateRatio = 1032;  // deflate cannot expand more than this (zlib's bound)
constexpr size_t kChunk = size_t{1} << 16;

uint64_t le(const uint8_t* p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = v << 8 | p[i];
  return v;
}

// An open file read by offset; every read must lie inside it.
class File {
 public:
  explicit File(const std::string& path) : path_(path), fd_(::open(path.c_str(), O_RDONLY)) {
    LQ_CHECK(fd_ >= 0, path, ": cannot open: ", std::strerror(errno));
    const off_t end = ::lseek(fd_, 0, SEEK_END);
    if (end < 0) {
      ::close(fd_);
      fail(path, ": cannot read (is it a folder?)");
    }
    size_ = static_cast<uint64_t>(end);
  }
  ~File() { ::close(fd_); }
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  uint64_t size() const { return size_; }
  std::vector<uint8_t> read(uint64_t offset, uint64_t n, const char* what) const {
    LQ_CHECK(offset <= size_ && n <= size_ - offset, path_, ": not a valid zip file (", what,
             " lies outside the file)");
    std::vector<uint8_t> bytes(static_cast<size_t>(n));
    size_t done = 0;
    while (done < n) {
      const ssize_t got =
          ::pread(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
      LQ_CHECK(got > 0, path_, ": read error");
      done += static_cast<size_t>(got);
    }
    return bytes;
  }

 private:
  std::string path_;
  int fd_;
  uint64_t size_ = 0;
};

struct Directory {
  uint64_t entries = 0, offset = 0, size = 0;
};

// The end-of-central-directory record: the last signature match in the file's final 64 KiB + 22
// bytes (the record ends with a comment of up to 65535 bytes).
uint64_t find_end_record(const File& file, const std::string& path) {
  LQ_CHECK(file.size() >= kEndSize, path, ": not a zip file (too short)");
  const uint64_t tail = std::min<uint64_t>(file.size(), kEndSize + 65535);
  const std::vector<uint8_t> bytes = file.read(file.size() - tail, tail, "end record");
  for (size_t at = bytes.size() - kEndSize + 1; at-- > 0;) {
    if (le(&bytes[at], 4) != kEndSig) continue;
    if (at + kEndSize + le(&bytes[at + 20], 2) <= bytes.size()) return file.size() - tail + at;
  }
  fail(path, ": not a zip file (no end-of-central-directory record)");
}

Directory read_end_record(const File& file, const std::string& path) {
  const uint64_t end_at = find_end_record(file, path);
  const std::vector<uint8_t> end = file.read(end_at, kEndSize, "end record");
  Directory dir{le(&end[10], 2), le(&end[16], 4), le(&end[12], 4)};
  if (dir.entries == 0xFFFF || dir.offset == 0xFFFFFFFF || dir.size == 0xFFFFFFFF) {
    LQ_CHECK(end_at >= 20, path, ": not a valid zip file (no ZIP64 locator)");
    const std::vector<uint8_t> loc = file.read(end_at - 20, 20, "ZIP64 locator");
    LQ_CHECK(le(&loc[0], 4) == kEnd64LocatorSig, path, ": not a valid zip file (no ZIP64 locator)");
    const std::vector<uint8_t> end64 = file.read(le(&loc[8], 8), 56, "ZIP64 end record");
    LQ_CHECK(le(&end64[0], 4) == kEnd64Sig, path, ": not a valid zip file (bad ZIP64 end record)");
    dir = {le(&end64[32], 8), le(&end64[48], 8), le(&end64[40], 8)};
  }
  LQ_CHECK(dir.offset <= end_at && dir.size <= end_at - dir.offset, path,
           ": not a valid zip file (central directory outside the file)");
  return dir;
}

// Replaces 32-bit fields saturated at 0xFFFFFFFF by their values in the ZIP64 extra field.
void apply_zip64_extra(const uint8_t* extra, size_t n, ZipMember& m, uint64_t& local_offset,
                       const std::string& path) {
  for (size_t at = 0; at + 4 <= n;) {
    const uint64_t id = le(extra + at, 2), len = le(extra + at + 2, 2);
    LQ_CHECK(at + 4 + len <= n, path, ": not a valid zip file (bad extra field of ", m.name, ")");
    if (id == 1) {
      size_t pos = at + 4;
      for (uint64_t* field : {&m.size, &m.compressed_size, &local_offset}) {
        if (*field != 0xFFFFFFFF) continue;
        LQ_CHECK(pos + 8 <= at + 4 + len, path, ": not a valid zip file (short ZIP64 field of ",
                 m.name, ")");
        *field = le(extra + pos, 8);
        pos += 8;
      }
    }
    at += 4 + len;
  }
}

// Checks one member against the file and finds its data after the local header.
void locate_data(const File& file, ZipMember& m, uint64_t local_offset, const std::string& path) {
  const std::vector<uint8_t> local = file.read(local_offset, kLocalSize, "a local header");
  LQ_CHECK(le(&local[0], 4) == kLocalSig, path, ": not a valid zip file (bad local header of ",
           m.name, ")");
  m.data_offset = local_offset + kLocalSize + le(&local[26], 2) + le(&local[28], 2);
  LQ_CHECK(m.data_offset <= file.size() && m.compressed_size <= file.size() - m.data_offset, path,
           ": member ", m.name, " extends past the end of the file");
  LQ_CHECK(m.method == 0 || m.method == 8, path, ": member ", m.name, " uses compression method ",
           m.method, " (expected stored or deflated)");
  LQ_CHECK(m.method != 0 || m.size == m.compressed_size, path, ": stored member ", m.name,
           " has different compressed and uncompressed sizes");
  LQ_CHECK(m.method != 8 || m.size <= m.compressed_size * kMaxDeflateRatio + 64, path, ": member ",
           m.name, " declares ", m.size, " bytes from ", m.compressed_size,
           " compressed (more than deflate can produce)");
}

ZipMember parse_entry(const File& file, const std::vector<uint8_t>& cd, size_t& at,
                      const std::string& path) {
  LQ_CHECK(at + kCentralSize <= cd.size() && le(&cd[at], 4) == kCentralSig, path,
           ": not a valid zip file (bad central directory entry)");
  const uint8_t* e = &cd[at];
  const size_t name_len = le(e + 28, 2), extra_len = le(e + 30, 2), comment_len = le(e + 32, 2);
  LQ_CHECK(at + kCentralSize + name_len + extra_len + comment_len <= cd.size(), path,
           ": not a valid zip file (central directory entry overruns)");
  ZipMember m;
  m.name.assign(reinterpret_cast<const char*>(e + kCentralSize), name_len);
  LQ_CHECK((le(e + 8, 2) & 1) == 0, path, ": member ", m.name, " is encrypted");
  m.method = static_cast<uint16_t>(le(e + 10, 2));
  m.crc32 = static_cast<uint32_t>(le(e + 16, 4));
  m.compressed_size = le(e + 20, 4);
  m.size = le(e + 24, 4);
  uint64_t local_offset = le(e + 42, 4);
  apply_zip64_extra(e + kCentralSize + name_len, extra_len, m, local_offset, path);
  locate_data(file, m, local_offset, path);
  at += kCentralSize + name_len + extra_len + comment_len;
  return m;
}

}  // namespace

std::vector<ZipMember> read_zip_directory(const std::string& path) {
  const File file(path);
  const Directory dir = read_end_record(file, path);
  const std::vector<uint8_t> cd = file.read(dir.offset, dir.size, "the central directory");
  // Each entry takes at least 46 bytes, which bounds the count a hostile file can claim.
  LQ_CHECK(dir.entries <= cd.size() / kCentralSize, path,
           ": not a valid zip file (more entries than its directory holds)");
  std::vector<ZipMember> members;
  size_t at = 0;
  for (uint64_t i = 0; i < dir.entries; ++i) members.push_back(parse_entry(file, cd, at, path));
  return members;
}

std::string npz_array_name(const ZipMember& member) {
  const std::string& n = member.name;
  return n.size() > 4 && n.ends_with(".npy") ? n.substr(0, n.size() - 4) : n;
}

ZipMemberReader::ZipMemberReader(const std::string& path, const ZipMember& member)
    : origin_(path + ":" + member.name), member_(member), fd_(::open(path.c_str(), O_RDONLY)) {
  LQ_CHECK(fd_ >= 0, path, ": cannot open: ", std::strerror(errno));
}

ZipMemberReader::~ZipMemberReader() {
  if (inflating_) inflateEnd(&zs_);
  ::close(fd_);
}

void ZipMemberReader::read_file(uint64_t offset, void* out, size_t n) {
  read_at(fd_, offset, out, n, origin_);
  file_bytes_read_ += n;
}

void ZipMemberReader::restart() {
  if (inflating_) inflateEnd(&zs_);
  zs_ = z_stream{};
  LQ_CHECK(inflateInit2(&zs_, -MAX_WBITS) == Z_OK, origin_, ": zlib cannot start inflating");
  inflating_ = true;
  in_pos_ = out_pos_ = 0;
}

void ZipMemberReader::inflate_to(uint8_t* out, size_t n) {
  std::vector<uint8_t> skipped(out ? 0 : std::min(n, kChunk));
  while (n > 0) {
    if (zs_.avail_in == 0) {
      LQ_CHECK(in_pos_ < member_.compressed_size, origin_, ": deflate data ends early");
      in_.resize(
          static_cast<size_t>(std::min<uint64_t>(kChunk, member_.compressed_size - in_pos_)));
      read_file(member_.data_offset + in_pos_, in_.data(), in_.size());
      in_pos_ += in_.size();
      zs_.next_in = in_.data();
      zs_.avail_in = static_cast<uInt>(in_.size());
    }
    const size_t want =
        out ? std::min<size_t>(n, std::numeric_limits<uInt>::max()) : std::min(n, kChunk);
    zs_.next_out = out ? out : skipped.data();
    zs_.avail_out = static_cast<uInt>(want);
    const int rc = inflate(&zs_, Z_NO_FLUSH);
    const size_t produced = want - zs_.avail_out;
    LQ_CHECK(
        rc == Z_OK || (rc == Z_STREAM_END && produced == n) || (rc == Z_BUF_ERROR && produced > 0),
        origin_, ": corrupt or truncated deflate data");
    if (out) out += produced;
    n -= produced;
    out_pos_ += produced;
  }
}

void ZipMemberReader::read(uint64_t offset, void* out, size_t n) {
  LQ_CHECK(offset <= member_.size && n <= member_.size - offset, origin_,
           ": read past the end of the member");
  if (member_.method == 0) return read_file(member_.data_offset + offset, out, n);
  if (!inflating_ || offset < out_pos_) restart();
  inflate_to(nullptr, static_cast<size_t>(offset - out_pos_));
  inflate_to(static_cast<uint8_t*>(out), n);
}

std::vector<uint8_t> read_zip_member(const std::string& path, const ZipMember& member) {
  ZipMemberReader reader(path, member);
  std::vector<uint8_t> bytes(static_cast<size_t>(member.size));
  reader.read(0, bytes.data(), bytes.size());
  uLong crc = crc32(0L, Z_NULL, 0);
  for (size_t at = 0; at < bytes.size(); at += kChunk)
    crc = crc32(crc, bytes.data() + at, static_cast<uInt>(std::min(kChunk, bytes.size() - at)));
  LQ_CHECK(crc == member.crc32, path, ": member ", member.name, " fails its CRC-32 check");
  return bytes;
}

std::vector<std::pair<std::string, Array>> read_npz(const std::string& path) {
  std::vector<std::pair<std::string, Array>> arrays;
  for (const ZipMember& m : read_zip_directory(path)) {
    const std::vector<uint8_t> bytes = read_zip_member(path, m);
    arrays.emplace_back(npz_array_name(m),
                        parse_npy(bytes.data(), bytes.size(), path + ":" + m.name));
  }
  return arrays;
}

}  // namespace lq::io
