// Real models made by Google's converter (fetched by scripts/fetch_assets.sh) run through litequant and
// through LiteRT.js, Google's TFLite runtime compiled to WebAssembly. Every float output must agree
// within 1e-4 x max(1, max|reference|). Each model is also written back by litequant's writer; the
// rewritten file must run in LiteRT.js with outputs identical to the original's.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "io/image.h"
#include "io/npy.h"
#include "io/tflite_reader.h"
#include "io/tflite_writer.h"
#include "runtime/interpreter.h"
#include "testing/assets.h"
#include "testing/random.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

// How a model's input is made: seeded uniform values, or a photo scaled to [lo, hi].
struct ModelCase {
  std::string file;
  float lo = -1.0f, hi = 1.0f;
  bool photo = false;
  Shape input_shape = {};  // for an input whose recorded shape is a placeholder
};

const ModelCase kCases[] = {
    {"face_detection_short_range.tflite", -1, 1, true},
    {"face_detection_short_range.tflite", -1, 1, false},
    {"face_detection_full_range.tflite", -1, 1, true},
    {"face_detection_full_range.tflite", -1, 1, false},
    {"face_detection_full_range_sparse.tflite", -1, 1, true},
    {"face_detection_full_range_sparse.tflite", -1, 1, false},
    {"selfie_segmentation.tflite", 0, 1, true},
    {"selfie_segmentation.tflite", 0, 1, false},
    {"selfie_segmentation_landscape.tflite", 0, 1, true},
    {"selfie_segmentation_landscape.tflite", 0, 1, false},
    {"hand_landmark_lite.tflite", 0, 1, true},
    {"hand_landmark_lite.tflite", 0, 1, false},
    {"hand_recrop.tflite", -1, 1, true},
    {"hand_recrop.tflite", -1, 1, false},
    // 1280 audio samples (80 ms at 16 kHz); the file records a 1x1 placeholder with signature [-1,-1].
    {"melspectrogram.tflite", -1, 1, false, {1, 1280}},
    {"embedding_model.tflite", -1, 1, false},
    {"hey_jarvis_v0.1.tflite", -1, 1, false},
};

