#include "kernels/reference/reference-ops.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace mab::ref {

float apply_activation(activation act, float x) {
    switch (act) {
        case ACTIVATION_IDENTITY:  return x;
        case ACTIVATION_GELU_ERF:  return gelu_erf(x);
        case ACTIVATION_GELU_TANH: return gelu_tanh(x);
        case ACTIVATION_RELU:      return relu(x);
    }
    return x;
}

void activation_inplace(activation act, size_t n, float * x) {
    if (act == ACTIVATION_IDENTITY) return;
    for (size_t i = 0; i < n; i++) x[i] = apply_activation(act, x[i]);
}

void linear(size_t m, size_t n, size_t k, const float * x, const float * w, const float * b, activation act,
            float * y) {
    for (size_t i = 0; i < m; i++) {
        const float * xi = x + i * k;
        for (size_t j = 0; j < n; j++) {
            const float * wj = w + j * k;
            float acc = 0.0f;
            for (size_t p = 0; p < k; p++) acc += xi[p] * wj[p];
            if (b) acc += b[j];
            y[i * n + j] = apply_activation(act, acc);
        }
    }
}

float row_absmax(size_t k, const float * x) {
    float amax = 0.0f;
    for (size_t p = 0; p < k; p++) {
        const float a = std::fabs(x[p]);
        amax = a > amax ? a : amax;
    }
    return amax;
}

int8_t quantize_value(float x, float inv, int32_t qmax) {
    const float lim = (float) qmax;
    float v = x * inv;
    if (std::isnan(v)) v = 0.0f; // as SIMD's saturating conversion (an infinite x makes inv 0)
    v = v > lim ? lim : (v < -lim ? -lim : v);
    return (int8_t) std::nearbyint(v);
}

row_quantization::row_quantization(float amax, int32_t qmax)
    : inv(amax == 0.0f ? 0.0f : (float) qmax / amax), scale(amax == 0.0f ? 1.0f : amax / (float) qmax) {}

float quantize_row_q8(size_t k, const float * x, int32_t qmax, int8_t * q) {
    const row_quantization rq(row_absmax(k, x), qmax);
    for (size_t p = 0; p < k; p++) q[p] = quantize_value(x[p], rq.inv, qmax);
    return rq.scale;
}

void linear_q8(size_t m, size_t n, size_t k, const float * x, const int8_t * w, const float * w_scale,
               const float * b, activation act, int32_t qmax, float * y) {
    for (size_t i = 0; i < m; i++) {
        // Quantized again for every output (no buffer, nothing to fail): the same values as
        // quantize_row_q8 writes.
        const float *          xi = x + i * k;
        const row_quantization xq(row_absmax(k, xi), qmax);
        for (size_t j = 0; j < n; j++) {
            const int8_t * wj  = w + j * k;
            int32_t        acc = 0;
            for (size_t p = 0; p < k; p++) acc += (int32_t) quantize_value(xi[p], xq.inv, qmax) * (int32_t) wj[p];
            float v = (float) acc * xq.scale * w_scale[j];
            if (b) v += b[j];
            y[i * n + j] = apply_activation(act, v);
        }
    }
}

void layer_norm(size_t m, size_t n, const float * x, const float * r, const float * gamma, const float * beta,
                float eps, float * y) {
    for (size_t i = 0; i < m; i++) {
        const float * xi = x + i * n;
        const float * ri = r ? r + i * n : nullptr;
        float *       yi = y + i * n;
        double sum = 0.0;
        for (size_t j = 0; j < n; j++) {
            const float v = ri ? xi[j] + ri[j] : xi[j];
            yi[j] = v;
            sum += v;
        }
        const float mean = (float) (sum / (double) n);
        double var = 0.0;
        for (size_t j = 0; j < n; j++) {
            const float d = yi[j] - mean;
            var += (double) d * d;
        }
        const float inv = 1.0f / std::sqrt((float) (var / (double) n) + eps);
        for (size_t j = 0; j < n; j++) yi[j] = (yi[j] - mean) * inv * gamma[j] + beta[j];
    }
}

void softmax_row(size_t n, float * x) {
    float mx = x[0];
    for (size_t j = 1; j < n; j++) mx = x[j] > mx ? x[j] : mx;
    float sum = 0.0f;
    for (size_t j = 0; j < n; j++) {
        x[j] = std::exp(x[j] - mx);
        sum += x[j];
    }
    const float inv = 1.0f / sum;
    for (size_t j = 0; j < n; j++) x[j] *= inv;
}

