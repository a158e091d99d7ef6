#include "data/dataset.h"

#include <filesystem>
#include <optional>

#include "core/error.h"
#include "data/image_folder.h"
#include "data/records.h"
#include "data/subset.h"

namespace lq::data {

namespace {

const io::ZipMember* find_member(const std::vector<io::ZipMember>& members,
                                 const std::string& name) {
  for (const io::ZipMember& m : members)
    if (io::npz_array_name(m) == name) return &m;
  return nullptr;
}

// One Records per model input: the array named after the input, else numpy's arr_<k>.
std::vector<Records> open_npz(const std::string& path, const std::vector<InputSpec>& inputs) {
  const std::vector<io::ZipMember> members = io::read_zip_directory(path);
  std::vector<Records> out;
  for (size_t k = 0; k < inputs.size(); ++k) {
    const io::ZipMember* m = find_member(members, inputs[k].name);
    if (!m) m = find_member(members, cat("arr_", k));
    if (!m) {
      std::string held;
      for (const io::ZipMember& x : members)
        held += (held.empty() ? "" : ", ") + io::npz_array_name(x);
      fail(path, ": has no array named '", inputs[k].name, "' or 'arr_", k, "' for model input ", k,
           " (it holds: ", held.empty() ? "nothing" : held, ")");
    }
    out.push_back(open_npy_records(open_zip_member_stream(path, *m)));
    LQ_CHECK(out.back().count() == out.front().count(), path, ": array ", io::npz_array_name(*m),
             " has ", out.back().count(), " samples, ", out.front().origin(), " has ",
             out.front().count());
  }
  return out;
}

Records open_records(const std::string& path) {
  return path.ends_with(".npy") ? open_npy_records(open_file_stream(path)) : open_idx_records(path);
}

// Height, width and channels images are decoded to for `input`.
struct ImageSize {
  int32_t height = 0, width = 0, channels = 0;
};

ImageSize image_size(const InputSpec& input, const Preprocess& pre, const std::string& path) {
  ImageSize s{pre.height, pre.width, 1};
  if (input.shape.size() == 4) {
    s.channels = input.shape[3];
    if (s.height == 0) s = {input.shape[1], input.shape[2], s.channels};
  } else {
    LQ_CHECK(s.height > 0 && s.width > 0, path, ": model input '", input.name, "' of shape ",
             shape_string(input.shape), " is not NHWC; give the image size (--size HxW)");
    const int64_t per_pixel = num_elements(input.shape) / (int64_t{s.height} * s.width);
    s.channels = static_cast<int32_t>(per_pixel == 3 ? 3 : 1);
  }
  LQ_CHECK(s.channels == 1 || s.channels == 3, path, ": model input '", input.name, "' has ",
           s.channels, " channels; images convert to 1 (gray) or 3 (RGB)");
  return s;
}

}  // namespace

struct Dataset::Impl {
  std::string path;
  std::vector<InputSpec> inputs;
  Preprocess pre;
  std::vector<Records> records;  // one per input (arrays), or empty (images)
  std::optional<ImageFolder> images;
  std::optional<Records> labels;
  std::vector<int64_t> subset;

