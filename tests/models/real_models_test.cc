// Real models made by Google's converter (fetched by scripts/fetch_assets.sh) run through litequant and
// through LiteRT.js, Google's TFLite runtime compiled to WebAssembly. Every float output must agree
// within 1e-4 x max(1, max|reference|). Each model is also written back by litequant's writer; the
// rewritten file must run in LiteRT.js with outputs identical to the original's.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "io/npy.h"
#include "io/tflite_reader.h"
#include "io/tflite_writer.h"
#include "runtime/interpreter.h"
#include "testing/asset_models.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

// An asset model run on seeded uniform inputs, or on the test photo where its input is an image.
struct ModelCase {
  testing::AssetModel model;
  bool photo = false;
};

// Each model seeded, after the photo where it takes one (the order fixes the seeds).
std::vector<ModelCase> model_cases() {
  std::vector<ModelCase> cases;
  for (const testing::AssetModel& m : testing::asset_models()) {
    if (m.photo) cases.push_back({m, true});
    cases.push_back({m, false});
  }
  return cases;
}

const std::vector<ModelCase> kCases = model_cases();

// "face_detection_short_range_photo", "melspectrogram_seeded", ...
std::string case_name(const ModelCase& c) {
  return testing::asset_name(c.model) + (c.photo ? "_photo" : "_seeded");
}

fs::path work_dir() { return fs::path(LQ_TEST_WORK_DIR) / "real_models"; }

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
    p = {c, {}, work_dir() / ("rewritten_" + case_name(c) + ".tflite"), work_dir() / case_name(c), {}, {}};
    try {
      p.model = testing::asset_path(c.model);
      const ir::Model model = io::read_tflite(p.model);
      io::write_tflite(model, p.rewritten);
      p.inputs = testing::write_inputs(c.model, c.photo, model, p.inputs_dir, seed);
      for (const auto& [file, dir] : {std::pair{p.model, "litert"}, {p.rewritten, "litert_rewritten"}})
        jobs.push_back(testing::litert_job(c.model, model, file, p.inputs, p.inputs_dir / dir));
    } catch (const std::exception& e) {
      p.error = e.what();
    }
  }
  testing::run_litert_jobs(jobs, work_dir(), all);
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
  rt::Interpreter interpreter(model, testing::asset_options(p.c.model, model));
  testing::set_inputs(interpreter, p.inputs);
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
