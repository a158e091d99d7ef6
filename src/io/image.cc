#include "io/image.h"

#include <jpeglib.h>
#include <png.h>

#include <algorithm>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstring>

#include "core/error.h"
#include "io/file.h"

namespace lq::io {

namespace {

// Images are untrusted input: refuse sizes that would take gigabytes to decode.
constexpr uint64_t kMaxPixels = uint64_t{1} << 28;

Image decode_png(const std::vector<uint8_t>& bytes, const std::string& path) {
  png_image png;
  std::memset(&png, 0, sizeof png);
  png.version = PNG_IMAGE_VERSION;
  LQ_CHECK(png_image_begin_read_from_memory(&png, bytes.data(), bytes.size()), path,
           ": cannot decode PNG: ", png.message);
  LQ_CHECK(uint64_t{png.width} * png.height <= kMaxPixels, path, ": image of ", png.width, "x",
           png.height, " pixels is too large");
  Image image;
  const bool has_color = png.format & PNG_FORMAT_FLAG_COLOR;
  png.format = has_color ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
  image.width = static_cast<int>(png.width);
  image.height = static_cast<int>(png.height);
  image.channels = has_color ? 3 : 1;
  image.pixels.resize(PNG_IMAGE_SIZE(png));
  const bool ok = png_image_finish_read(&png, nullptr, image.pixels.data(), 0, nullptr);
  const std::string message = png.message;
  png_image_free(&png);
  LQ_CHECK(ok, path, ": cannot decode PNG: ", message);
  return image;
}

struct JpegError {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void on_jpeg_error(j_common_ptr info) {
  auto* error = reinterpret_cast<JpegError*>(info->err);
  info->err->format_message(info, error->message);
  std::longjmp(error->jump, 1);
}

// libjpeg reports errors by longjmp; nothing with a destructor may live in this frame.
bool decode_jpeg_raw(const std::vector<uint8_t>& bytes, Image* image, JpegError* error) {
  jpeg_decompress_struct info;
  info.err = jpeg_std_error(&error->manager);
  error->manager.error_exit = on_jpeg_error;
  if (setjmp(error->jump)) {
    jpeg_destroy_decompress(&info);
    return false;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, bytes.data(), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  info.out_color_space = info.num_components == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_start_decompress(&info);
  if (uint64_t{info.output_width} * info.output_height > kMaxPixels) {
    std::snprintf(error->message, sizeof error->message, "image of %ux%u pixels is too large",
                  info.output_width, info.output_height);
    jpeg_destroy_decompress(&info);
    return false;
  }
  image->width = static_cast<int>(info.output_width);
  image->height = static_cast<int>(info.output_height);
  image->channels = info.output_components;
  image->pixels.resize(static_cast<size_t>(image->width) * image->height * image->channels);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = image->pixels.data() +
                   static_cast<size_t>(info.output_scanline) * image->width * image->channels;
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return true;
}

}  // namespace

Image read_image(const std::string& path) {
  const std::vector<uint8_t> bytes = read_file(path);
  static const uint8_t kPng[] = {0x89, 'P', 'N', 'G'};
  if (bytes.size() >= 4 && std::memcmp(bytes.data(), kPng, 4) == 0) return decode_png(bytes, path);
  LQ_CHECK(bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8, path,
           ": not a PNG or JPEG image");
  Image image;
  JpegError error;
  LQ_CHECK(decode_jpeg_raw(bytes, &image, &error), path, ": cannot decode JPEG: ", error.message);
  return image;
}

Image convert_channels(const Image& image, int channels) {
  LQ_CHECK(channels == 1 || channels == 3, "images convert to 1 or 3 channels, not ", channels);
  if (image.channels == channels) return image;
  Image out{image.width, image.height, channels, {}};
  const size_t count = static_cast<size_t>(image.width) * image.height;
  out.pixels.resize(count * channels);
  for (size_t i = 0; i < count; ++i) {
    const uint8_t* p = &image.pixels[i * image.channels];
    if (channels == 1) {
      const float luma = image.channels >= 3 ? 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2] : p[0];
      out.pixels[i] = static_cast<uint8_t>(std::lround(luma));
    } else {
      for (int c = 0; c < 3; ++c) out.pixels[i * 3 + c] = image.channels >= 3 ? p[c] : p[0];
    }
  }
  return out;
}

std::vector<float> resize_bilinear(const Image& image, int width, int height) {
  std::vector<float> out(static_cast<size_t>(width) * height * image.channels);
  const float sx = static_cast<float>(image.width) / static_cast<float>(width);
  const float sy = static_cast<float>(image.height) / static_cast<float>(height);
  auto at = [&](int x, int y, int c) {
    return static_cast<float>(image.pixels[(static_cast<size_t>(y) * image.width + x) * image.channels + c]);
  };
  for (int y = 0; y < height; ++y) {
    const float fy = std::max(0.0f, (static_cast<float>(y) + 0.5f) * sy - 0.5f);
    const int y0 = std::min(static_cast<int>(fy), image.height - 1);
    const int y1 = std::min(y0 + 1, image.height - 1);
    const float wy = fy - static_cast<float>(y0);
    for (int x = 0; x < width; ++x) {
      const float fx = std::max(0.0f, (static_cast<float>(x) + 0.5f) * sx - 0.5f);
      const int x0 = std::min(static_cast<int>(fx), image.width - 1);
      const int x1 = std::min(x0 + 1, image.width - 1);
      const float wx = fx - static_cast<float>(x0);
      for (int c = 0; c < image.channels; ++c) {
        const float top = at(x0, y0, c) + (at(x1, y0, c) - at(x0, y0, c)) * wx;
        const float bottom = at(x0, y1, c) + (at(x1, y1, c) - at(x0, y1, c)) * wx;
        out[(static_cast<size_t>(y) * width + x) * image.channels + c] = top + (bottom - top) * wy;
      }
    }
  }
  return out;
}

}  // namespace lq::io