  int64_t source_size() const { return images ? images->count() : records.front().count(); }
};

Dataset::Dataset(const std::string& path, std::vector<InputSpec> inputs, Preprocess pre)
    : impl_(std::make_unique<Impl>()) {
  Impl& d = *impl_;
  d.path = path;
  d.inputs = std::move(inputs);
  d.pre = std::move(pre);
  LQ_CHECK(!d.inputs.empty(), path, ": the model has no inputs");
  std::error_code ec;
  LQ_CHECK(std::filesystem::exists(path, ec), path, ": no such file or folder");
  const bool npz = path.ends_with(".npz");
  if (!npz)
    LQ_CHECK(d.inputs.size() == 1, path, ": feeds one model input, but the model has ",
             d.inputs.size(), " (give an .npz with one array per input)");
  if (std::filesystem::is_directory(path, ec)) {
    LQ_CHECK(d.pre.layout == Layout::kNhwc, path,
             ": --layout nchw applies to stored arrays; images decode to NHWC");
    d.images.emplace(path);
  } else if (npz) {
    d.records = open_npz(path, d.inputs);
  } else {
    d.records.push_back(open_records(path));
  }
  d.subset = choose_subset(d.source_size(), d.pre.samples, d.pre.seed);
}

Dataset::~Dataset() = default;

int64_t Dataset::size() const { return static_cast<int64_t>(impl_->subset.size()); }
int64_t Dataset::source_size() const { return impl_->source_size(); }

int64_t Dataset::file_index(int64_t i) const {
  LQ_CHECK(i >= 0 && i < size(), impl_->path, ": sample ", i, " out of range (", size(),
           " samples)");
  return impl_->subset[static_cast<size_t>(i)];
}

std::vector<io::Array> Dataset::sample(int64_t i) {
  Impl& d = *impl_;
  const int64_t at = file_index(i);
  std::vector<io::Array> out;
  if (d.images) {
    const ImageSize s = image_size(d.inputs[0], d.pre, d.path);
    const io::Array raw = d.images->read(at, s.height, s.width, s.channels);
    out.push_back(to_model_input(raw, Layout::kNhwc, d.inputs[0], d.pre, d.images->file(at), at));
    return out;
  }
  for (size_t k = 0; k < d.inputs.size(); ++k)
    out.push_back(to_model_input(d.records[k].read(at), d.pre.layout, d.inputs[k], d.pre,
                                 d.records[k].origin(), at));
  return out;
}

void Dataset::attach_labels(const std::string& path) {
  Records r = open_records(path);
  LQ_CHECK(is_integer_type(r.type()), path, ": labels must be integers, not ",
           element_type_name(r.type()));
  LQ_CHECK(num_elements(r.sample_shape()) == 1, path, ": labels must have shape N or Nx1, not ",
           r.count(), "x", shape_string(r.sample_shape()));
  LQ_CHECK(r.count() == source_size(), path, ": holds ", r.count(), " labels for ", source_size(),
           " samples in ", impl_->path);
  impl_->labels.emplace(std::move(r));
}

bool Dataset::has_labels() const {
  return impl_->labels.has_value() || (impl_->images && !impl_->images->class_names().empty());
}

int64_t Dataset::label(int64_t i) {
  Impl& d = *impl_;
  const int64_t at = file_index(i);
  if (d.labels) {
    const io::Array a = d.labels->read(at);
    const InputSpec as_int64{"label", ElementType::kInt64, {1}};
    return to_model_input(a, Layout::kNhwc, as_int64, d.pre, d.labels->origin(), at)
        .as<int64_t>()[0];
  }
  LQ_CHECK(has_labels(), d.path,
           ": has no labels (give a labels file, or image sub-folders per class)");
  return d.images->label(at);
}

const std::vector<std::string>& Dataset::class_names() const {
  static const std::vector<std::string> kNone;
  return impl_->images ? impl_->images->class_names() : kNone;
}

uint64_t Dataset::bytes_read() const {
  uint64_t n = 0;
  for (const Records& r : impl_->records) n += r.bytes_read();
  return n;
}

std::vector<InputSpec> model_inputs(const ir::Model& model) {
  LQ_CHECK(!model.subgraphs.empty(), "model has no subgraphs");
  const ir::Subgraph& g = model.subgraphs[0];
  std::vector<InputSpec> specs;
  for (int32_t t : g.inputs) {
    LQ_CHECK(t >= 0 && static_cast<size_t>(t) < g.tensors.size(), "model input tensor ", t,
             " out of range");
    const ir::Tensor& tensor = g.tensors[static_cast<size_t>(t)];
    specs.push_back({tensor.name, tensor.type, tensor.shape});
  }
  return specs;
}

}  // namespace lq::data
