// Spatial data-movement ops on NCHW tensors, wrapped in transposes to TFLite's NHWC ones: Resize
// and Upsample (RESIZE_NEAREST_NEIGHBOR, RESIZE_BILINEAR), DepthToSpace and SpaceToDepth.
//
// ONNX resizes by a coordinate transformation and a rounding mode; TFLite by two flags
// (align_corners, half_pixel_centers). Which flags (if any) sample exactly what ONNX samples
// depends on the sizes too, so, with shapes static, each candidate is checked directly: the 1-D
// sampling matrix ONNX defines for a dimension is compared with the one the TFLite kernel computes
// on a one-hot probe. The first candidate that matches in both dimensions is emitted, or two
// resizes when the dimensions need different flags. Nearest modes that no flags reproduce become
// GATHERs of the source rows and columns; such linear modes and cubic are unsupported.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <set>

#include "frontend/onnx/ops/layout.h"

namespace lq::frontend {
namespace {

using tflite::BuiltinOperator;

// How ONNX samples: mode "nearest" or "linear", coordinate_transformation_mode, nearest_mode
// ("simple" for Upsample and Resize-10: floor when enlarging, ceil when shrinking).
struct Sampling {
  std::string mode, transform, nearest;
};

// One resized dimension. ONNX's coordinates use `scale` (given, or output / input from the sizes)
// and `length`, input * scale: with a given scale that is not the integer output size.
struct Dim {
  int32_t in = 1, out = 1;
  double scale = 1.0, length = 1.0;
};

using Matrix = std::vector<float>;

template <class OptionsT> tflite::BuiltinOptionsUnion flags(bool align_corners, bool half_pixel) {
  OptionsT options;
  options.align_corners = align_corners;
  options.half_pixel_centers = half_pixel;
  return make_options(options);
}

tflite::BuiltinOptionsUnion resize_options(BuiltinOperator code, bool align_corners,
                                           bool half_pixel) {
  if (code == BuiltinOperator::RESIZE_BILINEAR)
    return flags<tflite::ResizeBilinearOptionsT>(align_corners, half_pixel);
  return flags<tflite::ResizeNearestNeighborOptionsT>(align_corners, half_pixel);
}  // out x in: weight of each input element in each output element

double source_coordinate(const std::string& transform, double x, const Dim& d) {
  if (transform == "half_pixel") return (x + 0.5) / d.scale - 0.5;
  if (transform == "pytorch_half_pixel") return d.length > 1 ? (x + 0.5) / d.scale - 0.5 : 0.0;
  if (transform == "align_corners") return d.length > 1 ? x * (d.in - 1) / (d.length - 1) : 0.0;
  if (transform == "asymmetric") return x / d.scale;
  return (x + 0.5) / d.scale;  // tf_half_pixel_for_nn
}

double nearest_index(const std::string& mode, double x, const Dim& d) {
  if (mode == "round_prefer_floor") return std::ceil(x - 0.5);
  if (mode == "round_prefer_ceil") return std::floor(x + 0.5);
  if (mode == "floor") return std::floor(x);
  if (mode == "ceil") return std::ceil(x);
  return d.scale < 1.0 ? std::ceil(x) : std::floor(x);  // simple
}

int32_t clamp_index(double index, const Dim& d) {
  return static_cast<int32_t>(std::clamp(index, 0.0, static_cast<double>(d.in - 1)));
}

// The input element each output element takes in nearest mode (the edge one outside the input).
std::vector<int32_t> nearest_sources(const Sampling& s, const Dim& d) {
  std::vector<int32_t> sources;
  for (int32_t row = 0; row < d.out; ++row)
    sources.push_back(
        clamp_index(nearest_index(s.nearest, source_coordinate(s.transform, row, d), d), d));
  return sources;
}

// ONNX's sampling: the nearest element, or the two neighbours weighted linearly; coordinates
// outside the input take the edge element.
Matrix onnx_matrix(const Sampling& s, const Dim& d) {
  Matrix m(static_cast<size_t>(d.out) * static_cast<size_t>(d.in), 0.0f);
  auto add = [&](int32_t row, int32_t i, double weight) {
    m[static_cast<size_t>(row) * static_cast<size_t>(d.in) + static_cast<size_t>(i)] +=
        static_cast<float>(weight);
  };
  if (s.mode == "nearest") {
    const std::vector<int32_t> sources = nearest_sources(s, d);
    for (int32_t row = 0; row < d.out; ++row) add(row, sources[static_cast<size_t>(row)], 1.0);
    return m;
  }
  for (int32_t row = 0; row < d.out; ++row) {
    const double x = source_coordinate(s.transform, row, d);
    const double lo = std::floor(x);
    add(row, clamp_index(lo, d), 1.0 - (x - lo));
    add(row, clamp_index(lo + 1, d), x - lo);
  }
  return m;
}

// What the TFLite kernel computes for one dimension: a one-hot probe of `in` channels resized
// from in x 1 to out x 1 (and folded) holds the weights of output row r in its pixel r.
Matrix tflite_matrix(BuiltinOperator code, bool align_corners, bool half_pixel, const Dim& d) {
  ir::Model scratch;
  scratch.subgraphs.emplace_back();
  GraphBuilder b(scratch, 0);
  std::vector<float> one_hot(static_cast<size_t>(d.in) * static_cast<size_t>(d.in), 0.0f);
  for (int32_t i = 0; i < d.in; ++i)
    one_hot[static_cast<size_t>(i) * static_cast<size_t>(d.in + 1)] = 1.0f;
  const int probe = b.add_constant("probe", {1, d.in, 1, d.in}, one_hot);
  const int size = b.add_constant("size", {2}, std::vector<int32_t>{d.out, 1});
  const int y = b.add_op(code, {probe, size}, resize_options(code, align_corners, half_pixel),
                         {ElementType::kFloat32}, "resized")[0];
  const std::vector<uint8_t>& bytes = b.tensor(y).data;
  Matrix m(bytes.size() / sizeof(float));
  std::memcpy(m.data(), bytes.data(), bytes.size());
  return m;
}

bool same(const Matrix& a, const Matrix& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::fabs(a[i] - b[i]) > 1e-5f) return false;
  return true;
}

// Output sizes and scales of the spatial dimensions (height, width; height 1 -> 1 for rank 3)
// from the constant scales or sizes input.
std::array<Dim, 2> resize_dims(NodeContext& ctx, int scales_input, int sizes_input) {
  const Shape in = ctx.input_shape(0);
  const size_t rank = in.size();
  const bool use_scales =
      ctx.has_input(scales_input) && num_elements(ctx.input_shape(scales_input)) > 0;
  std::vector<Dim> dims(rank);
  if (use_scales) {
    const std::vector<float> scales = ctx.constant_floats(scales_input);
    ctx.check(scales.size() == rank, "has ", scales.size(), " scales for rank ", rank);
    for (size_t d = 0; d < rank; ++d) {
      const double length = in[d] * static_cast<double>(scales[d]);
      ctx.check(scales[d] > 0 && length <= (1 << 24), "scale ", scales[d], " is invalid");
      dims[d] = {in[d], static_cast<int32_t>(std::floor(length)), scales[d], length};
    }
  } else {
    ctx.check(sizes_input >= 0 && ctx.has_input(sizes_input), "has neither scales nor sizes");
    const std::vector<int64_t> sizes = ctx.constant_ints(sizes_input);
    ctx.check(sizes.size() == rank, "has ", sizes.size(), " sizes for rank ", rank);
    for (size_t d = 0; d < rank; ++d) {
      ctx.check(sizes[d] > 0 && sizes[d] <= (1 << 24), "size ", sizes[d], " is invalid");
      const double length = static_cast<double>(sizes[d]);
      dims[d] = {in[d], static_cast<int32_t>(sizes[d]), length / in[d], length};
    }
  }
  for (size_t d = 0; d < 2; ++d)
    if (dims[d].out != in[d] || dims[d].scale != 1.0)
      ctx.unsupported("resizing the batch or channel dimension");
  for (size_t d = 2; d < rank; ++d)
    ctx.check(in[d] > 0 && dims[d].out > 0, "cannot resize dimension ", d, " from ", in[d], " to ",
              dims[d].out);
  if (rank == 3) return {Dim{}, dims[2]};
  return {dims[2], dims[3]};
}

struct Flags {
  bool align_corners = false, half_pixel = false;
};
constexpr std::array<Flags, 3> kCandidates = {{{false, false}, {false, true}, {true, false}}};

// The candidates (bit i: kCandidates[i]) that sample dimension d exactly as ONNX does.
unsigned matching_flags(BuiltinOperator code, const Sampling& s, const Dim& d) {
  const Matrix expected = onnx_matrix(s, d);
  unsigned mask = 0;
  for (size_t i = 0; i < kCandidates.size(); ++i)
    if (same(expected,
             tflite_matrix(code, kCandidates[i].align_corners, kCandidates[i].half_pixel, d)))
      mask |= 1u << i;
  return mask;
}

Flags first_flags(unsigned mask) {
  size_t i = 0;
  while (!(mask & (1u << i))) ++i;
  return kCandidates[i];
}

// One TFLite resize of NHWC `x` to out_h x out_w.
int resize_nhwc(NodeContext& ctx, BuiltinOperator code, int x, int32_t out_h, int32_t out_w,
                Flags f, const std::string& suffix) {
  const int size = ctx.int32_vector(suffix + "_size", {out_h, out_w});
  return ctx.op(code, {x, size}, resize_options(code, f.align_corners, f.half_pixel), std::nullopt,
                suffix);
}

// Nearest sampling no TFLite resize reproduces: a GATHER of the source rows, then one of the
// source columns, of NHWC `y` (dimensions that keep their elements are skipped).
int gather_nearest(NodeContext& ctx, int y, const Sampling& s, const std::array<Dim, 2>& dims) {
  for (int k = 0; k < 2; ++k) {
    const Dim& d = dims[static_cast<size_t>(k)];
    const std::vector<int32_t> sources = nearest_sources(s, d);
    bool identity = d.out == d.in;
    for (int32_t i = 0; identity && i < d.out; ++i) identity = sources[static_cast<size_t>(i)] == i;
    if (identity) continue;
    y = ctx.gather(y, 1 + k, sources, k == 0 ? "gather_rows" : "gather_columns");
  }
  return y;
}

// One resize when one pair of flags fits both dimensions; otherwise, resizing being separable, the
// height with its flags and then the width with its own (a dimension kept at its size is copied
// by every candidate).
void emit_resize(NodeContext& ctx, const Sampling& s, const std::array<Dim, 2>& dims) {
  const BuiltinOperator code = s.mode == "nearest" ? BuiltinOperator::RESIZE_NEAREST_NEIGHBOR
                                                   : BuiltinOperator::RESIZE_BILINEAR;
  for (const Dim& d : dims)
    if (static_cast<int64_t>(d.in) * std::max(d.in, d.out) > (int64_t{1} << 24))
      ctx.unsupported("resizing ", d.in, " to ", d.out,
                      " (too large to check against TFLite's sampling)");
  const unsigned h = matching_flags(code, s, dims[0]), w = matching_flags(code, s, dims[1]);
  if ((!h || !w) && s.mode != "nearest")
    ctx.unsupported("mode '", s.mode, "' with coordinate_transformation_mode '", s.transform,
                    "' resizing the ", h ? "width " : "height ", h ? dims[1].in : dims[0].in,
                    " to ", h ? dims[1].out : dims[0].out,
                    " (no TFLite resize samples the same elements)");
  int y = spatial_input_nhwc(ctx, ctx.input(0));
  if (!h || !w) {
    y = gather_nearest(ctx, y, s, dims);
  } else if (h & w) {
    y = resize_nhwc(ctx, code, y, dims[0].out, dims[1].out, first_flags(h & w), "resize");
  } else {
    y = resize_nhwc(ctx, code, y, dims[0].out, dims[1].in, first_flags(h), "resize_height");
    y = resize_nhwc(ctx, code, y, dims[0].out, dims[1].out, first_flags(w), "resize_width");
  }
  ctx.set_output(0, spatial_output(ctx, y, ctx.input_rank(0)));
}

void check_resizable(NodeContext& ctx, const std::string& mode) {
  if (ctx.input_rank(0) != 3 && ctx.input_rank(0) != 4)
    ctx.unsupported("rank-", ctx.input_rank(0), " input (only 1-D and 2-D spatial resizing)");
  if (mode == "cubic") ctx.unsupported("mode 'cubic' (TFLite has no bicubic resize)");
  ctx.check(mode == "nearest" || mode == "linear", "mode '", mode, "' is not an ONNX resize mode");
}

// Upsample (opset 9): scales input, asymmetric coordinates.
void translate_upsample(NodeContext& ctx) {
  const Sampling s{ctx.attr_string("mode", "nearest"), "asymmetric", "simple"};
  check_resizable(ctx, s.mode);
  emit_resize(ctx, s, resize_dims(ctx, 1, -1));
}

// Resize-10 is Upsample (the same inputs and sampling); from opset 11 the attributes say how.
void translate_resize(NodeContext& ctx) {
  if (ctx.opset() < 11) {
    translate_upsample(ctx);
    return;
  }
  const Sampling s{ctx.attr_string("mode", "nearest"),
                   ctx.attr_string("coordinate_transformation_mode", "half_pixel"),
                   ctx.attr_string("nearest_mode", "round_prefer_floor")};
  check_resizable(ctx, s.mode);
  if (s.transform == "tf_crop_and_resize")
    ctx.unsupported("coordinate_transformation_mode 'tf_crop_and_resize'");
  const std::set<std::string> transforms = {"half_pixel", "pytorch_half_pixel", "align_corners",
                                            "asymmetric", "tf_half_pixel_for_nn"};
  ctx.check(transforms.count(s.transform) > 0, "coordinate_transformation_mode '", s.transform,
            "' is not an ONNX mode");
  const std::set<std::string> roundings = {"round_prefer_floor", "round_prefer_ceil", "floor",
                                           "ceil"};
  ctx.check(roundings.count(s.nearest) > 0, "nearest_mode '", s.nearest, "' is not an ONNX mode");
  emit_resize(ctx, s, resize_dims(ctx, 2, 3));
}

// The blocksize of DepthToSpace and SpaceToDepth, whose input must be NCHW.
int32_t block_size(NodeContext& ctx) {
  ctx.check(ctx.input_rank(0) == 4, "input must have rank 4, got ", shape_string(ctx.input_shape(0)));
  const int64_t bs = ctx.attr_int("blocksize", 0);
  ctx.check(bs > 0 && bs <= (1 << 12), "blocksize ", bs, " is out of range");
  return static_cast<int32_t>(bs);
}

// DepthToSpace: DCR is TFLite's DEPTH_TO_SPACE in NHWC; CRD first gathers the channels into DCR
// order (DCR channel (by * bs + bx) * C + c is CRD channel c * bs * bs + by * bs + bx).
void translate_depth_to_space(NodeContext& ctx) {
  const int32_t bs = block_size(ctx);
  const Shape in = ctx.input_shape(0);
  ctx.check(in[1] % (bs * bs) == 0, "blocksize ", bs, " does not divide the ", in[1],
            " channels into blocksize^2 groups");
  const std::string mode = ctx.attr_string("mode", "DCR");
  ctx.check(mode == "DCR" || mode == "CRD", "mode '", mode, "' is not DCR or CRD");
  int x = spatial_input_nhwc(ctx, ctx.input(0));
  if (mode == "CRD") {  // gathered in NHWC, so that the transposes around it can cancel
    const int32_t area = bs * bs, channels = in[1] / area;
    std::vector<int32_t> order;
    for (int32_t block = 0; block < area; ++block)
      for (int32_t c = 0; c < channels; ++c) order.push_back(c * area + block);
    x = ctx.gather(x, 3, order, "to_dcr");
  }
  tflite::DepthToSpaceOptionsT options;
  options.block_size = bs;
  const int y = ctx.op(BuiltinOperator::DEPTH_TO_SPACE, {x}, make_options(options));
  ctx.set_output(0, spatial_output(ctx, y, 4));
}

void translate_space_to_depth(NodeContext& ctx) {
  const int32_t bs = block_size(ctx);
  const Shape in = ctx.input_shape(0);
  ctx.check(in[2] % bs == 0 && in[3] % bs == 0, "blocksize ", bs,
            " does not divide the height and width of ", shape_string(in));
  tflite::SpaceToDepthOptionsT options;
  options.block_size = bs;
  const int y = ctx.op(BuiltinOperator::SPACE_TO_DEPTH, {spatial_input_nhwc(ctx, ctx.input(0))},
                       make_options(options));
  ctx.set_output(0, spatial_output(ctx, y, 4));
}

LQ_REGISTER_ONNX_OP("Resize", translate_resize);
LQ_REGISTER_ONNX_OP("Upsample", translate_upsample);
LQ_REGISTER_ONNX_OP("DepthToSpace", translate_depth_to_space);
LQ_REGISTER_ONNX_OP("SpaceToDepth", translate_space_to_depth);

}  // namespace
}  // namespace lq::frontend
