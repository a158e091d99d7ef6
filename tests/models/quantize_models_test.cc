// `quantize --mode float16` on every asset .tflite model (MediaPipe, openWakeWord): the written
// file must load and run in LiteRT.js, and litequant's outputs on it must agree with LiteRT.js's
// within 1e-4 x max(1, max|reference|). Prints per model the sizes before and after and the SQNR
// of the float16 model's outputs against the float model's (both run by litequant).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>
#include <map>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "io/npy.h"
#include "io/tflite_reader.h"
#include "io/tflite_writer.h"
#include "quant/quantize.h"
#include "runtime/interpreter.h"
#include "testing/quantized_models.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

using testing::AssetModel;

fs::path work_dir() { return fs::path(LQ_TEST_WORK_DIR) / "quantize_models"; }

const testing::QuantizedAsset& prepared(const AssetModel& m) {
  static const std::map<std::string, testing::QuantizedAsset> all =
      testing::prepare_quantized_assets(work_dir(), "float16", [](ir::Model& model) { quant::quantize(model, {}); });
  return all.at(testing::asset_name(m));
}

class QuantizeFloat16 : public ::testing::TestWithParam<AssetModel> {};

TEST_P(QuantizeFloat16, RunsInLiteRTAndMatchesIt) {
  const testing::QuantizedAsset& p = prepared(GetParam());
  ASSERT_EQ(p.error, "");
  const ir::Model quantized = io::read_tflite(p.quantized);
  ir::Model float_model = io::read_tflite(testing::asset_path(p.m));
  quant::read_as_float(float_model);
  const std::vector<std::vector<float>> got = testing::run_float_outputs(quantized, p),
                                        want = testing::run_float_outputs(float_model, p);
  ASSERT_EQ(got.size(), want.size());
  double worst = 0;
  std::string sqnr;
  for (size_t o = 0; o < got.size(); ++o) {
    const io::Array ref = testing::litert_output(p, o);
    ASSERT_EQ(ref.type, ElementType::kFloat32);
    ASSERT_EQ(static_cast<size_t>(ref.elements()), got[o].size()) << "output " << o;
    const double relative = testing::relative_error(got[o].data(), ref.as<float>(), ref.elements());
    EXPECT_LE(relative, 1e-4) << "output " << o << " differs from LiteRT.js's";
    worst = std::max(worst, relative);
    sqnr += cat(o ? ", " : "", testing::sqnr_db(got[o], want[o]));
  }
  const uintmax_t after = fs::file_size(p.quantized);
  std::cout << "[ figure ] float16 " << testing::asset_name(p.m) << ": " << p.float_bytes << " -> " << after
            << " bytes (" << 100.0 * static_cast<double>(after) / static_cast<double>(p.float_bytes)
            << "%), output SQNR vs float (litequant) " << sqnr
            << " dB, worst error vs LiteRT.js / max(1, max|ref|) = " << worst << std::endl;
}

INSTANTIATE_TEST_SUITE_P(Assets, QuantizeFloat16, ::testing::ValuesIn(testing::asset_models()),
                         [](const ::testing::TestParamInfo<AssetModel>& param_info) {
                           return testing::asset_name(param_info.param);
                         });

}  // namespace
}  // namespace lq
