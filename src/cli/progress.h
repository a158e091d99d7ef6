// A progress bar on stderr for commands that stream a data set (calibration, eval). It draws only
// when stderr is a terminal, so logs and pipes stay clean.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace lq::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();  // clears the line
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // `done` of `total` items finished; redraws at most ten times a second.
  void update(int64_t done, int64_t total);

 private:
  std::string label_;
  bool enabled_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace lq::cli
