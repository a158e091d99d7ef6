// Malformed .tflite files must give an lq::Error naming what is wrong, never a crash.
#include <gtest/gtest.h>

#include "io/tflite_reader.h"
#include "io/tflite_writer.h"
#include "testing/op_builder.h"
#include "testing/random.h"

namespace lq {
namespace {

// A small valid model: y = relu(x + c) with a constant c.
std::vector<uint8_t> valid_model() {
  testing::OpBuilder b;
  const int x = b.input({1, 4});
  const int c = b.constant<float>({1, 4}, {1, 2, 3, 4});
  const int y = b.output({1, 4});
  tflite::AddOptionsT options;
  options.fused_activation_function = tflite::ActivationFunctionType::RELU;
  b.op(tflite::BuiltinOperator::ADD, {x, c}, {y}, options);
  return io::serialize_tflite(b.model());
}

// Unpacks a valid model, lets `edit` break it, packs it again.
template <class Edit> std::vector<uint8_t> edited_model(Edit edit) {
  const std::vector<uint8_t> bytes = valid_model();
  std::unique_ptr<tflite::ModelT> model = tflite::UnPackModel(bytes.data());
  edit(*model);
  flatbuffers::FlatBufferBuilder fbb;
  fbb.Finish(tflite::Model::Pack(fbb, model.get()), tflite::ModelIdentifier());
  return {fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize()};
}

std::string error_of(const std::vector<uint8_t>& bytes) {
  try {
    io::parse_tflite(bytes.data(), bytes.size(), "bad.tflite");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

void expect_error(const std::vector<uint8_t>& bytes, const std::string& part) {
  const std::string message = error_of(bytes);
  EXPECT_NE(message.find("bad.tflite: "), std::string::npos) << message;
  EXPECT_NE(message.find(part), std::string::npos) << "message: " << message;
}

TEST(TfliteReader, ReadsValidModel) {
  const std::vector<uint8_t> bytes = valid_model();
  const ir::Model model = io::parse_tflite(bytes.data(), bytes.size(), "ok.tflite");
  ASSERT_EQ(model.subgraphs.size(), 1u);
  EXPECT_EQ(model.subgraphs[0].ops.size(), 1u);
  EXPECT_EQ(model.subgraphs[0].tensors[1].data.size(), 16u);
}

TEST(TfliteReader, TruncatedFilesAreNamedErrors) {
  const std::vector<uint8_t> bytes = valid_model();
  for (size_t size = 0; size < bytes.size(); size += 7) {
    const std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size));
    EXPECT_FALSE(error_of(cut).empty()) << "truncated to " << size << " bytes was accepted";
  }
}

TEST(TfliteReader, RandomBytesAreNamedErrors) {
  testing::Random random(7);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<uint8_t> bytes(64 + random.next() % 2000);
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(random.next());
    if (trial % 2) std::memcpy(bytes.data() + 4, "TFL3", 4);  // get past the identifier check
    EXPECT_FALSE(error_of(bytes).empty());
  }
}

TEST(TfliteReader, FlippedBytesNeverCrash) {
  const std::vector<uint8_t> good = valid_model();
  testing::Random random(11);
  for (int trial = 0; trial < 2000; ++trial) {
    std::vector<uint8_t> bytes = good;
    for (int flips = 0; flips < 3; ++flips)
      bytes[random.next() % bytes.size()] = static_cast<uint8_t>(random.next());
    error_of(bytes);  // either parses or throws lq::Error; a crash fails the test binary
  }
}

TEST(TfliteReader, OutOfRangeTensorIndex) {
  expect_error(edited_model([](tflite::ModelT& m) { m.subgraphs[0]->operators[0]->inputs[1] = 99; }),
               "subgraph 0 op 0 (ADD) input refers to tensor 99");
}

TEST(TfliteReader, OutOfRangeOpcodeIndex) {
  expect_error(edited_model([](tflite::ModelT& m) { m.subgraphs[0]->operators[0]->opcode_index = 5; }),
               "opcode index 5");
}

TEST(TfliteReader, OutOfRangeBufferIndex) {
  expect_error(edited_model([](tflite::ModelT& m) { m.subgraphs[0]->tensors[1]->buffer = 42; }),
               "refers to buffer 42");
}

TEST(TfliteReader, BufferSizeMustMatchShape) {
  expect_error(edited_model([](tflite::ModelT& m) { m.subgraphs[0]->tensors[1]->shape = {1, 5}; }),
               "has 16 bytes of data, expected 20 for shape 1x5 of float32");
}

TEST(TfliteReader, AbsurdShapeIsRejected) {
  expect_error(edited_model([](tflite::ModelT& m) {
                 m.subgraphs[0]->tensors[0]->shape = {1 << 30, 1 << 30, 1 << 30};
               }),
               "too many elements");
  expect_error(edited_model([](tflite::ModelT& m) { m.subgraphs[0]->tensors[0]->shape = {1, -3}; }),
               "negative dimension");
}

TEST(TfliteReader, PerAxisQuantizationMustMatchShape) {
  expect_error(edited_model([](tflite::ModelT& m) {
                 auto q = std::make_unique<tflite::QuantizationParametersT>();
                 q->scale = {1, 2, 3};
                 q->zero_point = {0, 0, 0};
                 q->quantized_dimension = 1;
                 m.subgraphs[0]->tensors[1]->quantization = std::move(q);
               }),
               "has 3 scales, but dimension 1 has size 4");
}

TEST(TfliteReader, SubgraphInputOutOfRange) {
  expect_error(edited_model([](tflite::ModelT& m) { m.subgraphs[0]->inputs = {-1}; }),
               "subgraph 0 inputs refers to tensor -1");
}

TEST(TfliteReader, SparseMetadataMustBeConsistent) {
  expect_error(edited_model([](tflite::ModelT& m) {
                 auto s = std::make_unique<tflite::SparsityParametersT>();
                 s->traversal_order = {0, 0};
                 m.subgraphs[0]->tensors[1]->sparsity = std::move(s);
               }),
               "sparsity has 0 dimension metadata entries, expected 2");
}

TEST(TfliteReader, MissingFileIsNamed) {
  try {
    io::read_tflite("/nonexistent/model.tflite");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/model.tflite: cannot open"), std::string::npos);
  }
}

}  // namespace
}  // namespace lq
