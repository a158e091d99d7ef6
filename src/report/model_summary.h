// What `litequant inspect` shows about a model: op histogram, inputs and outputs, tensors, bytes by
// element type, and which ops the interpreter can run.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "ir/graph.h"

namespace lq::report {

nlohmann::json model_summary(const ir::Model& model, const std::string& path);
std::string model_summary_text(const nlohmann::json& summary, bool list_tensors);

}  // namespace lq::report
