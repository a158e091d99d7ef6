// Calibration: run the float model over representative samples and record, for every float
// activation (the inputs and op outputs of subgraph 0 and of the subgraphs its IF / WHILE ops run),
// the range to quantize it with. Tensors are named by (subgraph, tensor index in it).
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
  // Finite values tensor `tensor` of subgraph `subgraph` took (NaN and infinities are left out by
  // the caller). Called at least once per sample for each tensor computed; a subgraph that runs
  // several times for one sample (a WHILE body) is seen each time, a branch not taken not at all.
  virtual void observe(int32_t subgraph, int32_t tensor, const float* values, int64_t count) = 0;
  // The range to quantize `tensor` of `subgraph` with; empty when it was never observed.
  virtual Range range(int32_t subgraph, int32_t tensor) const = 0;
};

// The smallest and largest value seen (TFLite's converter default).
class MinMaxCalibrator final : public Calibrator {
 public:
  void observe(int32_t subgraph, int32_t tensor, const float* values, int64_t count) override;
  Range range(int32_t subgraph, int32_t tensor) const override;

 private:
  std::vector<std::vector<Range>> ranges_;  // [subgraph][tensor]
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
