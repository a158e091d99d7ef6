// IDX files (the format MNIST and Fashion-MNIST ship in), plain or gzip-compressed (.gz, read through
// zlib as it streams). Big-endian on disk; returned in host order as an Array.
#pragma once

#include <string>

#include "io/npy.h"

namespace lq::io {

Array read_idx(const std::string& path);

}  // namespace lq::io
