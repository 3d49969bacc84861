// Kernel benchmark: every backend of all_backends() (f32 and, where it has one, int8 linear layers)
// and every GEMM micro-kernel of f32-gemm.inc, qs8-gemm.inc and qs8-qu7-gemm.inc on the model's shapes (a shapes file of "M N K" linear and "B M N K" attention lines), one JSON
// object per kernel and shape: {"kernel", "shape", "ms" and "cpu_ms" (medians of wall and process
// CPU time), "gflops" and "gflops_cpu", "runs"}. The first line
// records the machine and the thread count (always 1). Native and WebAssembly (em++, see
// bench-kernels-wasm.sh) builds share this file.
//
// usage: bench-kernels [--smoke] [--shapes FILE] [--filter SUBSTRING] [--min-time SECONDS]
//   --smoke   one tiny shape per kind, one run each (ctest label bench: keeps the bench building)
#include "kernels/f32-gemm/f32-gemm.h"
#include "kernels/f32-qs8-quantize/f32-qs8-quantize.h"
#include "kernels/f32-qu7-quantize/f32-qu7-quantize.h"
#include "kernels/kernels.h"
#include "kernels/qs8-gemm/qs8-gemm.h"
#include "kernels/qs8-packw/qs8-packw.h"
#include "kernels/qs8-qu7-gemm/qs8-qu7-gemm.h"
#include "kernels/x32-packw/x32-packw.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#else
#include <time.h>
#endif

#ifndef MAB_SOURCE_DIR
#define MAB_SOURCE_DIR "."
#endif

