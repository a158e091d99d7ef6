// Shared by the tests that use fetched assets and the npm oracles: where the models and photo are,
// running an oracle script over a batch of jobs, and the agreement measure of the project's issues.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "io/npy.h"

namespace lq::testing {

inline std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

// $LITEQUANT_CACHE/models (default ~/.cache/litequant/models), filled by scripts/fetch_assets.sh.
inline std::filesystem::path model_dir() {
  const std::string home = env_or("HOME", "/root");
  return std::filesystem::path(env_or("LITEQUANT_CACHE", home + "/.cache/litequant")) / "models";
}

inline std::filesystem::path photo_path() {
  return env_or("LQ_TEST_PHOTO", "/usr/share/doc/opencv-doc/examples/data/messi5.jpg");
}

// Runs tools/oracle/<script> --batch over `jobs` (written to `list`); false when a job failed.
inline bool run_oracle(const std::string& script, const nlohmann::json& jobs,
                       const std::filesystem::path& list) {
  std::ofstream(list) << jobs.dump(1);
  const std::string command = "node '" + std::string(LQ_SOURCE_DIR) + "/tools/oracle/" + script +
                              "' --batch '" + list.string() + "'";
  std::cout << "oracle: " << command << std::endl;
  return std::system(command.c_str()) == 0;
}

// max |a - b| / max(1, max |b|) over float32 arrays of equal size: "match" means <= 1e-4.
inline double relative_error(const float* a, const float* b, int64_t n) {
  float max_ref = 0, max_err = 0;
  for (int64_t i = 0; i < n; ++i) {
    max_ref = std::max(max_ref, std::fabs(b[i]));
    max_err = std::max(max_err, std::fabs(a[i] - b[i]));
  }
  return max_err / std::max(1.0f, max_ref);
}

}  // namespace lq::testing
