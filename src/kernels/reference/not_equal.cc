// NOT_EQUAL: out = a != b, a bool output, with broadcasting;
// float32, int8, uint8, int32, int64 or bool inputs, as TFLite.
#include "kernels/reference/binary.h"

#include <functional>

#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) { eval_comparison(ctx, std::not_equal_to<>{}); }

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(NOT_EQUAL, kEqualityTypes, prepare_comparison, eval);

}  // namespace lq::ref
