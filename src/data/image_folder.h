// A folder of PNG and JPEG images (names ending .png, .jpg or .jpeg in any case), sorted by file
// name. When the folder has sub-folders, each is a class: class names are the sorted sub-folder
// names, a class's index is its position in that order, and the samples are the images of each
// sub-folder in turn (files beside the sub-folders are ignored). Only file names are held; each
// image is decoded when its sample is read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "io/npy.h"

namespace lq::data {

class ImageFolder {
 public:
  explicit ImageFolder(const std::string& path);

  int64_t count() const { return static_cast<int64_t>(files_.size()); }
  const std::string& file(int64_t index) const { return files_[static_cast<size_t>(index)]; }
  const std::vector<std::string>& class_names() const { return classes_; }
  int64_t label(int64_t index) const { return labels_[static_cast<size_t>(index)]; }

  // The image converted to `channels` (1 or 3) and resized bilinearly (half-pixel centres) to
  // height x width: a float32 HxWxC array of values in 0..255.
  io::Array read(int64_t index, int32_t height, int32_t width, int32_t channels) const;

 private:
  std::vector<std::string> files_, classes_;
  std::vector<int64_t> labels_;
};

}  // namespace lq::data
