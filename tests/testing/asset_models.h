// The fetched .tflite asset models (scripts/fetch_assets.sh: MediaPipe, openWakeWord) that the model
// tests run through litequant and LiteRT.js, with how their float inputs are made, and the steps
// those tests share: writing the inputs, planning the output shapes, batching the oracle's jobs.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "io/image.h"
#include "io/npy.h"
#include "ir/graph.h"
#include "runtime/interpreter.h"
#include "testing/assets.h"
#include "testing/random.h"

namespace lq::testing {

struct AssetModel {
  std::string file;
  float lo = -1.0f, hi = 1.0f;  // the range its float inputs take
  bool photo = false;           // its input is an image: the test photo makes a meaningful one
  Shape input_shape = {};       // for an input whose recorded shape is a placeholder
};

inline const std::vector<AssetModel>& asset_models() {
  static const std::vector<AssetModel> models = {
      {"face_detection_short_range.tflite", -1, 1, true},
      {"face_detection_full_range.tflite", -1, 1, true},
      {"face_detection_full_range_sparse.tflite", -1, 1, true},
      {"selfie_segmentation.tflite", 0, 1, true},
      {"selfie_segmentation_landscape.tflite", 0, 1, true},
      {"hand_landmark_lite.tflite", 0, 1, true},
      {"hand_recrop.tflite", -1, 1, true},
      // 1280 audio samples (80 ms at 16 kHz); the file records a 1x1 placeholder with signature [-1,-1].
      {"melspectrogram.tflite", -1, 1, false, {1, 1280}},
      {"embedding_model.tflite", -1, 1, false},
      {"hey_jarvis_v0.1.tflite", -1, 1, false},
  };
  return models;
}

// The file name without extension, made fit for a test name: "hey_jarvis_v0_1".
inline std::string asset_name(const AssetModel& m) {
  std::string name = m.file.substr(0, m.file.rfind('.'));
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

inline std::filesystem::path asset_path(const AssetModel& m) {
  const std::filesystem::path path = model_dir() / m.file;
  LQ_CHECK(std::filesystem::exists(path), "model missing: ", path.string(),
           " (run scripts/fetch_assets.sh)");
  return path;
}

// The real input shape where the model records a placeholder.
inline rt::InterpreterOptions asset_options(const AssetModel& m, const ir::Model& model) {
  rt::InterpreterOptions options;
  if (!m.input_shape.empty()) {
    LQ_CHECK(model.subgraphs[0].inputs.size() == 1, m.file, ": input_shape is given for one input, the model has ",
             model.subgraphs[0].inputs.size());
    options.input_shapes = {m.input_shape};
  }
  return options;
}

// Input `t` of `m`: with `photo` (and a 4-d NHWC input) the test photo resized and scaled from
// [0, 255] to [lo, hi], else values uniform in [lo, hi) from `seed`.
inline io::Array make_input(const AssetModel& m, bool photo, const ir::Tensor& t, uint64_t seed) {
  Shape shape = m.input_shape.empty() ? t.shape : m.input_shape;
  for (int32_t& d : shape) d = std::max(d, 1);
  LQ_CHECK(t.type == ElementType::kFloat32, m.file, ": input '", t.name, "' is not float32");
  std::vector<float> values;
  if (photo && shape.size() == 4) {
    const io::Image image = io::convert_channels(io::read_image(photo_path()), shape[3]);
    values = io::resize_bilinear(image, shape[2], shape[1]);
    for (float& v : values) v = m.lo + (m.hi - m.lo) * v / 255.0f;
  } else {
    values = Random(seed).uniform_vector(static_cast<size_t>(num_elements(shape)), m.lo, m.hi);
  }
  io::Array a{t.type, shape, std::vector<uint8_t>(values.size() * sizeof(float))};
  std::memcpy(a.data.data(), values.data(), a.data.size());
  return a;
}

// Writes dir/input_<i>.npy for each input of `model`, input i made from seed++; returns the paths.
inline std::vector<std::filesystem::path> write_inputs(const AssetModel& m, bool photo,
                                                       const ir::Model& model,
                                                       const std::filesystem::path& dir, uint64_t& seed) {
  std::filesystem::create_directories(dir);
  const ir::Subgraph& g = model.subgraphs[0];
  std::vector<std::filesystem::path> paths;
  for (size_t i = 0; i < g.inputs.size(); ++i) {
    paths.push_back(dir / ("input_" + std::to_string(i) + ".npy"));
    io::write_npy(paths.back(), make_input(m, photo, g.tensors[static_cast<size_t>(g.inputs[i])], seed++));
  }
  return paths;
}

// A job of tools/oracle/litert_run.mjs. LiteRT.js sizes outputs from the recorded shapes; where an
// input is resized it needs the real ones, which litequant's planner knows.
inline nlohmann::json litert_job(const AssetModel& m, const ir::Model& model,
                                 const std::filesystem::path& file,
                                 const std::vector<std::filesystem::path>& inputs,
                                 const std::filesystem::path& output_dir) {
  nlohmann::json output_shapes = nlohmann::json::array();
  rt::Interpreter plan(model, asset_options(m, model));
  for (int o = 0; o < plan.num_outputs(); ++o) output_shapes.push_back(plan.output(o).shape);
  return {{"model", file},
          {"inputs", std::vector<std::string>(inputs.begin(), inputs.end())},
          {"output_dir", output_dir},
          {"output_shapes", output_shapes}};
}

// Runs LiteRT.js over all `jobs` in one batch (it starts slowly); when it fails, every prepared
// case not failed already fails with that.
template <class Prepared>
void run_litert_jobs(const nlohmann::json& jobs, const std::filesystem::path& work_dir,
                     std::map<std::string, Prepared>& all) {
  if (run_oracle("litert_run.mjs", jobs, work_dir / "jobs.json")) return;
  for (auto& [name, p] : all)
    if (p.error.empty()) p.error = "the LiteRT.js runner failed (see its output above)";
}

// Feeds the .npy files to the interpreter's inputs, in order.
inline void set_inputs(rt::Interpreter& interpreter, const std::vector<std::filesystem::path>& inputs) {
  for (size_t i = 0; i < inputs.size(); ++i) {
    const io::Array in = io::read_npy(inputs[i]);
    interpreter.set_input(static_cast<int>(i), in.data.data(), in.data.size());
  }
}

}  // namespace lq::testing
