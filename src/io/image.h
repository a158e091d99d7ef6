// PNG and JPEG decoding (libpng, libjpeg) to 8-bit interleaved pixels, and bilinear resizing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lq::io {

struct Image {
  int width = 0, height = 0, channels = 0;  // channels: 1 (gray), 3 (RGB) or 4 (RGBA)
  std::vector<uint8_t> pixels;              // row-major, interleaved
};

Image read_image(const std::string& path);
// Converts to `channels` (1 or 3): RGB to gray by ITU-R BT.601 luma, gray to RGB by copying, alpha
// dropped.
Image convert_channels(const Image& image, int channels);
// Bilinear resize with half-pixel centres (the convention of PIL and OpenCV's INTER_LINEAR), to
// float values in 0..255.
std::vector<float> resize_bilinear(const Image& image, int width, int height);

}  // namespace lq::io
