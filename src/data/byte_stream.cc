#include "data/byte_stream.h"

#include "io/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/error.h"

namespace lq::data {

namespace {

class FileStream : public ByteStream {
 public:
  explicit FileStream(const std::string& path) : path_(path), fd_(::open(path.c_str(), O_RDONLY)) {
    LQ_CHECK(fd_ >= 0, path, ": cannot open: ", std::strerror(errno));
    struct stat st {};
    if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd_);
      fail(path, ": not a regular file");
    }
    size_ = static_cast<uint64_t>(st.st_size);
  }
  ~FileStream() override { ::close(fd_); }

  void read(uint64_t offset, void* out, size_t n) override {
    LQ_CHECK(offset <= size_ && n <= size_ - offset, path_, ": ends early (wanted ", n,
             " bytes at offset ", offset, " of ", size_, ")");
    io::read_at(fd_, offset, out, n, path_);
    read_ += n;
  }
  uint64_t size() const override { return size_; }
  uint64_t bytes_read() const override { return read_; }
  const std::string& origin() const override { return path_; }

 private:
  std::string path_;
  int fd_;
  uint64_t size_ = 0, read_ = 0;
};

// zlib's gz reader; it also reads plain files (transparently), seeking forward by inflating.
class GzipStream : public ByteStream {
 public:
  explicit GzipStream(const std::string& path) : path_(path), file_(gzopen(path.c_str(), "rb")) {
    LQ_CHECK(file_ != nullptr, path, ": cannot open: ", std::strerror(errno));
  }
  ~GzipStream() override { gzclose(file_); }

  void read(uint64_t offset, void* out, size_t n) override {
    LQ_CHECK(gzseek(file_, static_cast<z_off_t>(offset), SEEK_SET) == static_cast<z_off_t>(offset),
             path_, ": ends early (before offset ", offset, " of the uncompressed data)");
    auto* p = static_cast<uint8_t*>(out);
    for (size_t done = 0; done < n;) {
      const unsigned chunk = static_cast<unsigned>(std::min<size_t>(n - done, size_t{1} << 30));
      const int got = gzread(file_, p + done, chunk);
      LQ_CHECK(got > 0, path_, ": ends early (wanted ", n, " bytes at offset ", offset,
               " of the uncompressed data)");
      done += static_cast<size_t>(got);
    }
    read_ += n;
  }
  uint64_t size() const override { return kUnknownSize; }
  uint64_t bytes_read() const override { return read_; }
  const std::string& origin() const override { return path_; }

 private:
  std::string path_;
  gzFile file_;
  uint64_t read_ = 0;
};

class ZipMemberStream : public ByteStream {
 public:
  ZipMemberStream(const std::string& path, const io::ZipMember& m)
      : origin_(path + ":" + m.name), size_(m.size), reader_(path, m) {}
  void read(uint64_t offset, void* out, size_t n) override {
    LQ_CHECK(offset <= size_ && n <= size_ - offset, origin_, ": ends early (wanted ", n,
             " bytes at offset ", offset, " of ", size_, ")");
    reader_.read(offset, out, n);
  }
  uint64_t size() const override { return size_; }
  uint64_t bytes_read() const override { return reader_.bytes_read(); }
  const std::string& origin() const override { return origin_; }

 private:
  std::string origin_;
  uint64_t size_;
  io::ZipMemberReader reader_;
};

}  // namespace

std::unique_ptr<ByteStream> open_file_stream(const std::string& path) {
  return std::make_unique<FileStream>(path);
}
std::unique_ptr<ByteStream> open_gzip_stream(const std::string& path) {
  return std::make_unique<GzipStream>(path);
}
std::unique_ptr<ByteStream> open_zip_member_stream(const std::string& path,
                                                   const io::ZipMember& m) {
  return std::make_unique<ZipMemberStream>(path, m);
}

}  // namespace lq::data
