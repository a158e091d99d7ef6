// Writes small zip files by hand for the .npz tests: members stored or deflated (zlib raw deflate),
// local headers, central directory and end record, as numpy's savez lays them out.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace lq::testing {

struct ZipEntry {
  std::string name;
  std::vector<uint8_t> data;
  bool deflate = false;
};

inline std::vector<uint8_t> raw_deflate(const std::vector<uint8_t>& in) {
  z_stream zs{};
  deflateInit2(&zs, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::vector<uint8_t> out(deflateBound(&zs, static_cast<uLong>(in.size())));
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

inline void put(std::vector<uint8_t>& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

inline std::vector<uint8_t> make_zip(const std::vector<ZipEntry>& entries) {
  std::vector<uint8_t> out, central;
  for (const ZipEntry& e : entries) {
    const std::vector<uint8_t> body = e.deflate ? raw_deflate(e.data) : e.data;
    const uint32_t crc =
        static_cast<uint32_t>(crc32(0, e.data.data(), static_cast<uInt>(e.data.size())));
    const uint64_t local_at = out.size();
    // Fields shared by the local header and the central entry, from "version needed" on.
    std::vector<uint8_t> common;
    put(common, 20, 2);
    put(common, 0, 2);  // flags
    put(common, e.deflate ? 8 : 0, 2);
    put(common, 0, 4);  // time, date
    put(common, crc, 4);
    put(common, body.size(), 4);
    put(common, e.data.size(), 4);
    put(common, e.name.size(), 2);
    put(common, 0, 2);  // extra length
    put(out, 0x04034b50, 4);
    out.insert(out.end(), common.begin(), common.end());
    out.insert(out.end(), e.name.begin(), e.name.end());
    out.insert(out.end(), body.begin(), body.end());
    put(central, 0x02014b50, 4);
    put(central, 20, 2);  // version made by
    central.insert(central.end(), common.begin(), common.end());
    put(central, 0, 2);  // comment length
    put(central, 0, 2);  // disk
    put(central, 0, 2);  // internal attributes
    put(central, 0, 4);  // external attributes
    put(central, local_at, 4);
    central.insert(central.end(), e.name.begin(), e.name.end());
  }
  const uint64_t central_at = out.size();
  out.insert(out.end(), central.begin(), central.end());
  put(out, 0x06054b50, 4);
  put(out, 0, 4);  // disk numbers
  put(out, entries.size(), 2);
  put(out, entries.size(), 2);
  put(out, central.size(), 4);
  put(out, central_at, 4);
  put(out, 0, 2);  // comment length
  return out;
}

}  // namespace lq::testing
