// minialbert tokenize: BertTokenizer tokens, ids and character offsets of text read from stdin.
//   minialbert tokenize (--model DIR | --vocab FILE [--lower]) [--jsonl] [--offsets utf16|codepoints]
// Plain mode: the whole of stdin is one text; one line per token: id, begin, end, token.
// --jsonl: every non-empty input line is {"text": "..."}; every output line is
//   {"tokens": [...], "ids": [...], "offsets": [[begin, end], ...]}, without [CLS]/[SEP].
// Offsets are half-open, in UTF-16 code units (JavaScript string indices) unless --offsets codepoints.
#include "args.h"
#include "commands.h"
#include "input.h"
#include "minialbert.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

// The largest vocab.txt read (the web API's limit for a model's small files).
constexpr size_t k_max_vocab_bytes = 64 << 20;

// Loads the tokenizer of --model or --vocab; prints the reason and returns nullptr on failure.
static mab_tokenizer * load_tokenizer(const cli_args & args) {
    mab_tokenizer * tok = nullptr;
    mab_status      st;
    if (args.has("--model")) {
        st = mab_tokenizer_load_from_dir(args.get("--model").c_str(), &tok);
    } else {
        const std::string path = args.get("--vocab");
        std::string vocab, why;
        if (!read_whole(path, k_max_vocab_bytes, &vocab, &why)) {
            fprintf(stderr, "minialbert tokenize: cannot read --vocab '%s': %s\n", path.c_str(), why.c_str());
            return nullptr;
        }
        // Without tokenizer_config.json BertTokenizer would lower-case; here the flag decides.
        const std::string config = args.has("--lower") ? "{\"do_lower_case\": true}" : "{\"do_lower_case\": false}";
        st = mab_tokenizer_load_from_buffers(vocab.data(), vocab.size(), config.data(), config.size(), nullptr, 0, nullptr, 0, &tok);
        if (st != MAB_STATUS_OK) fprintf(stderr, "minialbert tokenize: %s: ", path.c_str());
    }
    if (st != MAB_STATUS_OK) fprintf(stderr, "%s%s\n", args.has("--model") ? "minialbert tokenize: " : "", mab_last_error());
    return tok;
}

int cmd_tokenize(int argc, char ** argv) {
    cli_args args;
    if (!parse_args(argc, argv, {"--model", "--vocab", "--offsets"}, {"--lower", "--jsonl"}, &args)) return 2;
    if (args.has("--model") == args.has("--vocab") || !args.positional.empty()) {
        fprintf(stderr, "usage: minialbert tokenize (--model DIR | --vocab FILE [--lower]) [--jsonl] [--offsets utf16|codepoints]\n");
        return 2;
    }
    if (args.has("--lower") && !args.has("--vocab")) {
        fprintf(stderr, "minialbert tokenize: --lower goes with --vocab (a model directory says it in tokenizer_config.json)\n");
        return 2;
    }
    const std::string unit = args.get("--offsets", "utf16");
    if (unit != "utf16" && unit != "codepoints") {
        fprintf(stderr, "minialbert tokenize: --offsets is '%s', expected utf16 or codepoints\n", unit.c_str());
        return 2;
    }
    mab_tokenizer * tok = load_tokenizer(args);
    if (!tok) return 1;
    // Tokenizes one text; prints it in the chosen format. False on error (message printed).
    auto run = [&](const std::string & text, bool jsonl) {
        mab_encoding * enc = nullptr;
        if (mab_tokenizer_tokenize(tok, text.data(), text.size(), &enc) != MAB_STATUS_OK) {
            fprintf(stderr, "minialbert tokenize: %s\n", mab_last_error());
            return false;
        }
        const int32_t   n    = mab_encoding_n_tokens(enc);
        const int32_t * ids  = mab_encoding_ids(enc);
        const int32_t * offs = unit == "utf16" ? mab_encoding_offsets_utf16(enc) : mab_encoding_offsets_codepoints(enc);
        if (jsonl) {
            // ordered_json keeps the keys in the documented order: tokens, ids, offsets.
            using ojson = nlohmann::ordered_json;
            ojson tokens = ojson::array(), id_list = ojson::array(), offsets = ojson::array();
            for (int32_t i = 0; i < n; i++) {
                tokens.push_back(mab_encoding_token(enc, i));
                id_list.push_back(ids[i]);
                offsets.push_back({offs[2 * i], offs[2 * i + 1]});
            }
            const ojson line = {{"tokens", tokens}, {"ids", id_list}, {"offsets", offsets}};
            printf("%s\n", line.dump(-1, ' ', false, ojson::error_handler_t::replace).c_str());
        } else {
            for (int32_t i = 0; i < n; i++) printf("%d\t%d\t%d\t%s\n", ids[i], offs[2 * i], offs[2 * i + 1], mab_encoding_token(enc, i));
        }
        mab_encoding_free(enc);
        return true;
    };

    const bool jsonl = args.has("--jsonl");
    const int  rc    = for_each_text("tokenize", "-", jsonl, [&](const std::string & text) { return run(text, jsonl); }) ? 0 : 1;
    mab_tokenizer_free(tok);
    return rc;
}
