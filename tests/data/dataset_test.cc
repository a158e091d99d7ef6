#include "data/dataset.h"

#include <gtest/gtest.h>
#include <png.h>

#include <filesystem>
#include <functional>
#include <limits>

#include "core/error.h"
#include "data/subset.h"
#include "data/zip_builder.h"
#include "io/file.h"
#include "testing/idx_files.h"

namespace lq::data {
namespace {

namespace fs = std::filesystem;
using testing::idx_bytes;
using testing::write_gz;

std::string work_path(const std::string& name) {
  return std::string(LQ_TEST_WORK_DIR) + "/dataset_" + name;
}

// n samples of `sample` shape; element j of sample i holds i * 1000 + j.
io::Array counting(ElementType type, int32_t n, const Shape& sample) {
  Shape shape{n};
  shape.insert(shape.end(), sample.begin(), sample.end());
  io::Array a{type, shape,
              std::vector<uint8_t>(static_cast<size_t>(num_elements(shape)) * element_size(type))};
  const int64_t per = num_elements(sample);
  for (int64_t i = 0; i < a.elements(); ++i) {
    const float v = static_cast<float>((i / per) * 1000 + i % per);
    if (type == ElementType::kFloat32)
      a.as<float>()[i] = v;
    else if (type == ElementType::kInt32)
      a.as<int32_t>()[i] = static_cast<int32_t>(v);
    else
      a.as<uint8_t>()[i] = static_cast<uint8_t>(i);
  }
  return a;
}

std::string save_npy(const std::string& name, const io::Array& a) {
  const std::string path = work_path(name);
  io::write_npy(path, a);
  return path;
}

std::vector<float> floats(const io::Array& a) {
  return {a.as<float>(), a.as<float>() + a.elements()};
}

const InputSpec kFloat4{"x", ElementType::kFloat32, {1, 4}};

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

#define EXPECT_ERROR(statement, fragment)                                           \
  do {                                                                              \
    const std::string e_ = error_of([&] { statement; });                            \
    EXPECT_NE(e_.find(fragment), std::string::npos) << "error was: '" << e_ << "'"; \
  } while (0)

TEST(Dataset, NpyAllSamplesInOrderReshapedToTheInput) {
  const std::string path = save_npy("a.npy", counting(ElementType::kFloat32, 5, {2, 2}));
  Dataset d(path, {kFloat4}, {});
  ASSERT_EQ(d.size(), 5);
  EXPECT_EQ(d.source_size(), 5);
  for (int64_t i = 0; i < 5; ++i) {
    const std::vector<io::Array> s = d.sample(i);
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].shape, (Shape{1, 4}));
    const float b = static_cast<float>(i * 1000);
    EXPECT_EQ(floats(s[0]), (std::vector<float>{b, b + 1, b + 2, b + 3}));
  }
  EXPECT_FALSE(d.has_labels());
}

TEST(Dataset, SeededSubsetAndLabelsAligned) {
  const std::string path = save_npy("b.npy", counting(ElementType::kFloat32, 50, {4}));
  io::Array labels{ElementType::kInt64, {50}, std::vector<uint8_t>(50 * 8)};
  for (int64_t i = 0; i < 50; ++i) labels.as<int64_t>()[i] = i % 10;
  const std::string label_path = save_npy("b_labels.npy", labels);
  Preprocess pre;
  pre.samples = 7;
  pre.seed = 42;
  Dataset d(path, {kFloat4}, pre);
  d.attach_labels(label_path);
  ASSERT_EQ(d.size(), 7);
  const std::vector<int64_t> chosen = choose_subset(50, 7, 42);
  for (int64_t i = 0; i < 7; ++i) {
    const int64_t at = chosen[static_cast<size_t>(i)];
    EXPECT_EQ(d.file_index(i), at);
    EXPECT_EQ(d.sample(i)[0].as<float>()[0], static_cast<float>(at * 1000));
    EXPECT_EQ(d.label(i), at % 10);
  }
}

