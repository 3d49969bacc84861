// Tokenizer throughput on long clinical notes: the "note" column of ACI-Bench (read at run time from
// ../shared/data, never copied), joined into one text, tokenized cased and uncased with the golden
// BERT vocabulary. Prints one JSON object per run: bytes, tokens, wall ms and thread CPU ms (best of
// --runs), MB/s from the CPU time (the wall clock of a shared machine counts other processes' time).
//   bench-tokenizer [--data FILE.csv] [--vocab vocab.txt] [--runs N] [--smoke]
#include "minialbert.h"

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

static double thread_cpu_ms() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static bool read_text(const std::string & path, std::string * out) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    std::stringstream ss;
    ss << f.rdbuf();
    *out = ss.str();
    return true;
}

// The fields of one CSV column (RFC 4180 quoting), joined by blank lines.
static std::string csv_column(const std::string & csv, const std::string & column) {
    std::vector<std::string> row;
    std::string field, out;
    int col = -1;
    bool header = true, quoted = false;
    auto end_field = [&]() { row.push_back(field); field.clear(); };
    auto end_row = [&]() {
        end_field();
        if (header) {
            for (size_t i = 0; i < row.size(); i++) if (row[i] == column) col = (int) i;
            header = false;
        } else if (col >= 0 && col < (int) row.size()) {
            out += row[col];
            out += "\n\n";
        }
        row.clear();
    };
    for (size_t i = 0; i < csv.size(); i++) {
        const char c = csv[i];
        if (quoted) {
            if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') { field += '"'; i++; }
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') quoted = true;
        else if (c == ',') end_field();
        else if (c == '\n') end_row();
        else if (c != '\r') field += c;
    }
    if (!field.empty() || !row.empty()) end_row();
    return out;
}

int main(int argc, char ** argv) {
    const std::string src = MAB_SOURCE_DIR;
    std::string data_path  = src + "/../shared/data/aci-bench/data/challenge_data/train.csv";
    std::string vocab_path = src + "/../shared/golden/tokenizer/vocab-cased.txt";
    int  runs  = 5;
    bool smoke = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--smoke")) smoke = true;
        else if (!strcmp(argv[i], "--data") && i + 1 < argc) data_path = argv[++i];
        else if (!strcmp(argv[i], "--vocab") && i + 1 < argc) vocab_path = argv[++i];
        else if (!strcmp(argv[i], "--runs") && i + 1 < argc) runs = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: bench-tokenizer [--data FILE.csv] [--vocab vocab.txt] [--runs N] [--smoke]\n");
            return 2;
        }
    }
    std::string csv, vocab;
    if (!read_text(data_path, &csv)) { fprintf(stderr, "bench-tokenizer: cannot read %s\n", data_path.c_str()); return 1; }
    if (!read_text(vocab_path, &vocab)) { fprintf(stderr, "bench-tokenizer: cannot read %s\n", vocab_path.c_str()); return 1; }
    std::string text = csv_column(csv, "note");
    if (text.empty()) { fprintf(stderr, "bench-tokenizer: no \"note\" column in %s\n", data_path.c_str()); return 1; }
    if (smoke) {
        text.resize(std::min<size_t>(text.size(), 4096));
        runs = 1;
    }

    for (const bool lower : {false, true}) {
        const std::string config = lower ? "{\"do_lower_case\": true}" : "{\"do_lower_case\": false}";
        mab_tokenizer * tok = nullptr;
        if (mab_tokenizer_load_from_buffers(vocab.data(), vocab.size(), config.data(), config.size(), nullptr, 0, nullptr, 0, &tok) != MAB_STATUS_OK) {
            fprintf(stderr, "bench-tokenizer: %s\n", mab_last_error());
            return 1;
        }
        for (const bool windows : {false, true}) {
            double best_ms = 1e30, best_cpu_ms = 1e30;
            int32_t n_tokens = 0, n_windows = 0;
            for (int r = 0; r < runs; r++) {
                mab_encoding * enc = nullptr;
                const double c0 = thread_cpu_ms();
                const auto   t0 = std::chrono::steady_clock::now();
                mab_status st;
                if (windows) {
                    mab_tokenizer_encode_params p = mab_tokenizer_default_encode_params();
                    p.max_length = 512;
                    p.stride     = 128;
                    st = mab_tokenizer_encode(tok, text.data(), text.size(), p, &enc);
                } else {
                    st = mab_tokenizer_tokenize(tok, text.data(), text.size(), &enc);
                }
                const auto   t1 = std::chrono::steady_clock::now();
                const double c1 = thread_cpu_ms();
                if (st != MAB_STATUS_OK) { fprintf(stderr, "bench-tokenizer: %s\n", mab_last_error()); return 1; }
                n_tokens  = mab_encoding_n_tokens(enc);
                n_windows = mab_encoding_n_windows(enc);
                mab_encoding_free(enc);
                best_ms     = std::min(best_ms, std::chrono::duration<double, std::milli>(t1 - t0).count());
                best_cpu_ms = std::min(best_cpu_ms, c1 - c0);
            }
            printf("{\"name\": \"%s\", \"do_lower_case\": %s, \"bytes\": %zu, \"tokens\": %d, \"windows\": %d, \"runs\": %d, "
                   "\"ms\": %.3f, \"cpu_ms\": %.3f, \"MB_per_s\": %.2f, \"tokens_per_s\": %.0f, \"threads\": 1, \"hardware_threads\": %u}\n",
                   windows ? "encode_512_stride_128" : "tokenize", lower ? "true" : "false", text.size(), n_tokens, n_windows, runs,
                   best_ms, best_cpu_ms, text.size() / 1e6 / (best_cpu_ms / 1e3), n_tokens / (best_cpu_ms / 1e3),
                   std::thread::hardware_concurrency());
        }
        mab_tokenizer_free(tok);
    }
    return 0;
}
