#include "analysis/evaluate.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>

#include "core/error.h"
#include "core/float16.h"
#include "data/dataset.h"

namespace lq::analysis {

namespace {

const ir::Tensor& input_tensor(const ir::Model& model, size_t k) {
  const ir::Subgraph& g = model.subgraphs.at(0);
  return g.tensors.at(static_cast<size_t>(g.inputs.at(k)));
}

// Fed by quantizing float data: an integer input with quantization parameters.
bool takes_quantized_float(const ir::Tensor& t) {
  return (t.type == ElementType::kInt8 || t.type == ElementType::kUInt8 ||
          t.type == ElementType::kInt16) &&
         !t.quant.scale.empty();
}

// What the data set must produce for `model`: its inputs, with quantized inputs made float32.
std::vector<data::InputSpec> data_inputs(const ir::Model& model) {
  std::vector<data::InputSpec> specs = data::model_inputs(model);
  for (size_t k = 0; k < specs.size(); ++k)
    if (takes_quantized_float(input_tensor(model, k))) specs[k].type = ElementType::kFloat32;
  return specs;
}

bool same_inputs(const std::vector<data::InputSpec>& a, const std::vector<data::InputSpec>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.name == y.name && x.type == y.type && x.shape == y.shape;
  });
}

template <class T> void quantize_into(const io::Array& in, float scale, int32_t zero_point, T* out) {
  constexpr float kLo = std::numeric_limits<T>::min(), kHi = std::numeric_limits<T>::max();
  const float* x = in.as<float>();
  for (int64_t i = 0; i < in.elements(); ++i) {
    // std::round rounds half away from zero, as TFLite's QUANTIZE.
    const float q = std::round(x[i] / scale) + static_cast<float>(zero_point);
    out[i] = static_cast<T>(std::clamp(q, kLo, kHi));
  }
}

io::Array quantize_input(const io::Array& in, const ir::Tensor& t, const std::string& model) {
  LQ_CHECK(t.quant.scale.size() == 1 && t.quant.zero_point.size() == 1, model, ": input '", t.name,
           "' is quantized per axis; eval feeds per-tensor quantized inputs only");
  const float scale = t.quant.scale[0];
  const auto zero_point = static_cast<int32_t>(t.quant.zero_point[0]);
  LQ_CHECK(scale > 0 && std::isfinite(scale), model, ": input '", t.name, "' has scale ", scale);
  io::Array out{t.type, in.shape, std::vector<uint8_t>(in.data.size() / 4 * element_size(t.type))};
  if (t.type == ElementType::kInt8) quantize_into(in, scale, zero_point, out.as<int8_t>());
  if (t.type == ElementType::kUInt8) quantize_into(in, scale, zero_point, out.as<uint8_t>());
  if (t.type == ElementType::kInt16) quantize_into(in, scale, zero_point, out.as<int16_t>());
  return out;
}

template <class T> void dequantize_into(const rt::TensorBuffer& t, std::vector<float>& out) {
  const ir::QuantParams& q = t.quant();
  const T* v = t.as<T>();
  if (q.scale.empty()) {  // plain integers
    for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<float>(v[i]);
    return;
  }
  LQ_CHECK(q.zero_point.size() == q.scale.size() && q.axis >= 0 && q.axis <= t.rank(), "output '",
           t.name(), "': malformed quantization parameters");
  int64_t inner = 1;  // elements per step of the quantized axis
  for (int d = q.axis + 1; d < t.rank(); ++d) inner *= t.dim(d);
  for (size_t i = 0; i < out.size(); ++i) {
    const size_t c = q.per_axis() ? static_cast<size_t>(static_cast<int64_t>(i) / inner %
                                                        static_cast<int64_t>(q.scale.size()))
                                  : 0;
    out[i] = static_cast<float>(static_cast<int64_t>(v[i]) - q.zero_point[c]) * q.scale[c];
  }
}

// Output values as float: float32 as is, float16 widened, integers dequantized (or as values).
void output_values(const rt::TensorBuffer& t, std::vector<float>& out) {
  out.resize(static_cast<size_t>(t.elements()));
  switch (t.type) {
    case ElementType::kFloat32: std::copy_n(t.as<float>(), out.size(), out.begin()); return;
    case ElementType::kFloat16:
      for (size_t i = 0; i < out.size(); ++i) out[i] = half_to_float(t.as<uint16_t>()[i]);
      return;
    case ElementType::kInt8: return dequantize_into<int8_t>(t, out);
    case ElementType::kUInt8: return dequantize_into<uint8_t>(t, out);
    case ElementType::kInt16: return dequantize_into<int16_t>(t, out);
    case ElementType::kInt32: return dequantize_into<int32_t>(t, out);
    case ElementType::kInt64: return dequantize_into<int64_t>(t, out);
    case ElementType::kBool: return dequantize_into<bool>(t, out);
    default:
      fail("output '", t.name(), "' is ", element_type_name(t.type),
           "; eval compares float, integer and bool outputs");
  }
}

