#include "io/npy.h"

#include <cstring>
#include <limits>

#include "core/error.h"
#include "io/file.h"

namespace lq::io {

namespace {

constexpr char kMagic[] = "\x93NUMPY";

struct DtypeName {
  ElementType type;
  const char* names[2];  // accepted spellings; the first is written
};
constexpr DtypeName kDtypes[] = {
    {ElementType::kFloat32, {"<f4", "<f4"}}, {ElementType::kFloat16, {"<f2", "<f2"}},
    {ElementType::kFloat64, {"<f8", "<f8"}}, {ElementType::kInt8, {"|i1", "<i1"}},
    {ElementType::kUInt8, {"|u1", "<u1"}},   {ElementType::kInt16, {"<i2", "<i2"}},
    {ElementType::kUInt16, {"<u2", "<u2"}},  {ElementType::kInt32, {"<i4", "<i4"}},
    {ElementType::kUInt32, {"<u4", "<u4"}},  {ElementType::kInt64, {"<i8", "<i8"}},
    {ElementType::kUInt64, {"<u8", "<u8"}},  {ElementType::kBool, {"|b1", "<b1"}},
};

// Value of `key` in the header dict: the text after "'key':" up to the end of its value.
std::string header_value(const std::string& header, const std::string& key,
                         const std::string& origin) {
  const size_t at = header.find("'" + key + "'");
  LQ_CHECK(at != std::string::npos, origin, ": .npy header has no '", key, "'");
  size_t pos = header.find(':', at);
  LQ_CHECK(pos != std::string::npos, origin, ": malformed .npy header");
  ++pos;
  while (pos < header.size() && header[pos] == ' ') ++pos;
  const char open = pos < header.size() ? header[pos] : '\0';
  const char close = open == '(' ? ')' : open == '\'' ? '\'' : ',';
  const size_t end = header.find(close, pos + 1);
  LQ_CHECK(end != std::string::npos, origin, ": malformed .npy header value for '", key, "'");
  return header.substr(pos, end - pos + (close == ',' ? 0 : 1));
}

ElementType parse_dtype(std::string descr, const std::string& origin) {
  LQ_CHECK(descr.size() >= 2 && descr.front() == '\'' && descr.back() == '\'', origin,
           ": malformed dtype ", descr);
  descr = descr.substr(1, descr.size() - 2);
  if (descr.size() == 3 && descr[0] == '=') descr[0] = '<';  // native order is little-endian here
  for (const DtypeName& d : kDtypes)
    if (descr == d.names[0] || descr == d.names[1]) return d.type;
  fail(origin, ": unsupported dtype '", descr,
       "' (expected little-endian float16/32/64, int8/16/32/64, uint8/16/32/64 or bool)");
}

Shape parse_shape(const std::string& text, const std::string& origin) {
  LQ_CHECK(text.size() >= 2 && text.front() == '(' && text.back() == ')', origin,
           ": malformed shape ", text);
  Shape shape;
  size_t pos = 1;
  while (pos < text.size() - 1) {
    while (pos < text.size() - 1 && (text[pos] == ' ' || text[pos] == ',')) ++pos;
    if (pos >= text.size() - 1) break;
    size_t used = 0;
    long long dim = -1;
    try {
      dim = std::stoll(text.substr(pos), &used);
    } catch (const std::exception&) {
      fail(origin, ": malformed shape ", text);
    }
    LQ_CHECK(dim >= 0 && dim <= std::numeric_limits<int32_t>::max(), origin, ": dimension ", dim,
             " in shape ", text, " is out of range");
    shape.push_back(static_cast<int32_t>(dim));
    pos += used;
  }
  return shape;
}

}  // namespace

std::string npy_dtype(ElementType type) {
  for (const DtypeName& d : kDtypes)
    if (d.type == type) return d.names[0];
  fail("element type ", element_type_name(type), " has no .npy dtype");
}

NpyHeader parse_npy_header(const uint8_t* bytes, size_t size, const std::string& origin) {
  LQ_CHECK(size >= 10 && std::memcmp(bytes, kMagic, 6) == 0, origin, ": not a .npy file");
  const uint8_t major = bytes[6];
  LQ_CHECK(major >= 1 && major <= 3, origin, ": unsupported .npy version ", int(major));
  size_t header_len, header_at;
  if (major == 1) {
    header_len = bytes[8] | (bytes[9] << 8);
    header_at = 10;
  } else {
    LQ_CHECK(size >= 12, origin, ": truncated .npy header");
    header_len = bytes[8] | (bytes[9] << 8) | (bytes[10] << 16) | (size_t(bytes[11]) << 24);
    header_at = 12;
  }
  LQ_CHECK(header_len <= size - header_at, origin, ": truncated .npy header");
  const std::string header(reinterpret_cast<const char*>(bytes + header_at), header_len);
  NpyHeader result;
  result.type = parse_dtype(header_value(header, "descr", origin), origin);
  LQ_CHECK(header_value(header, "fortran_order", origin).find("False") == 0, origin,
           ": Fortran-order arrays are not supported; save with C order");
  result.shape = parse_shape(header_value(header, "shape", origin), origin);
  result.data_offset = header_at + header_len;
  return result;
}

Array parse_npy(const uint8_t* bytes, size_t size, const std::string& origin) {
  const NpyHeader header = parse_npy_header(bytes, size, origin);
  Array array{header.type, header.shape, {}};
  const size_t data_at = header.data_offset;
  const int64_t count = num_elements(array.shape);
  const size_t want = static_cast<size_t>(count) * element_size(array.type);
  LQ_CHECK(size - data_at == want, origin, ": holds ", size - data_at, " data bytes, expected ",
           want, " for shape ", shape_string(array.shape), " of ",
           element_type_name(array.type));
  array.data.assign(bytes + data_at, bytes + size);
  return array;
}

Array read_npy(const std::string& path) {
  const std::vector<uint8_t> bytes = read_file(path);
  return parse_npy(bytes.data(), bytes.size(), path);
}

std::vector<uint8_t> encode_npy(const Array& array) {
  std::string shape = "(";
  for (int32_t dim : array.shape) shape += std::to_string(dim) + ", ";
  if (array.shape.size() > 1) shape.resize(shape.size() - 2);
  else if (array.shape.size() == 1) shape.resize(shape.size() - 1);
  shape += ")";
  std::string header = "{'descr': '" + npy_dtype(array.type) +
                       "', 'fortran_order': False, 'shape': " + shape + ", }";
  // Pad with spaces so that the data starts on a 64-byte boundary; the header ends with '\n'.
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  LQ_CHECK(header.size() <= 65535, "array shape too long for a .npy header");
  std::vector<uint8_t> out(kMagic, kMagic + 6);
  out.push_back(1);
  out.push_back(0);
  out.push_back(static_cast<uint8_t>(header.size() & 0xff));
  out.push_back(static_cast<uint8_t>(header.size() >> 8));
  out.insert(out.end(), header.begin(), header.end());
  out.insert(out.end(), array.data.begin(), array.data.end());
  return out;
}

void write_npy(const std::string& path, const Array& array) {
  write_file_atomic(path, encode_npy(array));
}

}  // namespace lq::io
