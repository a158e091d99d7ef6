#include "kernels/reference/space_batch.h"

#include <cstring>

#include "kernels/reference/spatial.h"

namespace lq::ref {

namespace {

struct SpaceBatchState {
  int64_t batch = 0;                   // B: the space tensor's batch
  int64_t space_h = 0, space_w = 0;    // the space tensor's height and width, unpadded / cropped
  int64_t before_h = 0, before_w = 0;  // leading padding (SPACE_TO_BATCH_ND) or crop
  int64_t block_h = 1, block_w = 1;
  int64_t out_h = 0, out_w = 0;  // the batch tensor's height and width
  int64_t depth = 0;
};

// The block and the (before, after) amounts of inputs 1 and 2, as [h, w] (w: 1 and (0, 0) for
// rank-3 data).
struct BlockGeometry {
  int64_t block[2] = {1, 1};
  int64_t before[2] = {0, 0}, after[2] = {0, 0};
};

BlockGeometry read_geometry(OpContext& ctx, ElementType type, const char* amounts) {
  check_io_count(ctx, 3, 3, 1);
  const TensorBuffer& in = ctx.input(0);
  check_type(ctx, in, type);
  check_type(ctx, ctx.output(0), type);
  ctx.check(in.rank() == 3 || in.rank() == 4, "input '", in.name(), "' has shape ",
            shape_string(in.shape), ", expected rank 3 or 4");
  const int m = in.rank() - 2;
  const TensorBuffer& block = ctx.input(1);
  const TensorBuffer& pads = ctx.input(2);
  ctx.check(block.shape == Shape{m}, "block_shape '", block.name(), "' has shape ",
            shape_string(block.shape), ", expected [", m, "]");
  ctx.check(pads.shape == Shape{m, 2}, amounts, " '", pads.name(), "' has shape ",
            shape_string(pads.shape), ", expected [", m, ", 2]");
  const std::vector<int64_t> b = read_int_tensor(ctx, 1), p = read_int_tensor(ctx, 2);
  BlockGeometry g;
  for (size_t d = 0; d < static_cast<size_t>(m); ++d) {
    check_positive(ctx, b[d], "block_shape");
    ctx.check(b[d] <= 4096, "block_shape value ", b[d], " is too large");
    ctx.check(
        p[2 * d] >= 0 && p[2 * d + 1] >= 0 && p[2 * d] <= (1 << 30) && p[2 * d + 1] <= (1 << 30),
        amounts, " of dimension ", d + 1, " are (", p[2 * d], ", ", p[2 * d + 1],
        "), expected non-negative values");
    g.block[d] = b[d];
    g.before[d] = p[2 * d];
    g.after[d] = p[2 * d + 1];
  }
  return g;
}

int64_t width_of(const TensorBuffer& t) { return t.rank() == 4 ? t.dim(2) : 1; }

// The output shape: like the input's, with batch, height and (rank 4) width replaced.
void set_shape(OpContext& ctx, int64_t batch, int64_t h, int64_t w) {
  const TensorBuffer& in = ctx.input(0);
  for (int64_t v : {batch, h, w})
    ctx.check(v <= std::numeric_limits<int32_t>::max(), "output dimension ", v, " is too large");
  Shape out = in.shape;
  out[0] = static_cast<int32_t>(batch);
  out[1] = static_cast<int32_t>(h);
  if (in.rank() == 4) out[2] = static_cast<int32_t>(w);
  ctx.set_output_shape(0, out);
}

// Calls fn(batch_offset, space_offset) for every batch-tensor pixel, space_offset -1 for padding
// (offsets in pixels: multiply by the depth).
template <class Fn> void for_each_pixel(const SpaceBatchState& s, Fn&& fn) {
  int64_t n = 0;
  for (int64_t sy = 0; sy < s.block_h; ++sy)
    for (int64_t sx = 0; sx < s.block_w; ++sx)
      for (int64_t b = 0; b < s.batch; ++b)
        for (int64_t y = 0; y < s.out_h; ++y)
          for (int64_t x = 0; x < s.out_w; ++x, ++n) {
            const int64_t iy = y * s.block_h + sy - s.before_h;
            const int64_t ix = x * s.block_w + sx - s.before_w;
            const bool inside = iy >= 0 && iy < s.space_h && ix >= 0 && ix < s.space_w;
            fn(n, inside ? (b * s.space_h + iy) * s.space_w + ix : -1);
          }
}

}  // namespace

void prepare_space_to_batch(OpContext& ctx, ElementType type) {
  const BlockGeometry g = read_geometry(ctx, type, "paddings");
  const TensorBuffer& in = ctx.input(0);
  SpaceBatchState& s = ctx.make_state<SpaceBatchState>();
  s.batch = in.dim(0);
  s.space_h = in.dim(1);
  s.space_w = width_of(in);
  s.depth = in.dim(in.rank() - 1);
  s.block_h = g.block[0];
  s.block_w = g.block[1];
  s.before_h = g.before[0];
  s.before_w = g.before[1];
  const int64_t padded_h = s.space_h + g.before[0] + g.after[0];
  const int64_t padded_w = s.space_w + g.before[1] + g.after[1];
  ctx.check(padded_h % s.block_h == 0 && padded_w % s.block_w == 0, "padded input '", in.name(),
            "' (", padded_h, "x", padded_w, ") is not a multiple of the block (", s.block_h, "x",
            s.block_w, ")");
  s.out_h = padded_h / s.block_h;
  s.out_w = padded_w / s.block_w;
  set_shape(ctx, s.batch * s.block_h * s.block_w, s.out_h, s.out_w);
}

void prepare_batch_to_space(OpContext& ctx, ElementType type) {
  const BlockGeometry g = read_geometry(ctx, type, "crops");
  const TensorBuffer& in = ctx.input(0);
  SpaceBatchState& s = ctx.make_state<SpaceBatchState>();
  s.block_h = g.block[0];
  s.block_w = g.block[1];
  ctx.check(in.dim(0) % (s.block_h * s.block_w) == 0, "input '", in.name(), "' has batch ",
            in.dim(0), ", expected a multiple of the block size ", s.block_h * s.block_w);
  s.batch = in.dim(0) / (s.block_h * s.block_w);
  s.out_h = in.dim(1);
  s.out_w = width_of(in);
  s.depth = in.dim(in.rank() - 1);
  s.before_h = g.before[0];
  s.before_w = g.before[1];
  s.space_h = s.out_h * s.block_h - g.before[0] - g.after[0];
  s.space_w = s.out_w * s.block_w - g.before[1] - g.after[1];
  ctx.check(s.space_h >= 0 && s.space_w >= 0, "crops of input '", in.name(),
            "' are larger than its uncropped size (", s.out_h * s.block_h, "x", s.out_w * s.block_w,
            ")");
  set_shape(ctx, s.batch, s.space_h, s.space_w);
}

void eval_space_to_batch(OpContext& ctx, const void* pad_value, size_t element_size) {
  const SpaceBatchState& s = ctx.state<SpaceBatchState>();
  const uint8_t* in = ctx.input(0).data;
  uint8_t* out = ctx.output(0).data;
  const size_t pixel = static_cast<size_t>(s.depth) * element_size;
  for_each_pixel(s, [&](int64_t n, int64_t space) {
    uint8_t* dst = out + static_cast<size_t>(n) * pixel;
    if (space >= 0) {
      std::memcpy(dst, in + static_cast<size_t>(space) * pixel, pixel);
    } else {
      for (int64_t c = 0; c < s.depth; ++c)
        std::memcpy(dst + static_cast<size_t>(c) * element_size, pad_value, element_size);
    }
  });
}

void eval_batch_to_space(OpContext& ctx, size_t element_size) {
  const SpaceBatchState& s = ctx.state<SpaceBatchState>();
  const uint8_t* in = ctx.input(0).data;
  uint8_t* out = ctx.output(0).data;
  const size_t pixel = static_cast<size_t>(s.depth) * element_size;
  for_each_pixel(s, [&](int64_t n, int64_t space) {
    if (space >= 0)
      std::memcpy(out + static_cast<size_t>(space) * pixel, in + static_cast<size_t>(n) * pixel,
                  pixel);
  });
}

}  // namespace lq::ref
