#include "data/image_folder.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>

#include "core/error.h"
#include "io/image.h"

namespace lq::data {

namespace fs = std::filesystem;

namespace {

bool is_image_name(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

std::vector<fs::path> sorted_entries(const fs::path& dir, bool folders) {
  std::vector<fs::path> out;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    if (folders ? e.is_directory() : (e.is_regular_file() && is_image_name(e.path())))
      out.push_back(e.path());
  }
  std::sort(out.begin(), out.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
  return out;
}

}  // namespace

ImageFolder::ImageFolder(const std::string& path) {
  std::error_code ec;
  LQ_CHECK(fs::is_directory(path, ec), path, ": not a folder");
  const std::vector<fs::path> sub = sorted_entries(path, true);
  if (sub.empty()) {
    for (const fs::path& f : sorted_entries(path, false)) files_.push_back(f.string());
    labels_.assign(files_.size(), 0);
  }
  for (size_t c = 0; c < sub.size(); ++c) {
    classes_.push_back(sub[c].filename().string());
    for (const fs::path& f : sorted_entries(sub[c], false)) {
      files_.push_back(f.string());
      labels_.push_back(static_cast<int64_t>(c));
    }
  }
  LQ_CHECK(!files_.empty(), path, ": no PNG or JPEG images (looked in the folder",
           sub.empty() ? "" : "'s sub-folders", ")");
}

io::Array ImageFolder::read(int64_t index, int32_t height, int32_t width, int32_t channels) const {
  const io::Image image = io::convert_channels(io::read_image(file(index)), channels);
  const std::vector<float> pixels = io::resize_bilinear(image, width, height);
  io::Array a{
      ElementType::kFloat32, {height, width, channels}, std::vector<uint8_t>(pixels.size() * 4)};
  std::memcpy(a.data.data(), pixels.data(), a.data.size());
  return a;
}

}  // namespace lq::data
