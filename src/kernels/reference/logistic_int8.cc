// LOGISTIC, int8 (output fixed at scale 1/256, zero point -128): a 256-entry table of
// 1 / (1 + expf(-x)) on the dequantized input, computed in float32.
// Measured on LiteRT.js 2.5.3 (every int8 input under 10 input quantizations, 2 of them built so
// that sigmoid(x) * 256 is an exact tie in float32): XNNPACK's table, ties rounded half to even,
// under kRuntime. kTfliteReference: TFLite's table (PopulateLookupTable, which its reference and
// optimized int8 kernels both use), ties rounded half away from zero. expf is the C library's:
// glibc's and LiteRT.js's (musl, WebAssembly) gave the same tables on every case measured.
#include "kernels/reference/lut_int8.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  const Int8UnaryQuant q = prepare_int8_unary(ctx);
  check_fixed_int8_output(ctx, q.output, 1.0f / 256.0f, -128);
  const FloatLutRounding rounding = ctx.arithmetic() == arith::Arithmetic::kRuntime
                                        ? FloatLutRounding::kXnnpack
                                        : FloatLutRounding::kTflite;
  make_int8_float_lut(ctx, q, rounding, [](float x) { return 1.0f / (1.0f + std::exp(-x)); });
}

}  // namespace

LQ_REGISTER_KERNEL(LOGISTIC, kInt8, kReference, prepare, eval_int8_lut);

}  // namespace lq::ref
