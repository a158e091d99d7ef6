#include "quant/calibration.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "runtime/interpreter.h"

namespace lq::quant {

void MinMaxCalibrator::observe(int32_t subgraph, int32_t tensor, const float* values, int64_t count) {
  if (subgraph < 0 || tensor < 0) return;
  if (static_cast<size_t>(subgraph) >= ranges_.size()) ranges_.resize(static_cast<size_t>(subgraph) + 1);
  std::vector<Range>& ranges = ranges_[static_cast<size_t>(subgraph)];
  if (static_cast<size_t>(tensor) >= ranges.size()) ranges.resize(static_cast<size_t>(tensor) + 1);
  Range& r = ranges[static_cast<size_t>(tensor)];
  for (int64_t i = 0; i < count; ++i) {
    r.min = std::min(r.min, values[i]);
    r.max = std::max(r.max, values[i]);
  }
}

Range MinMaxCalibrator::range(int32_t subgraph, int32_t tensor) const {
  if (subgraph < 0 || static_cast<size_t>(subgraph) >= ranges_.size()) return {};
  const std::vector<Range>& ranges = ranges_[static_cast<size_t>(subgraph)];
  if (tensor < 0 || static_cast<size_t>(tensor) >= ranges.size()) return {};
  return ranges[static_cast<size_t>(tensor)];
}

namespace {

// Feeds the finite values of a float tensor; a tensor whose values are all finite goes in one call.
void observe_finite(Calibrator& calibrator, int32_t subgraph, int32_t tensor, const rt::TensorBuffer& buffer) {
  if (buffer.type != ElementType::kFloat32) return;
  const float* values = buffer.as<float>();
  const int64_t count = buffer.elements();
  int64_t start = 0;
  for (int64_t i = 0; i <= count; ++i) {
    if (i < count && std::isfinite(values[i])) continue;
    if (i > start) calibrator.observe(subgraph, tensor, values + start, i - start);
    start = i + 1;
  }
}

void set_inputs(rt::Interpreter& interpreter, const std::vector<io::Array>& sample) {
  LQ_CHECK(static_cast<int>(sample.size()) == interpreter.num_inputs(), "calibration sample has ",
           sample.size(), " arrays, the model ", interpreter.num_inputs(), " inputs");
  for (size_t i = 0; i < sample.size(); ++i)
    interpreter.set_input(static_cast<int>(i), sample[i].data.data(), sample[i].data.size());
}

}  // namespace

int64_t calibrate(const ir::Model& model, data::Dataset& data, Calibrator& calibrator,
                  const CalibrationOptions& options) {
  const int64_t total = data.size();
  LQ_CHECK(total > 0, "the calibration data has no samples");
  rt::InterpreterOptions run_options;
  run_options.threads = options.threads;
  run_options.input_shapes = options.input_shapes;
  rt::Interpreter interpreter(model, run_options);
  rt::RunObserver observer;
  observer.inputs = [&](int subgraph, const std::vector<const rt::TensorBuffer*>& inputs) {
    const ir::Subgraph& graph = model.subgraphs[static_cast<size_t>(subgraph)];
    for (size_t i = 0; i < inputs.size(); ++i) observe_finite(calibrator, subgraph, graph.inputs[i], *inputs[i]);
  };
  observer.op = [&](int subgraph, const rt::OpContext& ctx) {
    for (int i = 0; i < ctx.num_outputs(); ++i)
      if (ctx.op().outputs[static_cast<size_t>(i)] >= 0)
        observe_finite(calibrator, subgraph, ctx.op().outputs[static_cast<size_t>(i)], ctx.output(i));
  };
  for (int64_t s = 0; s < total; ++s) {
    set_inputs(interpreter, data.sample(s));
    interpreter.invoke(observer);
    if (options.progress) options.progress(s + 1, total);
  }
  return total;
}

}  // namespace lq::quant
