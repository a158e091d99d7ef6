// The metrics of `litequant eval`, as accumulators that take one sample at a time (memory does not
// grow with the number of samples).
//
// Classification: the arg-max is the first index of the largest value (as numpy's argmax). A label
// is in the top k when fewer than k scores rank before it: a score ranks before the label's when it
// is larger, or equal and at a lower index (the tie-break of the arg-max).
//
// Comparison with a reference (float values; integer outputs are dequantized by the caller), summed
// over every element of every sample, in double:
//   SQNR (dB)   10 log10(sum ref^2 / sum (ref - x)^2); +inf when x equals ref everywhere, -inf when
//               ref is all zeros and x is not.
//   cosine      sum ref x / sqrt(sum ref^2 x sum x^2); 1 when both are all zeros, 0 when one is.
//   max |error| the largest |ref - x| of any element.
//   agreement   the fraction of rows whose arg-max is equal. A row is the output's last axis (a
//               [1,10] output has one row of 10 scores per sample); when the last axis has size 1
//               the whole output is one row.
#pragma once

#include <cstdint>
#include <span>

#include "core/shape.h"

namespace lq::analysis {

// Index of the first largest value; `values` must not be empty.
int64_t argmax(std::span<const float> values);
// How many scores rank before scores[label] (0: the label is the arg-max).
int64_t label_rank(std::span<const float> scores, int64_t label);
// The length of a row of an output of this shape for arg-max comparisons (see above).
int64_t row_length(const Shape& shape);

// Top-1 and top-5 accuracy over samples of one row of class scores each.
class TopKAccuracy {
 public:
  // Fails when label is not a class index of `scores`.
  void add(std::span<const float> scores, int64_t label);
  int64_t samples() const { return samples_; }
  int64_t top1_correct() const { return top1_; }
  int64_t top5_correct() const { return top5_; }
  double top1() const;  // fraction; 0 without samples
  double top5() const;

 private:
  int64_t samples_ = 0, top1_ = 0, top5_ = 0;
};

// Error statistics of x against a reference over every element added.
class ErrorStats {
 public:
  // ref and x have the same length.
  void add(std::span<const float> ref, std::span<const float> x);
  int64_t elements() const { return elements_; }
  double sqnr_db() const;
  double cosine() const;
  double max_abs_error() const { return max_abs_; }

 private:
  int64_t elements_ = 0;
  double ref_sq_ = 0, x_sq_ = 0, dot_ = 0, err_sq_ = 0, max_abs_ = 0;
};

// Arg-max agreement of x with a reference, row by row.
class Agreement {
 public:
  // ref and x have the same length, a multiple of row > 0.
  void add(std::span<const float> ref, std::span<const float> x, int64_t row);
  int64_t rows() const { return rows_; }
  int64_t agreeing() const { return agree_; }
  double rate() const;  // fraction; 0 without rows

 private:
  int64_t rows_ = 0, agree_ = 0;
};

}  // namespace lq::analysis
