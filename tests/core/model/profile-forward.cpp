// Per-operator profile of one forward pass: the model's backend is wrapped in a table that times
// every kernel call (each Linear by its role, LayerNorm, attention) and the rest of the forward
// pass (embeddings, mask, copies) is the total minus their sum. Single thread. One JSON object per
// sequence length: median ms per op over the runs.
//
// usage: profile-forward MODEL_DIR [--backend NAME] [--seq 128,512] [--runs N]
// Under Emscripten (profile-forward-wasm.sh) it runs in Node with the real file system.
#include "kernels/kernels.h"
#include "model/minialbert.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace {

double now_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

const mab::kernel_backend *                      g_inner = nullptr;
std::map<const mab::linear_weights *, std::string> g_role;
std::map<std::string, double>                    g_ms;

void timed_linear_run(const mab::linear_weights * lw, size_t m, const float * x, float * y) {
    const double t = now_ms();
    g_inner->linear_run(lw, m, x, y);
    g_ms[g_role.count(lw) ? g_role[lw] : "linear ?"] += now_ms() - t;
}

void timed_layer_norm(size_t m, size_t n, const float * x, const float * r, const float * gamma, const float * beta,
                      float eps, float * y) {
    const double t = now_ms();
    g_inner->layer_norm(m, n, x, r, gamma, beta, eps, y);
    g_ms["layer_norm"] += now_ms() - t;
}

void timed_attention(const mab::attention_args & a) {
    const double t = now_ms();
    g_inner->attention(a);
    g_ms["attention"] += now_ms() - t;
}

bool read_file(const std::string & path, std::vector<char> * out) {
    FILE * f = fopen(path.c_str(), "rb");
    if (!f) return false;
    fseek(f, 0, SEEK_END);
    out->resize((size_t) ftell(f));
    fseek(f, 0, SEEK_SET);
    const bool ok = fread(out->data(), 1, out->size(), f) == out->size();
    fclose(f);
    return ok;
}

} // namespace

int main(int argc, char ** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s MODEL_DIR [--backend NAME] [--seq 128,512] [--runs N]\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    std::string backend = "auto", seqs = "128,512";
    int runs = 5;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--backend")) backend = argv[i + 1];
        else if (!strcmp(argv[i], "--seq")) seqs = argv[i + 1];
        else if (!strcmp(argv[i], "--runs")) runs = atoi(argv[i + 1]);
    }
    std::vector<char> config, weights;
    if (!read_file(dir + "/config.json", &config) || !read_file(dir + "/model.safetensors", &weights)) {
        fprintf(stderr, "cannot read %s/config.json or model.safetensors\n", dir.c_str());
        return 1;
    }
    const size_t st_len = weights.size();
    void *       buf    = malloc(st_len);
    if (!buf) return 1;
    memcpy(buf, weights.data(), st_len);
    weights = {};
    mab_model * m = nullptr;
    if (mab::model_load(config.data(), config.size(), buf, st_len, dir.c_str(), backend.c_str(), 1, &m)) {
        fprintf(stderr, "%s\n", mab_last_error());
        return 1;
    }
    g_inner = m->backend;
    const mab::kernel_backend timed = {g_inner->name, g_inner->linear_create, g_inner->linear_create_q8,
                                       g_inner->linear_q8_qmax, timed_linear_run, g_inner->linear_destroy,
                                       g_inner->linear_bytes, timed_layer_norm, timed_attention};
    m->backend = &timed;
    g_role[m->projector] = "projector";
    g_role[m->qkv] = "qkv";
    g_role[m->dense] = "dense";
    g_role[m->ffn] = "ffn+gelu";
    g_role[m->ffn_output] = "ffn_output";
    g_role[m->classifier] = "classifier";
    for (auto * list : {&m->att_adapters, &m->mlp_adapters}) {
        for (const mab_adapter & a : *list) {
            g_role[a.down] = "adapter down";
            g_role[a.up] = "adapter up";
        }
    }
    for (size_t pos = 0; pos < seqs.size();) {
        const size_t end = seqs.find(',', pos) == std::string::npos ? seqs.size() : seqs.find(',', pos);
        const int32_t L = atoi(seqs.substr(pos, end - pos).c_str());
        pos = end + 1;
        std::vector<int32_t> ids((size_t) L);
        uint32_t seed = 12345;
        for (int32_t & id : ids) id = 1 + (int32_t) ((seed = seed * 1103515245u + 12345u) >> 8) % (m->hp.vocab_size - 1);
        std::vector<float> logits((size_t) L * (size_t) std::max(m->num_labels, 1));
        std::map<std::string, std::vector<double>> samples;
        for (int r = 0; r <= runs; r++) {
            g_ms.clear();
            const double t = now_ms();
            if (mab::model_forward(m, ids.data(), nullptr, nullptr, 1, L, m->num_labels ? logits.data() : nullptr,
                                   nullptr, mab_forward_params{})) {
                fprintf(stderr, "%s\n", mab_last_error());
                return 1;
            }
            double total = now_ms() - t, kernels = 0;
            if (r == 0) continue; // warm-up: the workspace grows, pages are touched
            for (const auto & [op, ms] : g_ms) {
                samples[op].push_back(ms);
                kernels += ms;
            }
            samples["total"].push_back(total);
            samples["other (embeddings, mask, copies)"].push_back(total - kernels);
        }
        printf("{\"backend\": \"%s\", \"seq\": %d, \"runs\": %d, \"median_ms\": {", g_inner->name, L, runs);
        const char * sep = "";
        for (auto & [op, v] : samples) {
            std::sort(v.begin(), v.end());
            printf("%s\"%s\": %.2f", sep, op.c_str(), v[v.size() / 2]);
            sep = ", ";
        }
        printf("}}\n");
        fflush(stdout);
    }
    m->backend = g_inner;
    delete m;
    return 0;
}
