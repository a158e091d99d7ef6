// 16-bit fixed-point logistic and tanh as TFLite's optimized int16 kernels compute them (gemmlowp's
// FixedPoint<int16_t> functions): the input in Q3.12 (3 integer bits, raw x / 2^12), the result in
// Q0.15 (raw y / 2^15). TFLite takes this path, instead of its 256-entry table, when the input
// scale is 2^-12 (LOGISTIC, TANH) or 2^-11 (TANH, input doubled with saturation first); LiteRT.js
// runs it (measured over all 65536 inputs: tests/models/int16_kernels_test.cc).
//
// The arithmetic: exp on [-1/4, 0) by a Taylor polynomial around -1/8, other negative arguments
// by multiplying in exp(-2^k) for each set bit of the whole quarters; 1 / (1 + x) by three
// Newton-Raphson steps from 48/17 - 32/17 d. Products are rounding doubling high multiplies
// (ties away from zero); additions wrap as int16 except where noted.
#pragma once

#include <cstdint>

namespace lq::arith {

// exp(x) for x <= 0 given in Q(integer_bits).(15 - integer_bits), integer_bits in [0, 5];
// Q0.15 result (exp(0) = 32767).
int16_t exp_on_negative_values_q15(int16_t x, int integer_bits);

// logistic(x / 2^12) in Q0.15.
int16_t logistic_q3_12(int16_t x);
// tanh(x / 2^12) in Q0.15.
int16_t tanh_q3_12(int16_t x);

}  // namespace lq::arith