// One model under evaluation.
struct Runner {
  const EvalModel* model = nullptr;
  std::unique_ptr<rt::Interpreter> interpreter;
  size_t dataset = 0;  // which data set feeds it
  std::chrono::steady_clock::duration invoke_time{};
  std::vector<std::vector<float>> outputs;  // of the current sample
  ModelResult result;
};

class Evaluation {
 public:
  Evaluation(const std::vector<EvalModel>& models, const EvalData& data, const EvalOptions& options)
      : data_(data), options_(options) {
    LQ_CHECK(!models.empty(), "eval: no model given");
    LQ_CHECK(options.reference >= -1 && options.reference < static_cast<int>(models.size()),
             "eval: reference index ", options.reference, " out of range");
    for (const EvalModel& m : models) add_runner(m);
    if (!data.labels.empty()) datasets_[0]->attach_labels(data.labels);
    labelled_ = datasets_[0]->has_labels();
    for (Runner& r : runners_) prepare_results(r);
  }

  EvalResult run() {
    const int64_t n = datasets_[0]->size();
    const std::vector<size_t> runs = order();
    std::vector<std::vector<io::Array>> samples(datasets_.size());
    for (int64_t i = 0; i < n; ++i) {
      for (size_t d = 0; d < datasets_.size(); ++d) samples[d] = datasets_[d]->sample(i);
      const int64_t label = labelled_ ? datasets_[0]->label(i) : -1;
      for (size_t k : runs) run_sample(runners_[k], samples[runners_[k].dataset], i, label);
      if (options_.progress) options_.progress(i + 1, n);
    }
    return finish(n);
  }

 private:
  void add_runner(const EvalModel& m) {
    LQ_CHECK(m.model != nullptr, m.path, ": no model");
    Runner& r = runners_.emplace_back();
    r.model = &m;
    const std::vector<data::InputSpec> specs = data_inputs(*m.model);
    r.dataset = dataset_for(specs);
    try {
      r.interpreter = std::make_unique<rt::Interpreter>(*m.model, options_.interpreter);
    } catch (const Error& e) {
      fail(m.path, ": ", e.what());  // which of the models
    }
  }

  size_t dataset_for(const std::vector<data::InputSpec>& specs) {
    for (size_t d = 0; d < dataset_specs_.size(); ++d)
      if (same_inputs(dataset_specs_[d], specs)) return d;
    datasets_.push_back(std::make_unique<data::Dataset>(data_.path, specs, data_.pre));
    dataset_specs_.push_back(specs);
    return datasets_.size() - 1;
  }

  // Checks what the metrics need of the model's outputs and sets up its result.
  void prepare_results(Runner& r) {
    const rt::Interpreter& it = *r.interpreter;
    ModelResult& res = r.result;
    res.path = r.model->path;
    res.size_bytes = r.model->size_bytes;
    res.is_reference = &r == &runners_[reference_index()] && options_.reference >= 0;
    LQ_CHECK(it.num_outputs() > 0, res.path, ": the model has no outputs");
    if (labelled_) {
      const rt::TensorBuffer& out = it.output(0);
      LQ_CHECK(row_length(out.shape) == out.elements() && out.elements() > 0, res.path,
               ": output 0 '", out.name(), "' of shape ", shape_string(out.shape),
               " is not one row of class scores per sample, which accuracy needs");
      res.accuracy.emplace();
      res.classes = out.elements();
    }
    if (options_.reference < 0 || res.is_reference) return;
    const rt::Interpreter& ref = *runners_[reference_index()].interpreter;
    LQ_CHECK(it.num_outputs() == ref.num_outputs(), res.path, ": has ", it.num_outputs(),
             " outputs, the reference ", runners_[reference_index()].model->path, " has ",
             ref.num_outputs());
    for (int k = 0; k < it.num_outputs(); ++k) {
      LQ_CHECK(it.output(k).elements() == ref.output(k).elements(), res.path, ": output ", k, " '",
               it.output(k).name(), "' has shape ", shape_string(it.output(k).shape),
               ", the reference's has ", shape_string(ref.output(k).shape));
      res.vs_reference.push_back({it.output(k).name(), {}, {}});
    }
  }

  size_t reference_index() const {
    return options_.reference < 0 ? 0 : static_cast<size_t>(options_.reference);
  }

  // The reference runs first, so that the others compare with its outputs of the same sample.
  std::vector<size_t> order() const {
    std::vector<size_t> k(runners_.size());
    for (size_t i = 0; i < k.size(); ++i) k[i] = i;
    const auto ref = k.begin() + std::max(options_.reference, 0);
    std::rotate(k.begin(), ref, ref + 1);
    return k;
  }

  void feed(Runner& r, const std::vector<io::Array>& sample) {
    for (size_t k = 0; k < sample.size(); ++k) {
      const ir::Tensor& t = input_tensor(*r.model->model, k);
      if (takes_quantized_float(t)) {
        const io::Array q = quantize_input(sample[k], t, r.model->path);
        r.interpreter->set_input(static_cast<int>(k), q.data.data(), q.data.size());
      } else {
        r.interpreter->set_input(static_cast<int>(k), sample[k].data.data(), sample[k].data.size());
      }
    }
  }

