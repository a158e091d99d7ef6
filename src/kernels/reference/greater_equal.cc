// GREATER_EQUAL: out = a >= b, a bool output, with broadcasting;
// float32, int8, uint8, int32 or int64 inputs, as TFLite.
#include "kernels/reference/binary.h"

#include <functional>

#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) { eval_comparison(ctx, std::greater_equal<>{}); }

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(GREATER_EQUAL, kComparisonTypes, prepare_comparison, eval);

}  // namespace lq::ref