TEST(Dataset, NpyIsReadPerSampleByOffset) {
  // 2000 samples of 784 floats, 6.3 MB: reading 3 samples must not read the file.
  const std::string path = save_npy("big.npy", counting(ElementType::kFloat32, 2000, {784}));
  Dataset d(path, {{"x", ElementType::kFloat32, {1, 28, 28, 1}}}, {});
  const uint64_t after_open = d.bytes_read();
  EXPECT_LE(after_open, 65535u + 12);  // the header prefix
  for (int64_t i : {1999, 3, 1000})
    EXPECT_EQ(d.sample(i)[0].as<float>()[0], static_cast<float>(i * 1000));
  EXPECT_EQ(d.bytes_read() - after_open, 3u * 784 * 4);
}

TEST(Dataset, NpzByInputNameOrArrOrder) {
  const io::Array a = counting(ElementType::kFloat32, 3, {4}),
                  b = counting(ElementType::kInt32, 3, {2});
  const std::vector<InputSpec> inputs = {kFloat4, {"ids", ElementType::kInt32, {2}}};
  for (bool deflate : {false, true}) {
    for (bool named : {false, true}) {
      const std::string path = work_path(cat(deflate, named, ".npz"));
      // Named arrays are stored in the opposite order to show the names decide.
      io::write_file_atomic(
          path,
          testing::make_zip(
              named ? std::vector<testing::ZipEntry>{{"ids.npy", io::encode_npy(b), deflate},
                                                     {"x.npy", io::encode_npy(a), deflate}}
                    : std::vector<testing::ZipEntry>{{"arr_0.npy", io::encode_npy(a), deflate},
                                                     {"arr_1.npy", io::encode_npy(b), deflate}}));
      Dataset d(path, inputs, {});
      ASSERT_EQ(d.size(), 3);
      for (int64_t i :
           {2, 0, 1}) {  // out of order: a deflated member inflates again from its start
        const std::vector<io::Array> s = d.sample(i);
        ASSERT_EQ(s.size(), 2u);
        EXPECT_EQ(s[0].as<float>()[3], static_cast<float>(i * 1000 + 3));
        EXPECT_EQ(s[1].type, ElementType::kInt32);
        EXPECT_EQ(s[1].as<int32_t>()[1], i * 1000 + 1);
      }
    }
  }
}

TEST(Dataset, NpzErrors) {
  const std::string path = work_path("missing.npz");
  io::write_file_atomic(
      path, testing::make_zip(
                {{"other.npy", io::encode_npy(counting(ElementType::kFloat32, 3, {4})), false}}));
  EXPECT_ERROR(
      Dataset(path, {kFloat4}, {}),
      "missing.npz: has no array named 'x' or 'arr_0' for model input 0 (it holds: other)");
  io::write_file_atomic(
      path, testing::make_zip(
                {{"arr_0.npy", io::encode_npy(counting(ElementType::kFloat32, 3, {4})), false},
                 {"arr_1.npy", io::encode_npy(counting(ElementType::kFloat32, 4, {4})), false}}));
  EXPECT_ERROR(Dataset(path, {kFloat4, kFloat4}, {}), "array arr_1 has 4 samples");
  io::write_file_atomic(path, std::vector<uint8_t>(64, 0));
  EXPECT_ERROR(Dataset(path, {kFloat4}, {}), "missing.npz: not a zip file");
}

