// The ONNX importer on small hand-built models: errors (unsupported ops listed together, dynamic
// dimensions, bad files), input layouts, and the clean-up TFLite's converter does (no transpose
// left in a conv net, batch norm folded, activations fused).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "frontend/onnx/onnx_import.h"
#include "runtime/interpreter.h"
#include "testing/onnx_builder.h"
#include "testing/random.h"

namespace lq {
namespace {

using frontend::import_onnx;
using testing::OnnxBuilder;

std::string error_of(const std::string& path, const frontend::OnnxImportOptions& options = {}) {
  try {
    import_onnx(path, options);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

int count_ops(const ir::Model& m, tflite::BuiltinOperator code) {
  int n = 0;
  for (const ir::Op& op : m.subgraphs[0].ops) n += op.builtin == code;
  return n;
}

std::vector<float> run(const ir::Model& m, const std::vector<float>& input) {
  rt::Interpreter interpreter(m);
  interpreter.set_input(0, input.data(), input.size() * sizeof(float));
  interpreter.invoke();
  const rt::TensorBuffer& out = interpreter.output(0);
  return {out.as<float>(), out.as<float>() + out.elements()};
}

// x [n, 2, 6, 6] -> Conv 3x3 (4 filters, pads 1) -> Relu -> MaxPool 2x2 -> Flatten -> Gemm (3 units).
OnnxBuilder small_cnn() {
  OnnxBuilder b;
  b.input("x", {std::string("n"), 2, 6, 6});
  testing::Random random(7);
  b.initializer("w", {4, 2, 3, 3}, random.uniform_vector(72, -1, 1));
  b.initializer("b", {4}, random.uniform_vector(4, -1, 1));
  b.initializer("fc_w", {3, 36}, random.uniform_vector(108, -1, 1));
  b.initializer("fc_b", {3}, random.uniform_vector(3, -1, 1));
  b.node("Conv", {"x", "w", "b"}, {"c"}, {{"pads", std::vector<int64_t>{1, 1, 1, 1}}});
  b.node("Relu", {"c"}, {"r"});
  b.node("MaxPool", {"r"}, {"p"}, {{"kernel_shape", std::vector<int64_t>{2, 2}}, {"strides", std::vector<int64_t>{2, 2}}});
  b.node("Flatten", {"p"}, {"f"});
  b.node("Gemm", {"f", "fc_w", "fc_b"}, {"y"}, {{"transB", int64_t{1}}});
  b.output("y");
  return b;
}

std::vector<float> nchw_to_nhwc(const std::vector<float>& v, int c, int h, int w) {
  std::vector<float> out(v.size());
  for (int k = 0; k < c; ++k)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) out[static_cast<size_t>((y * w + x) * c + k)] = v[static_cast<size_t>((k * h + y) * w + x)];
  return out;
}

TEST(OnnxImport, ConvNetBecomesNhwcWithoutTransposes) {
  const std::string path = small_cnn().save("lq_small_cnn.onnx");
  const ir::Model nhwc = import_onnx(path);
  frontend::OnnxImportOptions keep;
  keep.input_layout = frontend::InputLayout::kNchw;
  const ir::Model nchw = import_onnx(path, keep);
  EXPECT_EQ(count_ops(nhwc, tflite::BuiltinOperator::TRANSPOSE), 0);
  EXPECT_EQ(count_ops(nchw, tflite::BuiltinOperator::TRANSPOSE), 1);  // at the entrance only
  EXPECT_EQ(count_ops(nhwc, tflite::BuiltinOperator::RELU), 0);       // fused into CONV_2D
  const ir::Tensor& input = nhwc.subgraphs[0].tensors[static_cast<size_t>(nhwc.subgraphs[0].inputs[0])];
  EXPECT_EQ(input.shape, (Shape{1, 6, 6, 2}));
  EXPECT_EQ(input.shape_signature, (Shape{-1, 6, 6, 2}));
  const std::vector<float> x = testing::Random(3).uniform_vector(72, -1, 1);
  const std::vector<float> a = run(nchw, x), b = run(nhwc, nchw_to_nhwc(x, 2, 6, 6));
  ASSERT_EQ(a.size(), 3u);
  for (size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 1e-5f);
}

TEST(OnnxImport, BatchNormFoldsIntoTheConvolution) {
  OnnxBuilder b;
  b.input("x", {1, 2, 1, 1});
  b.initializer("w", {2, 2, 1, 1}, {1, 0, 0, 1});  // identity 1x1 convolution
  b.initializer("scale", {2}, {2, 3});
  b.initializer("bias", {2}, {0.5f, -1});
  b.initializer("mean", {2}, {1, 2});
  b.initializer("var", {2}, {4, 0.25f});
  b.node("Conv", {"x", "w"}, {"c"});
  b.node("BatchNormalization", {"c", "scale", "bias", "mean", "var"}, {"bn"}, {{"epsilon", 0.0f}});
  b.node("Relu", {"bn"}, {"y"});
  b.output("y");
  const ir::Model m = import_onnx(b.save("lq_bn.onnx"));
  // The conv writes NHWC [1,1,1,2]; the ONNX output is NCHW [1,2,1,1]: one RESHAPE stays.
  std::string ops;
  for (const ir::Op& op : m.subgraphs[0].ops) ops += ir::op_name(op) + " ";
  EXPECT_EQ(ops, "CONV_2D RESHAPE ");
  // y = relu(scale * (x - mean) / sqrt(var) + bias)
  const std::vector<float> y = run(m, {3, 1});
  EXPECT_NEAR(y[0], 2 * (3 - 1) / 2.0f + 0.5f, 1e-6f);
  EXPECT_NEAR(y[1], 0.0f, 1e-6f);  // 3 * (1 - 2) / 0.5 - 1 < 0
}

TEST(OnnxImport, EveryUnsupportedNodeIsListedInOneError) {
  OnnxBuilder b;
  b.input("x", {1, 4});
  b.node("Relu", {"x"}, {"a"});
  b.node("NoSuchOp", {"a"}, {"b"});
  b.node("AnotherMissingOp", {"b"}, {"c"});
  b.node("Relu", {"c"}, {"d"}).set_domain("com.example");
  b.output("d");
  const std::string message = error_of(b.save("lq_unsupported.onnx"));
  EXPECT_NE(message.find("3 ONNX nodes use ops litequant cannot convert"), std::string::npos) << message;
  EXPECT_NE(message.find("NoSuchOp 'b' (opset 13)"), std::string::npos) << message;
  EXPECT_NE(message.find("AnotherMissingOp 'c' (opset 13)"), std::string::npos) << message;
  EXPECT_NE(message.find("in domain 'com.example'"), std::string::npos) << message;
}

TEST(OnnxImport, DynamicSpatialDimensionsNeedInputShape) {
  OnnxBuilder b;
  b.input("x", {std::string("n"), 3, std::string("height"), std::string("width")});
  b.node("Relu", {"x"}, {"y"});
  b.output("y");
  const std::string path = b.save("lq_dynamic.onnx");
  const std::string message = error_of(path);
  EXPECT_NE(message.find("input 'x' dimension 2 ('height') has no fixed size"), std::string::npos) << message;
  EXPECT_NE(message.find("--input-shape x="), std::string::npos) << message;
  frontend::OnnxImportOptions options;
  frontend::parse_input_shape("x=1x3x48x192", options.input_shapes);
  const ir::Model m = import_onnx(path, options);
  EXPECT_EQ(m.subgraphs[0].tensors[static_cast<size_t>(m.subgraphs[0].inputs[0])].shape, (Shape{1, 3, 48, 192}));
  frontend::parse_input_shape("x=1x4x48x192", options.input_shapes);
  EXPECT_NE(error_of(path, options).find("dimension 1 is fixed to 3"), std::string::npos);
  options.input_shapes.clear();
  frontend::parse_input_shape("y=1x3x48x192", options.input_shapes);
  EXPECT_NE(error_of(path, options).find("the model has no input 'y'"), std::string::npos);
  EXPECT_THROW(frontend::parse_input_shape("x=1x0x2", options.input_shapes), Error);
  EXPECT_THROW(frontend::parse_input_shape("1x3", options.input_shapes), Error);
}

TEST(OnnxImport, NodeErrorsNameTheNode) {
  OnnxBuilder b;
  b.input("x", {1, 3, 8, 8});
  b.initializer("w", {4, 2, 3, 3}, std::vector<float>(72, 0.0f));  // 2 input channels, x has 3
  b.node("Conv", {"x", "w"}, {"y"});
  b.output("y");
  const std::string message = error_of(b.save("lq_bad_conv.onnx"));
  EXPECT_NE(message.find("Conv 'y' (opset 13)"), std::string::npos) << message;
}

TEST(OnnxImport, OpsetsOutsideNineToSeventeenAreUnsupportedVariants) {
  OnnxBuilder b(8);
  b.input("x", {1, 4});
  b.node("Relu", {"x"}, {"y"});
  b.output("y");
  EXPECT_THROW(import_onnx(b.save("lq_opset8.onnx")), frontend::UnsupportedVariant);
}

TEST(OnnxImport, FilesThatAreNotOnnxAreNamed) {
  const std::string path = (std::filesystem::temp_directory_path() / "lq_not_onnx.onnx").string();
  std::ofstream(path) << "definitely not a protobuf \xff\xff\xff";
  const std::string message = error_of(path);
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(error_of("/nonexistent/model.onnx").find("/nonexistent/model.onnx"), std::string::npos);
}

}  // namespace
}  // namespace lq
