// ONNX models converted by litequant, checked three ways on the same inputs: ONNX Runtime (npm
// onnxruntime-node) runs the original .onnx; litequant and LiteRT.js run the converted .tflite. All
// must agree within 1e-4 x max(1, max|ONNX Runtime|). The Fashion-MNIST classifiers must also give
// ONNX Runtime's arg-max on all 10,000 test images. For openWakeWord, whose networks also ship as
// .tflite, the shipped file's distance from ONNX Runtime is printed as a yardstick (no pass mark).
#include <gtest/gtest.h>

#include <cstring>
#include <map>

#include "core/error.h"
#include "frontend/onnx/onnx_import.h"
#include "frontend/onnx/onnx_proto.h"
#include "io/idx.h"
#include "io/image.h"
#include "io/tflite_writer.h"
#include "runtime/interpreter.h"
#include "testing/assets.h"
#include "testing/random.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

struct OnnxCase {
  std::string name;
  fs::path file;
  std::map<std::string, Shape> input_shapes;  // the --input-shape flags the model needs
  float lo = -1.0f, hi = 1.0f;
  bool photo = false;
  std::string shipped_tflite;  // the same network as Google's converter wrote it, if it ships
};

void PrintTo(const OnnxCase& c, std::ostream* os) { *os << c.name; }

fs::path project_model(const std::string& file) {
  return fs::path(LQ_SOURCE_DIR) / "models" / "fashion_mnist" / file;
}

const std::vector<OnnxCase>& cases() {
  static const std::vector<OnnxCase> all = {
      {"fmnist_cnn", project_model("fmnist_cnn.onnx"), {}, -0.8f, 2.0f, false, ""},
      {"fmnist_mobilenet", project_model("fmnist_mobilenet.onnx"), {}, -0.8f, 2.0f, false, ""},
      {"blazeface_front_photo", testing::model_dir() / "face_detection_front_128x128_barracuda.onnx", {}, -1, 1, true, ""},
      {"blazeface_front_seeded", testing::model_dir() / "face_detection_front_128x128_barracuda.onnx", {}, -1, 1, false, ""},
      {"blazeface_back_photo", testing::model_dir() / "face_detection_back_256x256_barracuda.onnx", {}, -1, 1, true, ""},
      {"ppocr_cls_seeded", testing::model_dir() / "ch_ppocr_mobile_v2.0_cls_infer.onnx", {{"x", {1, 3, 48, 192}}}, -1, 1, false, ""},
      {"ppocr_cls_photo", testing::model_dir() / "ch_ppocr_mobile_v2.0_cls_infer.onnx", {{"x", {1, 3, 48, 192}}}, -1, 1, true, ""},
      {"melspectrogram", testing::model_dir() / "melspectrogram.onnx", {{"input", {1, 1280}}}, -1, 1, false,
       "melspectrogram.tflite"},
      {"embedding_model", testing::model_dir() / "embedding_model.onnx", {}, -1, 1, false, "embedding_model.tflite"},
      {"hey_jarvis", testing::model_dir() / "hey_jarvis_v0.1.onnx", {}, -1, 1, false, "hey_jarvis_v0.1.tflite"},
      // Wider inputs, so that the If takes its other branch too (see IfTakesBothBranches).
      {"hey_jarvis_wide", testing::model_dir() / "hey_jarvis_v0.1.onnx", {}, -5, 5, false, "hey_jarvis_v0.1.tflite"},
      {"hey_jarvis_wider", testing::model_dir() / "hey_jarvis_v0.1.onnx", {}, -10, 10, false, "hey_jarvis_v0.1.tflite"},
  };
  return all;
}

fs::path work_dir() { return fs::path(LQ_TEST_WORK_DIR) / "onnx_models"; }

// NHWC [n, h, w, c] data as NCHW.
io::Array nhwc_to_nchw(const io::Array& a) {
  const int32_t n = a.shape[0], h = a.shape[1], w = a.shape[2], c = a.shape[3];
  io::Array out{a.type, {n, c, h, w}, std::vector<uint8_t>(a.data.size())};
  for (int32_t b = 0; b < n; ++b)
    for (int32_t y = 0; y < h; ++y)
      for (int32_t x = 0; x < w; ++x)
        for (int32_t k = 0; k < c; ++k)
          out.as<float>()[((b * c + k) * h + y) * w + x] = a.as<float>()[((b * h + y) * w + x) * c + k];
  return out;
}

