#include "analysis/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace lq::analysis {

int64_t argmax(std::span<const float> values) {
  LQ_CHECK(!values.empty(), "arg-max of an empty output");
  return std::max_element(values.begin(), values.end()) - values.begin();
}

int64_t label_rank(std::span<const float> scores, int64_t label) {
  const int64_t n = static_cast<int64_t>(scores.size());
  LQ_CHECK(label >= 0 && label < n, "label ", label, " is not a class index of an output with ", n,
           " classes (0 to ", n - 1, ")");
  const float mine = scores[static_cast<size_t>(label)];
  int64_t rank = 0;
  for (int64_t j = 0; j < n; ++j) {
    const float s = scores[static_cast<size_t>(j)];
    rank += s > mine || (s == mine && j < label);
  }
  return rank;
}

int64_t row_length(const Shape& shape) {
  if (shape.empty() || shape.back() <= 1) return std::max<int64_t>(num_elements(shape), 1);
  return shape.back();
}

void TopKAccuracy::add(std::span<const float> scores, int64_t label) {
  const int64_t rank = label_rank(scores, label);
  ++samples_;
  top1_ += rank < 1;
  top5_ += rank < 5;
}

double TopKAccuracy::top1() const {
  return samples_ ? static_cast<double>(top1_) / static_cast<double>(samples_) : 0.0;
}

double TopKAccuracy::top5() const {
  return samples_ ? static_cast<double>(top5_) / static_cast<double>(samples_) : 0.0;
}

void ErrorStats::add(std::span<const float> ref, std::span<const float> x) {
  LQ_CHECK(ref.size() == x.size(), "comparing ", x.size(), " values with ", ref.size(),
           " reference values");
  for (size_t i = 0; i < ref.size(); ++i) {
    const double r = ref[i], v = x[i], e = r - v;
    ref_sq_ += r * r;
    x_sq_ += v * v;
    dot_ += r * v;
    err_sq_ += e * e;
    max_abs_ = std::max(max_abs_, std::abs(e));
  }
  elements_ += static_cast<int64_t>(ref.size());
}

double ErrorStats::sqnr_db() const {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (err_sq_ == 0) return kInf;
  if (ref_sq_ == 0) return -kInf;
  return 10.0 * std::log10(ref_sq_ / err_sq_);
}

double ErrorStats::cosine() const {
  if (ref_sq_ == 0 && x_sq_ == 0) return 1.0;
  if (ref_sq_ == 0 || x_sq_ == 0) return 0.0;
  return dot_ / std::sqrt(ref_sq_ * x_sq_);
}

void Agreement::add(std::span<const float> ref, std::span<const float> x, int64_t row) {
  LQ_CHECK(ref.size() == x.size() && row > 0 && ref.size() % static_cast<size_t>(row) == 0,
           "comparing ", x.size(), " values with ", ref.size(), " reference values in rows of ", row);
  const size_t step = static_cast<size_t>(row);
  for (size_t at = 0; at < ref.size(); at += step) {
    agree_ += argmax(ref.subspan(at, step)) == argmax(x.subspan(at, step));
    ++rows_;
  }
}

double Agreement::rate() const {
  return rows_ ? static_cast<double>(agree_) / static_cast<double>(rows_) : 0.0;
}

}  // namespace lq::analysis
