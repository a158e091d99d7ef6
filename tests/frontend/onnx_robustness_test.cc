// ONNX files are untrusted input: mutated models must convert or fail with lq::Error, never crash,
// hang or throw anything else (this suite also runs under AddressSanitizer and UBSan).
#include <gtest/gtest.h>

#include <fstream>

#include "frontend/onnx/onnx_import.h"
#include "testing/onnx_builder.h"
#include "testing/random.h"

namespace lq {
namespace {

// Conv (pads, strides, group) -> Relu -> MaxPool -> Reshape (shape initializer) -> Transpose ->
// Concat with itself -> Slice -> Gemm: attributes and shape-carrying constants of many kinds.
testing::OnnxBuilder model() {
  testing::OnnxBuilder b;
  b.input("x", {1, 2, 6, 6});
  testing::Random random(11);
  b.initializer("w", {4, 2, 3, 3}, random.uniform_vector(72, -1, 1));
  b.initializer("shape", {2}, {});
  b.graph().mutable_initializer(1)->set_data_type(onnx::TensorProto_DataType_INT64);
  b.graph().mutable_initializer(1)->add_int64_data(1);
  b.graph().mutable_initializer(1)->add_int64_data(-1);
  b.initializer("fc", {72, 3}, random.uniform_vector(216, -1, 1));
  b.node("Conv", {"x", "w"}, {"c"}, {{"pads", std::vector<int64_t>{1, 1, 1, 1}}, {"strides", std::vector<int64_t>{1, 1}}, {"group", int64_t{1}}});
  b.node("Relu", {"c"}, {"r"});
  b.node("MaxPool", {"r"}, {"p"}, {{"kernel_shape", std::vector<int64_t>{2, 2}}, {"strides", std::vector<int64_t>{2, 2}}});
  b.node("Reshape", {"p", "shape"}, {"f"});
  b.node("Transpose", {"f"}, {"t"}, {{"perm", std::vector<int64_t>{1, 0}}});
  b.node("Concat", {"t", "t"}, {"cc"}, {{"axis", int64_t{1}}});
  b.node("Transpose", {"cc"}, {"t2"}, {{"perm", std::vector<int64_t>{1, 0}}});
  b.node("Gemm", {"t2", "fc"}, {"y"}, {{"transA", int64_t{0}}});
  b.output("y");
  return b;
}

const int64_t kNastyInts[] = {-1, 0, 1, 2, 3, 7, -5, 1 << 20, int64_t{1} << 40, INT64_MIN, INT64_MAX};

// Replaces one integer somewhere in the graph (attribute, dimension or int64 constant) by a nasty value.
void mutate(onnx::ModelProto& m, testing::Random& random) {
  onnx::GraphProto& g = *m.mutable_graph();
  const int64_t value = kNastyInts[random.next() % std::size(kNastyInts)];
  switch (random.next() % 4) {
    case 0: {  // an attribute integer
      onnx::NodeProto& n = *g.mutable_node(static_cast<int>(random.next() % g.node_size()));
      if (n.attribute_size() == 0) return;
      onnx::AttributeProto& a = *n.mutable_attribute(static_cast<int>(random.next() % n.attribute_size()));
      if (a.ints_size() > 0) a.set_ints(static_cast<int>(random.next() % a.ints_size()), value);
      else a.set_i(value);
      return;
    }
    case 1: {  // an initializer dimension
      onnx::TensorProto& t = *g.mutable_initializer(static_cast<int>(random.next() % g.initializer_size()));
      t.set_dims(static_cast<int>(random.next() % t.dims_size()), value);
      return;
    }
    case 2: {  // the reshape target
      g.mutable_initializer(1)->set_int64_data(static_cast<int>(random.next() % 2), value);
      return;
    }
    default: {  // an input dimension
      auto* dim = g.mutable_input(0)->mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(
          static_cast<int>(random.next() % 4));
      dim->set_dim_value(value);
      return;
    }
  }
}

TEST(OnnxRobustness, MutatedModelsConvertOrFailCleanly) {
  testing::Random random(2026);
  int converted = 0, rejected = 0;
  for (int i = 0; i < 400; ++i) {
    testing::OnnxBuilder b = model();
    for (int k = 0; k < 1 + static_cast<int>(random.next() % 3); ++k) mutate(b.model(), random);
    const std::string path = b.save("lq_mutated.onnx");
    try {
      frontend::import_onnx(path);
      ++converted;
    } catch (const Error&) {
      ++rejected;
    }
  }
  EXPECT_GT(rejected, 100);  // the mutations do break models
  EXPECT_GT(converted, 0);   // and some still convert (e.g. a harmless stride or pad change)
}

TEST(OnnxRobustness, TruncatedAndFlippedBytesFailCleanly) {
  std::string bytes;
  model().model().SerializeToString(&bytes);
  testing::Random random(7);
  const std::string path = (std::filesystem::temp_directory_path() / "lq_flipped.onnx").string();
  for (int i = 0; i < 300; ++i) {
    std::string copy = bytes;
    if (i % 3 == 0) copy.resize(random.next() % copy.size());
    else
      for (int k = 0; k < 4; ++k) copy[random.next() % copy.size()] = static_cast<char>(random.next());
    std::ofstream(path, std::ios::binary) << copy;
    try {
      frontend::import_onnx(path);
    } catch (const Error&) {
    }
  }
}

}  // namespace
}  // namespace lq