namespace {

struct shape {
    size_t b, m, n, k; // b == 0: linear M N K; otherwise attention B M N K
};

struct options {
    bool        smoke = false;
    std::string shapes = MAB_SOURCE_DIR "/tests/core/kernels/shapes/clinical-minialbert-312.txt";
    std::string filter;
    double      min_time = 0.5;
};

std::vector<float> random_vector(size_t n, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    std::vector<float> v(n);
    for (auto & x : v) x = dist(rng);
    return v;
}

double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// CPU time of this process. On a shared machine the wall time includes waiting for a core; CPU
// time is what the kernel itself took.
double cpu_s() {
#if defined(__EMSCRIPTEN__)
    return EM_ASM_DOUBLE({
        const u = process.cpuUsage();
        return (u.user + u.system) / 1e6;
    });
#else
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
#endif
}

// Median time of fn() over at least 3 runs and min_time seconds (one run in smoke mode), after one
// warm-up run.
template <class F>
void measure(const options & opt, const std::string & kernel, const std::string & shape_str, double flops, F fn) {
    if (!opt.filter.empty() && kernel.find(opt.filter) == std::string::npos) return;
    fn();
    std::vector<double> times, cpu_times;
    const double start = now_s();
    do {
        const double t0 = now_s(), c0 = cpu_s();
        fn();
        cpu_times.push_back(cpu_s() - c0);
        times.push_back(now_s() - t0);
    } while (!opt.smoke && (times.size() < 3 || now_s() - start < opt.min_time));
    std::sort(times.begin(), times.end());
    std::sort(cpu_times.begin(), cpu_times.end());
    const double t = times[times.size() / 2], c = std::max(cpu_times[cpu_times.size() / 2], 1e-9);
    printf("{\"kernel\": \"%s\", \"shape\": \"%s\", \"ms\": %.4f, \"gflops\": %.2f, \"cpu_ms\": %.4f, "
           "\"gflops_cpu\": %.2f, \"runs\": %zu}\n",
           kernel.c_str(), shape_str.c_str(), t * 1e3, flops / t * 1e-9, c * 1e3, flops / c * 1e-9, times.size());
    fflush(stdout);
}

void bench_linear(const options & opt, const shape & s) {
    const std::string shape_str = std::to_string(s.m) + "x" + std::to_string(s.n) + "x" + std::to_string(s.k);
    const double flops = 2.0 * s.m * s.n * s.k;
    const auto x = random_vector(s.m * s.k, 1), w = random_vector(s.n * s.k, 2), b = random_vector(s.n, 3);
    std::vector<float> y(s.m * s.n);
    for (const mab::kernel_backend * const * be = mab::all_backends(); *be; be++) {
        mab::linear_weights * lw = nullptr;
        if ((*be)->linear_create(s.n, s.k, w.data(), b.data(), mab::ACTIVATION_IDENTITY, &lw) != MAB_STATUS_OK) continue;
        measure(opt, std::string((*be)->name) + "/linear", shape_str, flops,
                [&] { (*be)->linear_run(lw, s.m, x.data(), y.data()); });
        (*be)->linear_destroy(lw);
    }
    // Int8 layers (linear_create_q8): the time includes quantizing x, as in the model. GFLOP/s
    // counts the same 2·M·N·K operations.
    std::vector<int8_t> wq(s.n * s.k);
    std::vector<float>  w_scale(s.n);
    for (size_t j = 0; j < s.n; j++) {
        float amax = 0.0f;
        for (size_t p = 0; p < s.k; p++) amax = std::max(amax, std::fabs(w[j * s.k + p]));
        w_scale[j] = amax > 0.0f ? amax / 127.0f : 1.0f;
        for (size_t p = 0; p < s.k; p++) wq[j * s.k + p] = (int8_t) std::lrint(w[j * s.k + p] / w_scale[j]);
    }
    for (const mab::kernel_backend * const * be = mab::all_backends(); *be; be++) {
        mab::linear_weights * lw = nullptr;
        if (!(*be)->linear_create_q8 ||
            (*be)->linear_create_q8(s.n, s.k, wq.data(), w_scale.data(), b.data(), mab::ACTIVATION_IDENTITY, &lw) !=
                MAB_STATUS_OK) {
            continue;
        }
        measure(opt, std::string((*be)->name) + "/linear_q8", shape_str, flops,
                [&] { (*be)->linear_run(lw, s.m, x.data(), y.data()); });
        (*be)->linear_destroy(lw);
    }
    // The int8 micro-kernels alone, on rows quantized beforehand (row tiles over all columns): 8-bit
    // activations for qs8-gemm, 7-bit ones (+64) for qs8-qu7-gemm.
    struct qukernel {
        const char *                    name;
        mab_qs8_gemm_ukernel_fn         fn;
        size_t                          mr, nr, kr;
        mab_qs8_packw_gemm_ukernel_fn   pack;
        size_t                          (*panel_bytes)(size_t nr, size_t k);
        mab_f32_qs8_quantize_ukernel_fn quantize;
    };
    const qukernel qlist[] = {
#define MAB_UKERNEL(isa, ukernel, mr, nr, kr, epilogue, pack) \
    {#ukernel, ukernel, mr, nr, kr, pack, mab_qs8_packw_gemm_panel_bytes, mab_f32_qs8_quantize_ukernel__scalar_u8},
#include "kernels/qs8-gemm/qs8-gemm.inc"
#undef MAB_UKERNEL
#define MAB_UKERNEL(isa, ukernel, mr, nr, kr, epilogue, pack) \
    {#ukernel, ukernel, mr, nr, kr, pack, mab_qs8_packw_gemm_qu7_panel_bytes, mab_f32_qu7_quantize_ukernel__scalar_u8},
#include "kernels/qs8-qu7-gemm/qs8-qu7-gemm.inc"
#undef MAB_UKERNEL
    };
    const size_t kc = mab_qs8_gemm_kc(s.k);
    std::vector<int8_t> xq(s.m * kc);
    std::vector<float>  x_scale(s.m);
    const mab_f32_minmax_params qparams = {-INFINITY, INFINITY};
    for (const auto & uk : qlist) {
        for (size_t i = 0; i < s.m; i++) x_scale[i] = uk.quantize(s.k, kc, x.data() + i * s.k, xq.data() + i * kc);
        std::vector<uint8_t> packed(mab_qs8_packw_gemm_goi_size(uk.pack, uk.panel_bytes, uk.nr, uk.kr, s.n, s.k, wq.data()));
        uk.pack(uk.nr, uk.kr, s.n, s.k, wq.data(), w_scale.data(), b.data(), packed.data());
        measure(opt, uk.name, shape_str, flops, [&] {
            for (size_t i = 0; i < s.m; i += uk.mr) {
                uk.fn(std::min(uk.mr, s.m - i), s.n, kc, xq.data() + i * kc, kc, x_scale.data() + i, packed.data(),
                      y.data() + i * s.n, s.n, uk.nr, &qparams);
            }
        });
    }
    // The f32 micro-kernels alone: row tiles over all columns, no cache blocking.
    struct ukernel { const char * name; mab_f32_gemm_ukernel_fn fn; size_t mr, nr; };
    const ukernel list[] = {
#define MAB_UKERNEL(isa, ukernel, mr, nr, epilogue, pack) {#ukernel, ukernel, mr, nr},
#include "kernels/f32-gemm/f32-gemm.inc"
#undef MAB_UKERNEL
    };
    const mab_f32_minmax_params params = {-INFINITY, INFINITY};
    for (const auto & uk : list) {
        std::vector<float> packed(mab_x32_packw_gemm_size(uk.nr, s.n, s.k));
        mab_x32_packw_gemm_goi_ukernel__scalar(uk.nr, s.n, s.k, w.data(), s.k, b.data(), packed.data());
        measure(opt, uk.name, shape_str, flops, [&] {
            for (size_t i = 0; i < s.m; i += uk.mr) {
                uk.fn(std::min(uk.mr, s.m - i), s.n, s.k, x.data() + i * s.k, s.k, packed.data(), y.data() + i * s.n,
                      s.n, uk.nr, &params);
            }
        });
    }
}

// "B M N K" lines come in pairs (Q·Kᵀ: B L L dh and P·V: B L dh L); both are one attention call
// with B heads, L = M and dh = min(N, K), timed once, on the first line of the pair, without the
// probabilities (as the forward pass runs it unless they are reported).
void bench_attention(const options & opt, const shape & s) {
    const size_t L = s.m, nh = s.b, dh = std::min(s.n, s.k);
    if (s.n != s.m) return; // the P·V line of the pair
    const std::string shape_str = "L=" + std::to_string(L) + ",heads=" + std::to_string(nh) + ",dh=" + std::to_string(dh);
    const double flops = 4.0 * nh * L * L * dh;
    const size_t H = nh * dh;
    const auto qkv = random_vector(L * 3 * H, 4);
    std::vector<float> mask(L, 0.0f), ctx(L * H);
    const mab::attention_args a = {L, nh, dh, 3 * H, H, qkv.data(), qkv.data() + H, qkv.data() + 2 * H, mask.data(),
                                   1.0f / std::sqrt((float) dh), ctx.data(), nullptr};
    for (const mab::kernel_backend * const * be = mab::all_backends(); *be; be++) {
        measure(opt, std::string((*be)->name) + "/attention", shape_str, flops, [&] { (*be)->attention(a); });
    }
}

std::string machine() {
    std::ifstream f("/proc/cpuinfo");
    std::string line;
    while (std::getline(f, line)) {
        if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
    }
    return "unknown";
}

} // namespace

int main(int argc, char ** argv) {
    options opt;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--smoke")) {
            opt.smoke = true;
        } else if (!strcmp(argv[i], "--shapes") && i + 1 < argc) {
            opt.shapes = argv[++i];
        } else if (!strcmp(argv[i], "--filter") && i + 1 < argc) {
            opt.filter = argv[++i];
        } else if (!strcmp(argv[i], "--min-time") && i + 1 < argc) {
            opt.min_time = atof(argv[++i]);
        } else {
            fprintf(stderr, "usage: %s [--smoke] [--shapes FILE] [--filter SUBSTRING] [--min-time SECONDS]\n", argv[0]);
            return 2;
        }
    }
    std::vector<shape> shapes;
    if (opt.smoke) {
        shapes = {{0, 7, 19, 33}, {2, 9, 9, 8}};
    } else {
        std::ifstream f(opt.shapes);
        if (!f) {
            fprintf(stderr, "bench-kernels: cannot open shapes file '%s'\n", opt.shapes.c_str());
            return 1;
        }
        std::string line;
        for (size_t lineno = 1; std::getline(f, line); lineno++) {
            if (line.empty() || line[0] == '#') continue;
            std::istringstream ss(line);
            std::vector<size_t> v;
            for (size_t x; ss >> x;) v.push_back(x);
            if (v.size() == 3 && v[0] && v[1] && v[2]) {
                shapes.push_back({0, v[0], v[1], v[2]});
            } else if (v.size() == 4 && v[0] && v[1] && v[2] && v[3]) {
                shapes.push_back({v[0], v[1], v[2], v[3]});
            } else {
                fprintf(stderr, "bench-kernels: %s:%zu: expected 'M N K' or 'B M N K', got '%s'\n", opt.shapes.c_str(),
                        lineno, line.c_str());
                return 1;
            }
        }
    }
    printf("{\"machine\": \"%s\", \"threads\": 1, \"backends\": \"", machine().c_str());
    for (const mab::kernel_backend * const * be = mab::all_backends(); *be; be++) {
        printf("%s%s", be == mab::all_backends() ? "" : ",", (*be)->name);
    }
    printf("\"}\n");
    for (const auto & s : shapes) {
        if (s.b == 0) {
            bench_linear(opt, s);
        } else {
            bench_attention(opt, s);
        }
    }
    return 0;
}