  void run_sample(Runner& r, const std::vector<io::Array>& sample, int64_t i, int64_t label) {
    feed(r, sample);
    const auto start = std::chrono::steady_clock::now();
    r.interpreter->invoke();
    r.invoke_time += std::chrono::steady_clock::now() - start;
    r.outputs.resize(static_cast<size_t>(r.interpreter->num_outputs()));
    for (size_t k = 0; k < r.outputs.size(); ++k)
      output_values(r.interpreter->output(static_cast<int>(k)), r.outputs[k]);
    if (r.result.accuracy) add_label(r, i, label);
    const Runner& ref = runners_[reference_index()];
    for (size_t k = 0; k < r.result.vs_reference.size(); ++k) {
      OutputComparison& c = r.result.vs_reference[k];
      c.error.add(ref.outputs[k], r.outputs[k]);
      c.agreement.add(ref.outputs[k], r.outputs[k],
                      row_length(ref.interpreter->output(static_cast<int>(k)).shape));
    }
  }

  void add_label(Runner& r, int64_t i, int64_t label) {
    LQ_CHECK(label >= 0 && label < r.result.classes, data_.path, ": sample ",
             datasets_[0]->file_index(i), " has label ", label, ", but ", r.model->path,
             " has ", r.result.classes, " classes (0 to ", r.result.classes - 1, ")");
    r.result.accuracy->add(r.outputs[0], label);
  }

  EvalResult finish(int64_t n) {
    EvalResult out;
    out.data = data_.path;
    out.samples = n;
    if (labelled_)
      out.labels = data_.labels.empty() ? std::string("image sub-folders") : data_.labels;
    out.reference = options_.reference;
    out.threads = options_.interpreter.threads;
    for (Runner& r : runners_) {
      const double ms = std::chrono::duration<double, std::milli>(r.invoke_time).count();
      r.result.ms_per_sample = n > 0 ? ms / static_cast<double>(n) : 0.0;
      out.models.push_back(std::move(r.result));
    }
    return out;
  }

  const EvalData& data_;
  const EvalOptions& options_;
  std::vector<Runner> runners_;
  std::vector<std::unique_ptr<data::Dataset>> datasets_;
  std::vector<std::vector<data::InputSpec>> dataset_specs_;
  bool labelled_ = false;
};

nlohmann::json sqnr_json(double db) {
  if (std::isinf(db)) return db > 0 ? "inf" : "-inf";
  return db;
}

nlohmann::json accuracy_json(const ModelResult& m) {
  if (!m.accuracy) return nullptr;
  const TopKAccuracy& a = *m.accuracy;
  const bool top5 = m.classes >= 5;
  return {{"classes", m.classes},
          {"top1", a.top1()},
          {"top1_correct", a.top1_correct()},
          {"top5", top5 ? nlohmann::json(a.top5()) : nlohmann::json(nullptr)},
          {"top5_correct", top5 ? nlohmann::json(a.top5_correct()) : nlohmann::json(nullptr)}};
}

nlohmann::json comparison_json(const ModelResult& m) {
  if (m.vs_reference.empty()) return nullptr;
  nlohmann::json outputs = nlohmann::json::array();
  for (size_t k = 0; k < m.vs_reference.size(); ++k) {
    const OutputComparison& c = m.vs_reference[k];
    outputs.push_back({{"output", k},
                       {"name", c.name},
                       {"agreement", c.agreement.rate()},
                       {"agreeing_rows", c.agreement.agreeing()},
                       {"rows", c.agreement.rows()},
                       {"sqnr_db", sqnr_json(c.error.sqnr_db())},
                       {"cosine", c.error.cosine()},
                       {"max_abs_error", c.error.max_abs_error()}});
  }
  return outputs;
}

}  // namespace

EvalResult evaluate(const std::vector<EvalModel>& models, const EvalData& data,
                    const EvalOptions& options) {
  Evaluation evaluation(models, data, options);
  return evaluation.run();
}

nlohmann::json to_json(const EvalResult& result) {
  nlohmann::json models = nlohmann::json::array();
  for (const ModelResult& m : result.models)
    models.push_back({{"model", m.path},
                      {"reference", m.is_reference},
                      {"size_bytes", m.size_bytes},
                      {"ms_per_sample", m.ms_per_sample},
                      {"accuracy", accuracy_json(m)},
                      {"vs_reference", comparison_json(m)}});
  return {{"data", result.data},
          {"samples", result.samples},
          {"labels", result.labels.empty() ? nlohmann::json(nullptr) : nlohmann::json(result.labels)},
          {"reference",
           result.reference < 0 ? nlohmann::json(nullptr) : nlohmann::json(result.reference)},
          {"threads", result.threads},
          {"models", models}};
}

}  // namespace lq::analysis