TEST(Dataset, IdxPlainAndGzipWithIdxLabels) {
  std::vector<uint8_t> pixels(6 * 2 * 2);
  for (size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<uint8_t>(i * 10);
  const std::vector<uint8_t> images = idx_bytes(0x08, {6, 2, 2}, pixels);
  const std::vector<uint8_t> labels = idx_bytes(0x08, {6}, {9, 8, 7, 6, 5, 4});
  const std::string plain = work_path("img.idx"), gz = work_path("img.idx.gz"),
                    lab = work_path("lab.idx.gz");
  io::write_file_atomic(plain, images);
  write_gz(gz, images);
  write_gz(lab, labels);
  Preprocess pre;
  pre.scale = 0.1f;
  pre.samples = 3;
  pre.seed = 5;
  for (const std::string& path : {plain, gz}) {
    Dataset d(path, {{"x", ElementType::kFloat32, {1, 2, 2, 1}}}, pre);
    d.attach_labels(lab);
    ASSERT_EQ(d.size(), 3);
    for (int64_t i = 0; i < 3; ++i) {
      const int64_t at = d.file_index(i);
      const std::vector<io::Array> s = d.sample(i);
      EXPECT_EQ(s[0].shape, (Shape{1, 2, 2, 1}));
      EXPECT_FLOAT_EQ(s[0].as<float>()[1], static_cast<float>(at * 4 + 1));  // raw * 10 * 0.1
      EXPECT_EQ(d.label(i), 9 - at);
    }
  }
}

TEST(Dataset, IdxBigEndianInt32) {
  const std::string path = work_path("int.idx");
  io::write_file_atomic(path, idx_bytes(0x0C, {2, 1}, {0, 0, 1, 2, 0xFF, 0xFF, 0xFF, 0xFE}));
  Dataset d(path, {{"x", ElementType::kInt32, {1}}}, {});
  EXPECT_EQ(d.sample(0)[0].as<int32_t>()[0], 258);
  EXPECT_EQ(d.sample(1)[0].as<int32_t>()[0], -2);
}

TEST(Dataset, IdxErrors) {
  const std::string path = work_path("bad.idx"), gz = work_path("bad.idx.gz");
  io::write_file_atomic(path, std::vector<uint8_t>{'h', 'e', 'l', 'l', 'o', '!'});
  EXPECT_ERROR(Dataset(path, {kFloat4}, {}), "bad.idx: not an IDX file");
  write_gz(gz, {'h', 'e', 'l', 'l', 'o', '!'});
  EXPECT_ERROR(Dataset(gz, {kFloat4}, {}), "bad.idx.gz: not an IDX file");
  io::write_file_atomic(path, std::vector<uint8_t>{0, 0});
  EXPECT_ERROR(Dataset(path, {kFloat4}, {}), "bad.idx: not an IDX file");
  io::write_file_atomic(path, idx_bytes(0x08, {3, 4}, {1, 2, 3}));  // truncated data
  EXPECT_ERROR(Dataset(path, {kFloat4}, {}), "bad.idx: holds 3 data bytes, its header declares 12");
  write_gz(gz, idx_bytes(0x08, {3, 4}, {1, 2, 3}));
  Dataset d(gz, {kFloat4}, {});  // gzip's length is known only while reading
  EXPECT_ERROR(d.sample(2), "bad.idx.gz: ends early");
}

TEST(Dataset, LabelErrors) {
  const std::string path = save_npy("c.npy", counting(ElementType::kFloat32, 4, {4}));
  Dataset d(path, {kFloat4}, {});
  EXPECT_ERROR(d.label(0), "c.npy: has no labels");
  EXPECT_ERROR(
      d.attach_labels(save_npy("c_float_labels.npy", counting(ElementType::kFloat32, 4, {}))),
      "labels must be integers, not float32");
  EXPECT_ERROR(d.attach_labels(save_npy("c_few_labels.npy", counting(ElementType::kInt32, 3, {}))),
               "holds 3 labels for 4 samples");
  EXPECT_ERROR(
      d.attach_labels(save_npy("c_wide_labels.npy", counting(ElementType::kInt32, 4, {2}))),
      "labels must have shape N or Nx1");
}

TEST(Dataset, SourceErrors) {
  EXPECT_ERROR(Dataset(work_path("nothing.npy"), {kFloat4}, {}),
               "nothing.npy: no such file or folder");
  const std::string path = save_npy("d.npy", counting(ElementType::kFloat32, 4, {3}));
  EXPECT_ERROR(Dataset(path, {kFloat4, kFloat4}, {}),
               "d.npy: feeds one model input, but the model has 2");
  Dataset d(path, {kFloat4}, {});
  EXPECT_ERROR(d.sample(1),
               "d.npy: sample 1 has shape 3 (3 elements) but model input 'x' has shape 1x4");
  EXPECT_ERROR(d.sample(4), "sample 4 out of range");
  io::Array scalar{ElementType::kFloat32, {}, std::vector<uint8_t>(4)};
  EXPECT_ERROR(Dataset(save_npy("scalar.npy", scalar), {kFloat4}, {}),
               "scalar.npy: holds a scalar");
  io::Array nan = counting(ElementType::kFloat32, 3, {4});
  nan.as<float>()[9] = std::numeric_limits<float>::quiet_NaN();
  Dataset n(save_npy("nan.npy", nan), {kFloat4}, {});
  EXPECT_ERROR(n.sample(2), "nan.npy: sample 2 holds NaN or Inf (element 1)");
}

void write_png(const std::string& path, int width, int height, int format,
               const std::vector<uint8_t>& pixels) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  png.width = static_cast<png_uint_32>(width);
  png.height = static_cast<png_uint_32>(height);
  png.format = static_cast<png_uint_32>(format);
  ASSERT_TRUE(png_image_write_to_file(&png, path.c_str(), 0, pixels.data(), 0, nullptr));
}

