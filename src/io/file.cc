#include "io/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/error.h"

namespace lq::io {

std::vector<uint8_t> read_file(const std::string& path) {
  std::error_code ec;
  LQ_CHECK(!std::filesystem::is_directory(path, ec), path, ": is a folder, expected a file");
  std::FILE* file = std::fopen(path.c_str(), "rb");
  LQ_CHECK(file, path, ": cannot open: ", std::strerror(errno));
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  size_t got;
  while ((got = std::fread(chunk, 1, sizeof chunk, file)) > 0) bytes.insert(bytes.end(), chunk, chunk + got);
  const bool failed = std::ferror(file);
  std::fclose(file);
  LQ_CHECK(!failed, path, ": read error");
  return bytes;
}

void write_file_atomic(const std::string& path, const void* data, size_t size) {
  std::string temp = path + ".tmp-XXXXXX";
  const int fd = mkstemp(temp.data());
  LQ_CHECK(fd >= 0, path, ": cannot create a temporary file beside it: ", std::strerror(errno));
  const auto* bytes = static_cast<const uint8_t*>(data);
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd, bytes + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      std::remove(temp.c_str());
      fail(path, ": write failed: ", std::strerror(err));
    }
    done += static_cast<size_t>(n);
  }
  // Files are created 0600 by mkstemp; give them the usual permissions.
  fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::remove(temp.c_str());
    fail(path, ": write failed: ", std::strerror(errno));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    std::remove(temp.c_str());
    fail(path, ": cannot rename the temporary file into place: ", std::strerror(err));
  }
}

void read_at(int fd, uint64_t offset, void* out, size_t n, const std::string& origin) {
  auto* p = static_cast<uint8_t*>(out);
  for (size_t done = 0; done < n;) {
    const ssize_t got = ::pread(fd, p + done, n - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    LQ_CHECK(got > 0, origin, ": read error (file truncated?)");
    done += static_cast<size_t>(got);
  }
}

}  // namespace lq::io
