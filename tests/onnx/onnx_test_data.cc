#include "onnx/onnx_test_data.h"

#include <algorithm>
#include <filesystem>

#include "core/error.h"
#include "frontend/onnx/onnx_import.h"
#include "frontend/onnx/onnx_proto.h"
#include "io/file.h"

namespace fs = std::filesystem;

namespace lq::testing {

namespace {

// input_0.pb, input_1.pb, ... while they exist (the count is the file names', not the model's).
std::vector<std::string> numbered_files(const fs::path& dir, const std::string& prefix) {
  std::vector<std::string> files;
  for (int k = 0;; ++k) {
    const fs::path file = dir / cat(prefix, k, ".pb");
    if (!fs::exists(file)) return files;
    files.push_back(file.string());
  }
}

std::vector<ir::Tensor> read_tensors(const std::vector<std::string>& files) {
  std::vector<ir::Tensor> tensors;
  for (const std::string& file : files) tensors.push_back(read_onnx_tensor_file(file));
  return tensors;
}

// The N of "test_data_set_N", or -1 for other names.
int data_set_number(const std::string& name) {
  const std::string prefix = "test_data_set_";
  if (!name.starts_with(prefix) || name.size() == prefix.size()) return -1;
  const std::string digits = name.substr(prefix.size());
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return -1;
  return std::stoi(digits);
}

}  // namespace

onnx::TensorProto read_tensor_proto(const std::string& path) {
  const std::vector<uint8_t> bytes = io::read_file(path);
  onnx::TensorProto proto;
  LQ_CHECK(bytes.size() < (size_t{1} << 31) &&
               proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())),
           path, ": not a TensorProto (protobuf parse failed)");
  return proto;
}

ir::Tensor read_onnx_tensor_file(const std::string& path) {
  const onnx::TensorProto proto = read_tensor_proto(path);
  // A type TFLite cannot hold is a limit of the format, not a wrong result: count it apart.
  try {
    frontend::element_type_from_onnx(proto.data_type(), path);
  } catch (const Error& e) {
    throw frontend::UnsupportedVariant(e.what());
  }
  return frontend::tensor_from_onnx(proto, path);
}

std::vector<OnnxTestSet> read_onnx_test_sets(const std::string& case_dir) {
  std::vector<std::pair<int, fs::path>> dirs;
  for (const fs::directory_entry& entry : fs::directory_iterator(case_dir)) {
    const int n = entry.is_directory() ? data_set_number(entry.path().filename().string()) : -1;
    if (n >= 0) dirs.emplace_back(n, entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  std::vector<OnnxTestSet> sets;
  for (const auto& [n, dir] : dirs) {
    OnnxTestSet& set = sets.emplace_back();
    set.dir = dir.string();
    set.input_files = numbered_files(dir, "input_");
    set.inputs = read_tensors(set.input_files);
    set.outputs = read_tensors(numbered_files(dir, "output_"));
  }
  return sets;
}

std::vector<std::string> list_onnx_cases(const std::string& root) {
  std::vector<std::string> cases;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(root, ec))
    if (entry.is_directory() && entry.path().filename().string().starts_with("test_"))
      cases.push_back(entry.path().string());
  std::sort(cases.begin(), cases.end());
  return cases;
}

}  // namespace lq::testing
