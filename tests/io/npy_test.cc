#include <gtest/gtest.h>

#include <cstring>

#include "core/error.h"
#include "io/npy.h"

namespace lq {
namespace {

std::vector<uint8_t> with_header(const std::string& header, size_t data_bytes) {
  std::vector<uint8_t> out = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  out.push_back(static_cast<uint8_t>(header.size()));
  out.push_back(0);
  out.insert(out.end(), header.begin(), header.end());
  out.resize(out.size() + data_bytes, 0);
  return out;
}

TEST(Npy, RoundTripKeepsTypeShapeAndBytes) {
  io::Array a{ElementType::kInt16, {2, 3}, {}};
  for (int i = 0; i < 12; ++i) a.data.push_back(static_cast<uint8_t>(i * 17));
  const std::vector<uint8_t> bytes = io::encode_npy(a);
  EXPECT_EQ((10 + bytes[8]) % 64, 0u);  // data starts 64-byte aligned
  const io::Array b = io::parse_npy(bytes.data(), bytes.size(), "x.npy");
  EXPECT_EQ(b.type, ElementType::kInt16);
  EXPECT_EQ(b.shape, (Shape{2, 3}));
  EXPECT_EQ(b.data, a.data);
}

TEST(Npy, ParsesNumpyWrittenHeaders) {
  // Headers as numpy 1.24 writes them, including a 1-D shape "(5,)" and a scalar "()".
  auto one_d = with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }\n", 20);
  io::Array a = io::parse_npy(one_d.data(), one_d.size(), "a.npy");
  EXPECT_EQ(a.shape, (Shape{5}));
  auto scalar = with_header("{'descr': '|i1', 'fortran_order': False, 'shape': (), }\n", 1);
  EXPECT_EQ(io::parse_npy(scalar.data(), scalar.size(), "s.npy").shape, Shape{});
}

TEST(Npy, ErrorsNameTheProblem) {
  auto expect = [](const std::vector<uint8_t>& bytes, const std::string& part) {
    try {
      io::parse_npy(bytes.data(), bytes.size(), "in.npy");
      FAIL() << "accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    }
  };
  expect({1, 2, 3}, "in.npy: not a .npy file");
  expect(with_header("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }\n", 8),
         "unsupported dtype '>f4'");
  expect(with_header("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }\n", 8), "Fortran");
  expect(with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }\n", 8),
         "holds 8 data bytes, expected 24");
  expect(with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }\n", 8),
         "out of range");
}

}  // namespace
}  // namespace lq