// "face_detection_short_range_photo", "melspectrogram_seeded", ...
std::string case_name(const ModelCase& c) {
  std::string name = c.file.substr(0, c.file.rfind('.')) + (c.photo ? "_photo" : "_seeded");
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

fs::path work_dir() { return fs::path(LQ_TEST_WORK_DIR) / "real_models"; }

io::Array make_input(const ModelCase& c, const ir::Tensor& t, uint64_t seed) {
  Shape shape = c.input_shape.empty() ? t.shape : c.input_shape;
  for (int32_t& d : shape) d = std::max(d, 1);
  io::Array a{t.type, shape, std::vector<uint8_t>(static_cast<size_t>(num_elements(shape)) * 4)};
  EXPECT_EQ(t.type, ElementType::kFloat32) << t.name;
  std::vector<float> values;
  if (c.photo && shape.size() == 4) {
    const io::Image image = io::convert_channels(io::read_image(testing::photo_path()), shape[3]);
    values = io::resize_bilinear(image, shape[2], shape[1]);
    for (float& v : values) v = c.lo + (c.hi - c.lo) * v / 255.0f;
  } else {
    values = testing::Random(seed).uniform_vector(a.data.size() / 4, c.lo, c.hi);
  }
  std::memcpy(a.data.data(), values.data(), a.data.size());
  return a;
}

rt::InterpreterOptions options_for(const ModelCase& c, const ir::Model& model) {
  rt::InterpreterOptions options;
  if (!c.input_shape.empty()) {
    EXPECT_EQ(model.subgraphs[0].inputs.size(), 1u);
    options.input_shapes = {c.input_shape};
  }
  return options;
}

struct Prepared {
  ModelCase c;
  fs::path model, rewritten, inputs_dir;
  std::vector<fs::path> inputs;
  std::string error;  // set when preparing failed; the model's tests then fail with it
};

// Reads each model, writes it back, makes its inputs, and runs all of them through LiteRT.js once.
std::map<std::string, Prepared> prepare_all() {
  std::map<std::string, Prepared> all;
  fs::remove_all(work_dir());
  fs::create_directories(work_dir());
  nlohmann::json jobs = nlohmann::json::array();
  uint64_t seed = 1;
  for (const ModelCase& c : kCases) {
    Prepared& p = all[case_name(c)];
    p = {c, testing::model_dir() / c.file, work_dir() / ("rewritten_" + case_name(c) + ".tflite"),
         work_dir() / case_name(c), {}, {}};
    try {
      LQ_CHECK(fs::exists(p.model), "model missing: ", p.model.string(),
               " (run scripts/fetch_assets.sh)");
      const ir::Model model = io::read_tflite(p.model);
      io::write_tflite(model, p.rewritten);
      fs::create_directories(p.inputs_dir);
      const ir::Subgraph& g = model.subgraphs[0];
      for (size_t i = 0; i < g.inputs.size(); ++i) {
        p.inputs.push_back(p.inputs_dir / ("input_" + std::to_string(i) + ".npy"));
        io::write_npy(p.inputs.back(), make_input(c, g.tensors[static_cast<size_t>(g.inputs[i])], seed++));
      }
      std::vector<std::string> inputs(p.inputs.begin(), p.inputs.end());
      // LiteRT.js sizes outputs from the recorded shapes; where an input is resized, the runner
      // needs the real output shapes, which litequant's planner knows.
      nlohmann::json output_shapes = nlohmann::json::array();
      rt::Interpreter plan(model, options_for(c, model));
      for (int o = 0; o < plan.num_outputs(); ++o) output_shapes.push_back(plan.output(o).shape);
      for (const auto& [file, dir] : {std::pair{p.model, "litert"}, {p.rewritten, "litert_rewritten"}})
        jobs.push_back({{"model", file}, {"inputs", inputs}, {"output_dir", p.inputs_dir / dir},
                        {"output_shapes", output_shapes}});
    } catch (const std::exception& e) {
      p.error = e.what();
    }
  }
  if (!testing::run_oracle("litert_run.mjs", jobs, work_dir() / "jobs.json"))
    for (auto& [name, p] : all)
      if (p.error.empty()) p.error = "the LiteRT.js runner failed (see its output above)";
  return all;
}

const Prepared& prepared(const ModelCase& c) {
  static const std::map<std::string, Prepared> all = prepare_all();
  return all.at(case_name(c));
}

class RealModel : public ::testing::TestWithParam<ModelCase> {};

TEST_P(RealModel, FloatOutputsMatchLiteRT) {
  const Prepared& p = prepared(GetParam());
  ASSERT_EQ(p.error, "");
  const ir::Model model = io::read_tflite(p.model);
  rt::Interpreter interpreter(model, options_for(p.c, model));
  for (size_t i = 0; i < p.inputs.size(); ++i) {
    const io::Array in = io::read_npy(p.inputs[i]);
    interpreter.set_input(static_cast<int>(i), in.data.data(), in.data.size());
  }
  interpreter.invoke();
  double worst = 0;
  for (int o = 0; o < interpreter.num_outputs(); ++o) {
    const io::Array ref = io::read_npy(p.inputs_dir / "litert" / ("output_" + std::to_string(o) + ".npy"));
    const rt::TensorBuffer& out = interpreter.output(o);
    ASSERT_EQ(out.type, ElementType::kFloat32);
    ASSERT_EQ(ref.type, ElementType::kFloat32);
    ASSERT_EQ(ref.elements(), out.elements()) << "output " << o;
    const double relative = testing::relative_error(out.as<float>(), ref.as<float>(), ref.elements());
    worst = std::max(worst, relative);
    EXPECT_LE(relative, 1e-4) << "output " << o;
  }
  std::cout << "[ figure ] " << case_name(p.c) << ": worst error / max(1, max|ref|) = " << worst
            << " (LiteRT.js 2.5.3, single-threaded WASM build)" << std::endl;
}

TEST_P(RealModel, RewrittenFileGivesIdenticalOutputsInLiteRT) {
  const Prepared& p = prepared(GetParam());
  ASSERT_EQ(p.error, "");
  const ir::Model model = io::read_tflite(p.model);
  const ir::Model again = io::read_tflite(p.rewritten);
  ASSERT_EQ(model.subgraphs.size(), again.subgraphs.size());
  for (size_t g = 0; g < model.subgraphs.size(); ++g) {
    const ir::Subgraph &a = model.subgraphs[g], &b = again.subgraphs[g];
    ASSERT_EQ(a.tensors.size(), b.tensors.size());
    ASSERT_EQ(a.ops.size(), b.ops.size());
    for (size_t t = 0; t < a.tensors.size(); ++t) {
      EXPECT_EQ(a.tensors[t].data, b.tensors[t].data);
      EXPECT_EQ(a.tensors[t].quant, b.tensors[t].quant);
      EXPECT_EQ(a.tensors[t].sparsity, b.tensors[t].sparsity);
    }
    for (size_t o = 0; o < a.ops.size(); ++o) {
      EXPECT_EQ(a.ops[o].builtin, b.ops[o].builtin);
      EXPECT_EQ(a.ops[o].inputs, b.ops[o].inputs);
      EXPECT_EQ(a.ops[o].custom_options, b.ops[o].custom_options);
      EXPECT_GE(b.ops[o].version, a.ops[o].version);
    }
  }
  const int outputs = static_cast<int>(model.subgraphs[0].outputs.size());
  for (int o = 0; o < outputs; ++o) {
    const std::string name = "output_" + std::to_string(o) + ".npy";
    const io::Array a = io::read_npy(p.inputs_dir / "litert" / name);
    const io::Array b = io::read_npy(p.inputs_dir / "litert_rewritten" / name);
    EXPECT_EQ(a.shape, b.shape);
    EXPECT_TRUE(a.data == b.data) << "output " << o << " differs after the round trip";
  }
}

INSTANTIATE_TEST_SUITE_P(Assets, RealModel, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<ModelCase>& param_info) {
                           return case_name(param_info.param);
                         });

}  // namespace
}  // namespace lq
