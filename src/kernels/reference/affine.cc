#include "kernels/reference/affine.h"

namespace lq::ref {

AffineParams affine_params(const OpContext& ctx, const TensorBuffer& tensor, const char* role) {
  const ir::QuantParams& quant = tensor.quant();
  ctx.check(!quant.scale.empty(), role, " '", tensor.name(), "' has no quantization scale");
  ctx.check(quant.zero_point.empty() || quant.zero_point.size() == 1 ||
                quant.zero_point.size() == quant.scale.size(),
            role, " '", tensor.name(), "' has ", quant.scale.size(), " scales but ",
            quant.zero_point.size(), " zero points");
  AffineParams params;
  for (size_t i = 0; i < quant.scale.size(); ++i) {
    const float scale = quant.scale[i];
    const int64_t zp = quant.zero_point.empty()       ? 0
                       : quant.zero_point.size() == 1 ? quant.zero_point[0]
                                                      : quant.zero_point[i];
    ctx.check(scale > 0 && std::isfinite(scale), role, " '", tensor.name(), "' has scale ", scale,
              ", expected a positive finite value");
    ctx.check(
        zp >= std::numeric_limits<int32_t>::min() && zp <= std::numeric_limits<int32_t>::max(),
        "zero point ", zp, " is out of range");
    params.scale.push_back(scale);
    params.zero_point.push_back(static_cast<int32_t>(zp));
  }
  if (quant.per_axis()) {
    const int axis = normalize_axis(ctx, quant.axis, tensor.rank());
    ctx.check(axis < tensor.rank() && tensor.dim(axis) == static_cast<int64_t>(quant.scale.size()),
              role, " '", tensor.name(), "' (", shape_string(tensor.shape), ") has ",
              quant.scale.size(), " scales for quantized dimension ", quant.axis);
    params.channels = tensor.dim(axis);
    for (int d = axis + 1; d < tensor.rank(); ++d) params.inner *= tensor.dim(d);
  }
  return params;
}

}  // namespace lq::ref
