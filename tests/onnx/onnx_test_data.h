// Reading the ONNX backend test cases (Debian's libonnx-testdata): a case is a folder with model.onnx
// and test_data_set_N/ folders of input_K.pb and output_K.pb, each a serialized TensorProto.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "ir/graph.h"

namespace lq::testing {

// One test_data_set_N: tensors in the order of the graph's inputs and outputs.
struct OnnxTestSet {
  std::string dir;
  std::vector<ir::Tensor> inputs, outputs;
  std::vector<std::string> input_files;  // input_K.pb, for copying an input into a model
};

// Reads one TensorProto file. Element types TFLite tensors cannot hold (string, bfloat16, ...)
// throw frontend::UnsupportedVariant; an unreadable or inconsistent file throws lq::Error.
ir::Tensor read_onnx_tensor_file(const std::string& path);

// The TensorProto of one file, as stored.
onnx::TensorProto read_tensor_proto(const std::string& path);

// Every test_data_set_N folder of a case, in N order.
std::vector<OnnxTestSet> read_onnx_test_sets(const std::string& case_dir);

// The case folders (test_*) under `root`, sorted by name; empty when `root` does not exist.
std::vector<std::string> list_onnx_cases(const std::string& root);

}  // namespace lq::testing
