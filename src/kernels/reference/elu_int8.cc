// ELU, int8: out = x < 0 ? e^x - 1 : x, a table over the 256 inputs evaluated in float32 (expm1)
// and quantized to the output's parameters (make_int8_float_lut, lut_int8.h): under kRuntime with
// XNNPACK's rounding (half to even of y / so), which LiteRT.js runs, under kTfliteReference with
// TFLite's PopulateLookupTable (half away from zero of y * (1 / so)). LiteRT.js's figures:
// tests/models/int8_more_kernels_test.cc.
#include "kernels/reference/lut_int8.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  const Int8UnaryQuant q = prepare_int8_unary(ctx);
  const FloatLutRounding rounding = ctx.arithmetic() == arith::Arithmetic::kRuntime
                                        ? FloatLutRounding::kXnnpack
                                        : FloatLutRounding::kTflite;
  make_int8_float_lut(ctx, q, rounding, [](float x) { return x < 0.0f ? std::expm1(x) : x; });
}

}  // namespace

LQ_REGISTER_KERNEL(ELU, kInt8, kReference, prepare, eval_int8_lut);

}  // namespace lq::ref