namespace {

// Int8 attention (attention_args::q8_qmax). Every value is quantized again where it is used, as in
// linear_q8: the integers quantize_row_q8 would store, and no memory to allocate. The context is
// summed in chunks of value columns, one int32 accumulator each.
void attention_q8(const attention_args & a) {
    constexpr size_t CHUNK = 64;
    const size_t  L = a.seq_len, dh = a.head_dim;
    const int32_t qmax = a.q8_qmax;
    for (size_t h = 0; h < a.num_heads; h++) {
        const auto value = [&](size_t j, size_t c) { return a.v[j * a.ld_qkv + h * dh + c]; };
        for (size_t i = 0; i < L; i++) {
            const float *          qi = a.q + i * a.ld_qkv + h * dh;
            const row_quantization qq(row_absmax(dh, qi), qmax);
            const auto score = [&](size_t j) {
                const float *          kj = a.k + j * a.ld_qkv + h * dh;
                const row_quantization kq(row_absmax(dh, kj), 127);
                int32_t acc = 0;
                for (size_t d = 0; d < dh; d++) {
                    acc += (int32_t) quantize_value(qi[d], qq.inv, qmax) * (int32_t) quantize_value(kj[d], kq.inv, 127);
                }
                return (float) acc * qq.scale * kq.scale * a.scale + a.mask_add[j];
            };
            float mx = score(0);
            for (size_t j = 1; j < L; j++) mx = std::max(mx, score(j));
            float sum = 0.0f;
            for (size_t j = 0; j < L; j++) sum += std::exp(score(j) - mx);
            const float inv = 1.0f / sum;
            if (a.probs) {
                float * pi = a.probs + (h * L + i) * L;
                for (size_t j = 0; j < L; j++) pi[j] = score(j);
                softmax_row(L, pi);
            }
            // P = e/Σe with e = exp(s − max) ≤ 1: e is quantized against its row maximum, which is
            // exp(0) = 1, and 1/Σe joins the output scale (f32-qs8-softmax's contract).
            const row_quantization eq(1.0f, 127);
            const auto prob_q = [&](size_t j) { return (int32_t) quantize_value(std::exp(score(j) - mx), eq.inv, 127); };
            float * ci = a.ctx + i * a.ld_ctx + h * dh;
            for (size_t c0 = 0; c0 < dh; c0 += CHUNK) {
                const size_t nc = std::min(CHUNK, dh - c0);
                float        vinv[CHUNK], vscale[CHUNK];
                int32_t      acc[CHUNK] = {};
                for (size_t c = 0; c < nc; c++) {
                    float amax = 0.0f;
                    for (size_t j = 0; j < L; j++) amax = std::max(amax, std::fabs(value(j, c0 + c)));
                    const row_quantization vq(amax, 127);
                    vinv[c]   = vq.inv;
                    vscale[c] = vq.scale;
                }
                for (size_t j = 0; j < L; j++) {
                    const int32_t p = prob_q(j);
                    for (size_t c = 0; c < nc; c++) acc[c] += p * (int32_t) quantize_value(value(j, c0 + c), vinv[c], 127);
                }
                for (size_t c = 0; c < nc; c++) ci[c0 + c] = (float) acc[c] * eq.scale * vscale[c] * inv;
            }
        }
    }
}

} // namespace

// Without probs, each row's scores are computed three times (max, sum, then P·V) instead of being
// stored: the same floats as softmax_row gives, and no memory to allocate.
void attention(const attention_args & a) {
    if (a.q8_qmax) {
        attention_q8(a);
        return;
    }
    const size_t L = a.seq_len, dh = a.head_dim;
    for (size_t h = 0; h < a.num_heads; h++) {
        for (size_t i = 0; i < L; i++) {
            const float * qi    = a.q + i * a.ld_qkv + h * dh;
            const auto    score = [&](size_t j) {
                const float * kj = a.k + j * a.ld_qkv + h * dh;
                float dot = 0.0f;
                for (size_t d = 0; d < dh; d++) dot += qi[d] * kj[d];
                // Same order as upstream: (q·k) * scale, then + mask (in float, so a fully masked
                // row rounds every score to finfo.min and softmax becomes uniform).
                return dot * a.scale + a.mask_add[j];
            };
            float * ci = a.ctx + i * a.ld_ctx + h * dh;
            for (size_t d = 0; d < dh; d++) ci[d] = 0.0f;
            const auto add_value = [&](size_t j, float p) {
                const float * vj = a.v + j * a.ld_qkv + h * dh;
                for (size_t d = 0; d < dh; d++) ci[d] += p * vj[d];
            };
            if (a.probs) {
                float * pi = a.probs + (h * L + i) * L;
                for (size_t j = 0; j < L; j++) pi[j] = score(j);
                softmax_row(L, pi);
                for (size_t j = 0; j < L; j++) add_value(j, pi[j]);
                continue;
            }
            float mx = score(0), sum = 0.0f;
            for (size_t j = 1; j < L; j++) mx = std::max(mx, score(j));
            for (size_t j = 0; j < L; j++) sum += std::exp(score(j) - mx);
            const float inv = 1.0f / sum;
            for (size_t j = 0; j < L; j++) add_value(j, std::exp(score(j) - mx) * inv);
        }
    }
}

} // namespace mab::ref