// An input for the converted model (its own layout): seeded uniform, or the photo scaled to [lo, hi].
io::Array make_input(const OnnxCase& c, const ir::Tensor& t, uint64_t seed) {
  Shape shape = t.shape;
  io::Array a{t.type, shape, std::vector<uint8_t>(static_cast<size_t>(num_elements(shape)) * 4)};
  std::vector<float> values = testing::Random(seed).uniform_vector(a.data.size() / 4, c.lo, c.hi);
  if (c.photo) {
    const io::Image image = io::convert_channels(io::read_image(testing::photo_path()), shape[3]);
    values = io::resize_bilinear(image, shape[2], shape[1]);
    for (float& v : values) v = c.lo + (c.hi - c.lo) * v / 255.0f;
  }
  std::memcpy(a.data.data(), values.data(), a.data.size());
  return a;
}

// The converted model takes an NCHW input of the ONNX model as NHWC: ONNX Runtime gets it back.
bool input_was_transposed(const onnx::ValueInfoProto& onnx_input, const ir::Tensor& t) {
  const auto& dims = onnx_input.type().tensor_type().shape().dim();
  return dims.size() == 4 && t.shape.size() == 4 && dims[1].has_dim_value() &&
         dims[1].dim_value() == t.shape[3] && dims[1].dim_value() != t.shape[1];
}

struct Prepared {
  fs::path converted, dir;
  std::vector<fs::path> inputs, onnx_inputs;
  int outputs = 0;
  std::string error;
};

nlohmann::json job(const fs::path& model, const std::vector<fs::path>& inputs, const fs::path& out) {
  return {{"model", model}, {"inputs", std::vector<std::string>(inputs.begin(), inputs.end())},
          {"output_dir", out}};
}

void prepare_case(const OnnxCase& c, uint64_t seed, Prepared& p, nlohmann::json& ort, nlohmann::json& litert) {
  LQ_CHECK(fs::exists(c.file), "model missing: ", c.file.string(), " (run scripts/fetch_assets.sh)");
  p.dir = work_dir() / c.name;
  fs::create_directories(p.dir);
  const ir::Model model = frontend::import_onnx(c.file, {c.input_shapes});
  p.converted = p.dir / (c.name + ".tflite");
  io::write_tflite(model, p.converted);
  const onnx::ModelProto proto = frontend::read_onnx_model(c.file);
  const ir::Subgraph& g = model.subgraphs[0];
  p.outputs = static_cast<int>(g.outputs.size());
  for (size_t i = 0; i < g.inputs.size(); ++i) {
    const ir::Tensor& t = g.tensors[static_cast<size_t>(g.inputs[i])];
    const io::Array input = make_input(c, t, seed + i);
    p.inputs.push_back(p.dir / cat("input_", i, ".npy"));
    io::write_npy(p.inputs.back(), input);
    p.onnx_inputs.push_back(p.dir / cat("onnx_input_", i, ".npy"));
    const bool transposed = input_was_transposed(proto.graph().input(static_cast<int>(i)), t);
    io::write_npy(p.onnx_inputs.back(), transposed ? nhwc_to_nchw(input) : input);
  }
  ort.push_back(job(c.file, p.onnx_inputs, p.dir / "ort"));
  nlohmann::json lj = job(p.converted, p.inputs, p.dir / "litert");
  rt::Interpreter plan(model);
  lj["output_shapes"] = nlohmann::json::array();
  for (int o = 0; o < plan.num_outputs(); ++o) lj["output_shapes"].push_back(plan.output(o).shape);
  litert.push_back(lj);
  if (!c.shipped_tflite.empty()) {
    nlohmann::json shipped = job(testing::model_dir() / c.shipped_tflite, p.onnx_inputs, p.dir / "shipped");
    shipped["output_shapes"] = lj["output_shapes"];
    litert.push_back(shipped);
  }
}

std::map<std::string, Prepared> prepare_all() {
  std::map<std::string, Prepared> all;
  fs::remove_all(work_dir());
  fs::create_directories(work_dir());
  nlohmann::json ort = nlohmann::json::array(), litert = nlohmann::json::array();
  uint64_t seed = 100;
  for (const OnnxCase& c : cases()) {
    try {
      prepare_case(c, seed, all[c.name], ort, litert);
    } catch (const std::exception& e) {
      all[c.name].error = e.what();
    }
    seed += 10;
  }
  const bool ort_ok = testing::run_oracle("ort_run.mjs", ort, work_dir() / "ort_jobs.json");
  const bool litert_ok = testing::run_oracle("litert_run.mjs", litert, work_dir() / "litert_jobs.json");
  for (auto& [name, p] : all)
    if (p.error.empty() && (!ort_ok || !litert_ok)) p.error = "an oracle job failed (see its output above)";
  return all;
}

