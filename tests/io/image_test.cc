#include <gtest/gtest.h>

#include <png.h>

#include <filesystem>

#include "core/error.h"
#include "io/file.h"
#include "io/image.h"

namespace lq {
namespace {

TEST(Image, DecodesPngExactly) {
  const uint8_t pixels[] = {255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30};  // 2x2 RGB
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  png.width = 2;
  png.height = 2;
  png.format = PNG_FORMAT_RGB;
  png_alloc_size_t size = 0;
  ASSERT_TRUE(png_image_write_to_memory(&png, nullptr, &size, 0, pixels, 0, nullptr));
  std::vector<uint8_t> encoded(size);
  ASSERT_TRUE(png_image_write_to_memory(&png, encoded.data(), &size, 0, pixels, 0, nullptr));
  const std::string path = std::string(LQ_TEST_WORK_DIR) + "/tiny.png";
  io::write_file_atomic(path, encoded.data(), size);
  const io::Image image = io::read_image(path);
  EXPECT_EQ(image.width, 2);
  EXPECT_EQ(image.height, 2);
  EXPECT_EQ(image.channels, 3);
  EXPECT_EQ(image.pixels, std::vector<uint8_t>(pixels, pixels + 12));
  const io::Image gray = io::convert_channels(image, 1);
  EXPECT_EQ(gray.pixels[0], 76);   // 0.299 * 255
  EXPECT_EQ(gray.pixels[1], 150);  // 0.587 * 255
}

// A JPEG photo from Debian's opencv-doc package (installed by scripts/setup.sh).
TEST(Image, DecodesJpegPhoto) {
  const io::Image image = io::read_image("/usr/share/doc/opencv-doc/examples/data/messi5.jpg");
  EXPECT_EQ(image.width, 548);
  EXPECT_EQ(image.height, 342);
  EXPECT_EQ(image.channels, 3);
}

TEST(Image, ResizeUsesHalfPixelCentres) {
  const io::Image image{2, 1, 1, {0, 100}};
  EXPECT_EQ(io::resize_bilinear(image, 4, 1), (std::vector<float>{0, 25, 75, 100}));
}

TEST(Image, NotAnImageIsNamed) {
  const std::string path = std::string(LQ_TEST_WORK_DIR) + "/text.png";
  io::write_file_atomic(path, "hello", 5);
  try {
    io::read_image(path);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("text.png: not a PNG or JPEG image"), std::string::npos);
  }
}

}  // namespace
}  // namespace lq
