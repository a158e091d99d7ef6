#include "report/model_summary.h"

#include <map>
#include <sstream>

#include "runtime/interpreter.h"

namespace lq::report {

namespace {

nlohmann::json quant_json(const ir::QuantParams& q) {
  if (q.scale.empty()) return nullptr;
  nlohmann::json j;
  if (q.per_axis()) {
    j["axis"] = q.axis;
    j["scales"] = q.scale.size();
    j["scale_min"] = *std::min_element(q.scale.begin(), q.scale.end());
    j["scale_max"] = *std::max_element(q.scale.begin(), q.scale.end());
  } else {
    j["scale"] = q.scale[0];
    j["zero_point"] = q.zero_point.empty() ? 0 : q.zero_point[0];
  }
  return j;
}

nlohmann::json tensor_json(const ir::Subgraph& graph, int32_t index) {
  const ir::Tensor& t = graph.tensors[static_cast<size_t>(index)];
  nlohmann::json j = {{"index", index},
                      {"name", t.name},
                      {"type", element_type_name(t.type)},
                      {"shape", t.shape},
                      {"constant", t.is_constant()},
                      {"bytes", t.data.size()}};
  if (!t.shape_signature.empty() && t.shape_signature != t.shape) j["shape_signature"] = t.shape_signature;
  if (t.sparsity) j["sparse"] = true;
  if (nlohmann::json q = quant_json(t.quant); !q.is_null()) j["quantization"] = q;
  return j;
}

std::string quant_text(const nlohmann::json& q) {
  if (!q.contains("axis"))
    return cat(" scale=", q["scale"].get<float>(), " zp=", q["zero_point"].get<int64_t>());
  return cat(" per-axis(", q["axis"].get<int>(), ") x", q["scales"].get<size_t>());
}

std::string io_line(const nlohmann::json& t) {
  std::string line = cat("  ", t["name"].get<std::string>(), "  ", t["type"].get<std::string>(), " [");
  for (size_t i = 0; i < t["shape"].size(); ++i) {
    const int dim = t.contains("shape_signature") ? t["shape_signature"][i].get<int>()
                                                  : t["shape"][i].get<int>();
    line += cat(i ? "," : "", dim < 0 ? "?" : std::to_string(dim));
  }
  line += "]";
  if (t.contains("quantization")) line += quant_text(t["quantization"]);
  // A dynamic dimension runs with the size the shape records (1 for a batch dimension).
  if (t.contains("shape_signature") && t["shape_signature"].size() == t["shape"].size()) {
    std::string dims;
    for (size_t i = 0; i < t["shape"].size(); ++i)
      if (t["shape_signature"][i].get<int>() < 0) dims += cat(dims.empty() ? "" : ", ", i);
    if (!dims.empty()) line += cat("  (dynamic dimension ", dims, "; runs with ", t["shape"].dump(), ")");
  }
  return line + "\n";
}

}  // namespace

nlohmann::json model_summary(const ir::Model& model, const std::string& path) {
  nlohmann::json j;
  j["path"] = path;
  j["description"] = model.description;
  j["subgraphs"] = model.subgraphs.size();
  const ir::Subgraph& graph = model.subgraphs.at(0);
  std::map<std::string, int> histogram;
  for (const ir::Op& op : graph.ops) ++histogram[ir::op_name(op)];
  j["ops"] = graph.ops.size();
  j["op_histogram"] = histogram;
  for (int32_t i : graph.inputs) j["inputs"].push_back(tensor_json(graph, i));
  for (int32_t i : graph.outputs) j["outputs"].push_back(tensor_json(graph, i));
  std::map<std::string, uint64_t> bytes;
  uint64_t total = 0;
  for (const ir::Subgraph& g : model.subgraphs)
    for (const ir::Tensor& t : g.tensors)
      if (t.is_constant()) {
        bytes[std::string(element_type_name(t.type))] += t.data.size();
        total += t.data.size();
      }
  j["constant_bytes_by_type"] = bytes;
  j["constant_bytes"] = total;
  j["tensors"] = nlohmann::json::array();
  for (size_t i = 0; i < graph.tensors.size(); ++i)
    j["tensors"].push_back(tensor_json(graph, static_cast<int32_t>(i)));
  j["unsupported_ops"] = nlohmann::json::array();
  for (const rt::UnsupportedOp& op : rt::find_unsupported_ops(model))
    j["unsupported_ops"].push_back(
        {{"index", op.index}, {"op", op.name}, {"type", element_type_name(op.type)}});
  j["runnable"] = j["unsupported_ops"].empty();
  return j;
}

std::string model_summary_text(const nlohmann::json& s, bool list_tensors) {
  std::ostringstream out;
  out << s["path"].get<std::string>() << ": " << s["ops"] << " ops in subgraph 0 of "
      << s["subgraphs"] << ", " << s["tensors"].size() << " tensors, " << s["constant_bytes"]
      << " bytes of constants\n";
  if (!s["description"].get<std::string>().empty())
    out << "description: " << s["description"].get<std::string>() << "\n";
  out << "inputs:\n";
  for (const auto& t : s["inputs"]) out << io_line(t);
  out << "outputs:\n";
  for (const auto& t : s["outputs"]) out << io_line(t);
  out << "ops:\n";
  for (const auto& [name, count] : s["op_histogram"].items()) out << "  " << name << " x" << count << "\n";
  out << "constant bytes by type:";
  for (const auto& [type, count] : s["constant_bytes_by_type"].items()) out << " " << type << "=" << count;
  out << "\n";
  if (s["runnable"].get<bool>()) {
    out << "interpreter: can run every op\n";
  } else {
    out << "interpreter: no kernel for " << s["unsupported_ops"].size() << " op(s):\n";
    for (const auto& op : s["unsupported_ops"])
      out << "  op " << op["index"] << " " << op["op"].get<std::string>() << " ("
          << op["type"].get<std::string>() << ")\n";
  }
  if (list_tensors) {
    out << "tensors:\n";
    for (const auto& t : s["tensors"]) {
      out << "  " << t["index"] << (t["constant"].get<bool>() ? " const " : "       ") << io_line(t).substr(2);
    }
  }
  return out.str();
}

}  // namespace lq::report