const Prepared& prepared(const OnnxCase& c) {
  static const std::map<std::string, Prepared> all = prepare_all();
  return all.at(c.name);
}

// Worst relative error over the outputs of `dir` against ONNX Runtime's.
double worst_vs_ort(const Prepared& p, const std::string& dir) {
  double worst = 0;
  for (int o = 0; o < p.outputs; ++o) {
    const std::string file = cat("output_", o, ".npy");
    const io::Array ref = io::read_npy(p.dir / "ort" / file);
    const io::Array out = io::read_npy(p.dir / dir / file);
    EXPECT_EQ(out.elements(), ref.elements()) << dir << " output " << o;
    if (out.elements() != ref.elements() || out.type != ElementType::kFloat32) return INFINITY;
    worst = std::max(worst, testing::relative_error(out.as<float>(), ref.as<float>(), ref.elements()));
  }
  return worst;
}

class OnnxModel : public ::testing::TestWithParam<OnnxCase> {};

TEST_P(OnnxModel, LitequantMatchesOnnxRuntime) {
  const OnnxCase& c = GetParam();
  const Prepared& p = prepared(c);
  ASSERT_EQ(p.error, "");
  const ir::Model model = frontend::import_onnx(c.file, {c.input_shapes});
  rt::Interpreter interpreter(model);
  for (size_t i = 0; i < p.inputs.size(); ++i) {
    const io::Array in = io::read_npy(p.inputs[i]);
    interpreter.set_input(static_cast<int>(i), in.data.data(), in.data.size());
  }
  interpreter.invoke();
  fs::create_directories(p.dir / "litequant");
  for (int o = 0; o < interpreter.num_outputs(); ++o) {
    const rt::TensorBuffer& out = interpreter.output(o);
    io::write_npy(p.dir / "litequant" / cat("output_", o, ".npy"),
                  {out.type, out.shape, std::vector<uint8_t>(out.data, out.data + out.bytes)});
  }
  const double worst = worst_vs_ort(p, "litequant");
  EXPECT_LE(worst, 1e-4);
  std::cout << "[ figure ] onnx " << c.name << ": litequant vs ONNX Runtime, worst error / max(1, max|ref|) = "
            << worst << std::endl;
}

TEST_P(OnnxModel, LiteRtOnConvertedFileMatchesOnnxRuntime) {
  const OnnxCase& c = GetParam();
  const Prepared& p = prepared(c);
  ASSERT_EQ(p.error, "");
  const double worst = worst_vs_ort(p, "litert");
  EXPECT_LE(worst, 1e-4);
  std::cout << "[ figure ] onnx " << c.name << ": LiteRT.js on the converted file vs ONNX Runtime = "
            << worst << std::endl;
  if (!c.shipped_tflite.empty())
    std::cout << "[ figure ] onnx " << c.name << ": yardstick, shipped " << c.shipped_tflite
              << " in LiteRT.js vs ONNX Runtime = " << worst_vs_ort(p, "shipped") << " (no pass mark)"
              << std::endl;
}

// hey_jarvis returns the first network's score p1 when p1 < 0.5 (else branch) and the verifier's
// score otherwise: an output >= 0.5 can only come from the then branch.
TEST(OnnxModelIf, IfTakesBothBranches) {
  float lowest = 1, highest = 0;
  for (const OnnxCase& c : cases()) {
    if (!c.name.starts_with("hey_jarvis")) continue;
    const Prepared& p = prepared(c);
    ASSERT_EQ(p.error, "");
    const float score = io::read_npy(p.dir / "ort" / "output_0.npy").as<float>()[0];
    lowest = std::min(lowest, score);
    highest = std::max(highest, score);
  }
  EXPECT_LT(lowest, 0.5f);
  EXPECT_GE(highest, 0.5f);
}

INSTANTIATE_TEST_SUITE_P(Assets, OnnxModel, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<OnnxCase>& param) { return param.param.name; });

}  // namespace
}  // namespace lq
