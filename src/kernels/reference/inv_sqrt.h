// TFLite's GetInvSqrtQuantizedMultiplierExp (with reverse_shift -1): 1 / sqrt(v) of a positive
// int32 as a Q31 multiplier and a left shift (QuantizedMultiplier's convention), by Newton-Raphson
// in Q3.28. Shared by the int8 L2_NORMALIZATION and RSQRT kernels.
#pragma once

#include <cstdint>

#include "arith/requantize.h"

namespace lq::ref {

// v <= 1 gives {INT32_MAX, 0}, as TFLite.
arith::QuantizedMultiplier inverse_sqrt_multiplier(int32_t v);

}  // namespace lq::ref
