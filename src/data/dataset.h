// Data sets for calibration and evaluation: a source opened once, then read one sample at a time
// (memory does not grow with the number of samples).
//
// Sources, chosen by path: a folder of PNG/JPEG images (data/image_folder.h); `*.npy` (one model
// input, samples along axis 0); `*.npz` (one array per model input, named after the input or
// numpy's arr_0, arr_1, ... in input order; all with the same sample count); anything else is an
// IDX file (MNIST's format), read through gzip when its name ends in ".gz".
// Samples are the seeded subset of data/subset.h in increasing file order; each becomes one array
// per model input as data/preprocess.h describes. Images are converted to the input's channel
// count (1 or 3) and resized bilinearly to --size or to the NHWC input's own height and width.
//
// Labels (for eval): an image folder with sub-folders labels its images by class; otherwise
// attach_labels() reads a `.npy` of integers or an IDX file, one label per sample of the data
// (shape N or Nx1), aligned with the same subset.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "data/preprocess.h"
#include "ir/graph.h"

namespace lq::data {

// The inputs of the model's first subgraph, in order.
std::vector<InputSpec> model_inputs(const ir::Model& model);

class Dataset {
 public:
  Dataset(const std::string& path, std::vector<InputSpec> inputs, Preprocess pre);
  ~Dataset();
  Dataset(const Dataset&) = delete;
  Dataset& operator=(const Dataset&) = delete;

  int64_t size() const;                 // samples in the subset
  int64_t source_size() const;          // samples in the data
  int64_t file_index(int64_t i) const;  // where subset sample i is in the data (increasing in i)
  // Subset sample i: one array per model input, in the inputs' type and shape.
  std::vector<io::Array> sample(int64_t i);

  void attach_labels(const std::string& path);
  bool has_labels() const;
  int64_t label(int64_t i);                             // of subset sample i
  const std::vector<std::string>& class_names() const;  // image sub-folders; empty otherwise

  uint64_t bytes_read() const;  // from the data files so far (not counting images)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lq::data