TEST(Dataset, ImageFolderWithClassSubfolders) {
  const fs::path root = work_path("images");
  fs::remove_all(root);
  fs::create_directories(root / "cat");
  fs::create_directories(root / "ant");
  // 2x2 gray images, each one value; file names sort as b before c.
  write_png(root / "cat" / "c.png", 2, 2, PNG_FORMAT_GRAY, std::vector<uint8_t>(4, 30));
  write_png(root / "cat" / "b.PNG", 2, 2, PNG_FORMAT_GRAY, std::vector<uint8_t>(4, 20));
  write_png(root / "ant" / "z.png", 2, 2, PNG_FORMAT_GRAY, std::vector<uint8_t>(4, 10));
  io::write_file_atomic(root / "ant" / "notes.txt", std::vector<uint8_t>{'x'});
  Preprocess pre;
  pre.scale = 0.1f;
  Dataset d(root, {{"x", ElementType::kFloat32, {1, 2, 2, 3}}}, pre);  // gray becomes RGB
  ASSERT_EQ(d.size(), 3);
  EXPECT_EQ(d.class_names(), (std::vector<std::string>{"ant", "cat"}));
  ASSERT_TRUE(d.has_labels());
  const float want[] = {1, 2, 3};
  const int64_t label[] = {0, 1, 1};
  for (int64_t i = 0; i < 3; ++i) {
    const io::Array s = d.sample(i)[0];
    EXPECT_EQ(s.shape, (Shape{1, 2, 2, 3}));
    EXPECT_EQ(floats(s), std::vector<float>(12, want[i]));
    EXPECT_EQ(d.label(i), label[i]);
  }
}

TEST(Dataset, ImageFolderResizesToTheInputOrToSize) {
  const fs::path root = work_path("flat");
  fs::remove_all(root);
  fs::create_directories(root);
  write_png(root / "a.png", 4, 2, PNG_FORMAT_RGB, std::vector<uint8_t>(24, 100));
  Dataset d(root, {{"x", ElementType::kFloat32, {1, 3, 5, 1}}}, {});
  EXPECT_EQ(d.sample(0)[0].shape, (Shape{1, 3, 5, 1}));
  EXPECT_FALSE(d.has_labels());
  Preprocess pre;
  pre.height = 2;
  pre.width = 2;
  Dataset flat(root, {{"x", ElementType::kFloat32, {1, 4}}}, pre);  // a flat input needs --size
  EXPECT_EQ(flat.sample(0)[0].shape, (Shape{1, 4}));
  EXPECT_ERROR(Dataset(root, {{"x", ElementType::kFloat32, {1, 4}}}, {}).sample(0),
               "give the image size");
  pre.layout = Layout::kNchw;
  EXPECT_ERROR(Dataset(root, {kFloat4}, pre), "images decode to NHWC");
}

TEST(Dataset, EmptyImageFolder) {
  const fs::path root = work_path("empty");
  fs::remove_all(root);
  fs::create_directories(root);
  io::write_file_atomic(root / "readme.txt", std::vector<uint8_t>{'x'});
  EXPECT_ERROR(Dataset(root, {kFloat4}, {}), "empty: no PNG or JPEG images");
  fs::create_directories(root / "class_a");
  EXPECT_ERROR(Dataset(root, {kFloat4}, {}),
               "no PNG or JPEG images (looked in the folder's sub-folders)");
}

}  // namespace
}  // namespace lq::data
