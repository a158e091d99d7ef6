// IEEE 754 binary16 ("half") <-> binary32 conversion, bit exact: subnormals, signed zeros,
// infinities and NaNs are kept; float -> half rounds to nearest, ties to even, as the hardware
// converters (F16C, ARM FCVT) and TFLite's fp16 path do.
#pragma once

#include <cstdint>

namespace lq {

// Every half value is exactly representable as a float, so this conversion is exact.
float half_to_float(uint16_t bits);

// Rounds to the nearest half, ties to even; values of magnitude >= 65520 become infinity, NaNs
// stay NaN (quiet, with the top bits of their payload).
uint16_t float_to_half(float value);

}  // namespace lq
