// minialbert bench: median forward latency and GFLOP/s per sequence length (a benchmark, not a test).
#include "args.h"
#include "commands.h"
#include "minialbert.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

int cmd_bench(int argc, char ** argv) {
    cli_args args;
    if (!parse_args(argc, argv, {"--model", "--seq", "--batch", "--runs", "--backend", "--threads"}, {}, &args)) return 2;
    if (!args.has("--model")) {
        fprintf(stderr, "minialbert bench: --model DIR is required\n");
        return 2;
    }
    std::vector<int> seqs;
    std::stringstream ss(args.get("--seq", "128,512"));
    for (std::string tok; std::getline(ss, tok, ',');) seqs.push_back(atoi(tok.c_str()));
    const int batch = atoi(args.get("--batch", "1").c_str());
    const int runs  = atoi(args.get("--runs", "10").c_str());
    if (batch < 1 || runs < 1 || seqs.empty() || *std::min_element(seqs.begin(), seqs.end()) < 1) {
        fprintf(stderr, "minialbert bench: --seq, --batch and --runs must be positive integers\n");
        return 2;
    }
    mab_model * model = load_model_from_args(args, "bench");
    if (!model) return 1;
    mab_model_info info;
    mab_model_get_info(model, &info);
    printf("backend %s%s%s, batch %d, %d runs after 2 warm-up runs, %d thread%s\n", info.backend,
           info.int8_gemm ? ", int8 GEMM " : "", info.int8_gemm ? info.int8_gemm : "", batch, runs,
           info.n_threads, info.n_threads == 1 ? "" : "s");
    printf("%8s %12s %12s %10s\n", "seq", "median ms", "min ms", "GFLOP/s");
    int rc = 0;
    for (int L : seqs) {
        std::vector<int32_t> ids((size_t) batch * L);
        srand(42);
        for (int32_t & id : ids) id = rand() % info.vocab_size;
        std::vector<float> out((size_t) batch * L * (size_t) info.hidden_size);
        std::vector<double> ms;
        for (int r = 0; r < runs + 2; r++) {
            const auto t0 = std::chrono::steady_clock::now();
            if (mab_forward(model, ids.data(), nullptr, nullptr, batch, L, nullptr, out.data(),
                            mab_forward_default_params()) != MAB_STATUS_OK) {
                fprintf(stderr, "minialbert bench: %s\n", mab_last_error());
                rc = 1;
                break;
            }
            const auto t1 = std::chrono::steady_clock::now();
            if (r >= 2) ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        }
        if (rc) break;
        std::sort(ms.begin(), ms.end());
        const double median = ms[ms.size() / 2];
        printf("%8d %12.2f %12.2f %10.1f\n", L, median, ms[0], mab_model_flops(model, batch, L) / (median * 1e6));
    }
    mab_model_free(model);
    return rc;
}
