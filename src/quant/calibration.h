// Calibration: run the float model over representative samples and record, for every float
// activation of subgraph 0 (its inputs and every op output), the range to quantize it with.
// Calibrators plug in through one interface: min/max is the default; percentile, MSE and entropy
// calibrators observe the same values and answer range() their own way.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

#include "data/dataset.h"
#include "ir/graph.h"

namespace lq::quant {

struct Range {
  float min = std::numeric_limits<float>::infinity();
  float max = -std::numeric_limits<float>::infinity();
  bool empty() const { return min > max; }
};

class Calibrator {
 public:
  virtual ~Calibrator() = default;
  // The finite values tensor `tensor` of subgraph 0 took for one sample (NaN and infinities are
  // left out by the caller).
  virtual void observe(int32_t tensor, const float* values, int64_t count) = 0;
  // The range to quantize `tensor` with; empty when it was never observed.
  virtual Range range(int32_t tensor) const = 0;
};

// The smallest and largest value seen (TFLite's converter default).
class MinMaxCalibrator final : public Calibrator {
 public:
  void observe(int32_t tensor, const float* values, int64_t count) override;
  Range range(int32_t tensor) const override;

 private:
  std::vector<Range> ranges_;
};

// Called after each sample with (samples done, samples in all).
using ProgressFn = std::function<void(int64_t, int64_t)>;

struct CalibrationOptions {
  int threads = 1;
  // Shapes for the model's inputs where the recorded ones are placeholders (dynamic dimensions);
  // empty: the recorded shapes. As rt::InterpreterOptions::input_shapes.
  std::vector<Shape> input_shapes;
  ProgressFn progress;
};

// Runs `model` (float) on every sample of `data`, one at a time, and feeds the calibrator.
// Returns the number of samples used. Fails when the data set is empty.
int64_t calibrate(const ir::Model& model, data::Dataset& data, Calibrator& calibrator,
                  const CalibrationOptions& options = {});

}  // namespace lq::quant
