// minialbert forward: runs the model on token ids from a JSON file and prints logits as JSON.
#include "args.h"
#include "commands.h"
#include "input.h"
#include "loader/json-depth.h"
#include "minialbert.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using json = nlohmann::json;

// A batch is one call to mab_forward, whose workspace grows with every token: 2^20 tokens (2,048
// windows of 512) already take several GB with the full-size model.
static const size_t MAX_FORWARD_TOKENS = (size_t) 1 << 20;
// The largest --input read: the ids of MAX_FORWARD_TOKENS tokens with a mask and type ids, spaced out,
// fit several times over.
static const size_t MAX_INPUT_BYTES = (size_t) 256 << 20;

static int fail(const std::string & msg) {
    fprintf(stderr, "minialbert forward: %s\n", msg.c_str());
    return 1;
}

// Reads key as a [B][L] integer matrix. Returns "" or an error message.
static std::string read_matrix(const json & in, const char * key, size_t * B, size_t * L, std::vector<int32_t> * out) {
    const json & rows = in[key];
    if (!rows.is_array() || rows.empty()) return std::string("\"") + key + "\" must be a non-empty list of lists of integers";
    for (size_t b = 0; b < rows.size(); b++) {
        const json & row = rows[b];
        if (!row.is_array()) return std::string("\"") + key + "\"[" + std::to_string(b) + "] is not a list";
        if (b == 0 && *B == 0) *L = row.size(); // the first matrix sets the row length, even 0
        if (row.size() != *L) {
            return std::string("\"") + key + "\" is ragged: row " + std::to_string(b) + " has " +
                   std::to_string(row.size()) + " entries, expected " + std::to_string(*L) + " (pad rows on the right)";
        }
        for (size_t i = 0; i < row.size(); i++) {
            // An unsigned JSON number above INT64_MAX would read as a negative int64: check it as unsigned.
            const json & v = row[i];
            const bool fits = v.is_number_unsigned() ? v.get<uint64_t>() <= (uint64_t) INT32_MAX
                                                     : v.is_number_integer() && v.get<int64_t>() >= INT32_MIN && v.get<int64_t>() <= INT32_MAX;
            if (!fits) {
                const std::string what = v.is_number() ? v.dump() : std::string("a JSON ") + v.type_name();
                return std::string("\"") + key + "\"[" + std::to_string(b) + "][" + std::to_string(i) + "] is " + what +
                       ", not an integer that int32 holds";
            }
            out->push_back((int32_t) row[i].get<int64_t>());
        }
    }
    if (*B == 0) *B = rows.size();
    if (rows.size() != *B) {
        return std::string("\"") + key + "\" has " + std::to_string(rows.size()) + " rows, input_ids has " + std::to_string(*B);
    }
    return "";
}

static void write_nested(std::ostringstream & os, const float * data, const std::vector<size_t> & dims, size_t d,
                         size_t * pos) {
    os << '[';
    for (size_t i = 0; i < dims[d]; i++) {
        if (i) os << ',';
        if (d + 1 == dims.size()) {
            char buf[32];
            snprintf(buf, sizeof buf, "%.9g", data[(*pos)++]);
            os << buf;
        } else {
            write_nested(os, data, dims, d + 1, pos);
        }
    }
    os << ']';
}

int cmd_forward(int argc, char ** argv) {
    cli_args args;
    if (!parse_args(argc, argv, {"--model", "--input", "--output", "--backend"}, {"--hidden"}, &args)) return 2;
    if (!args.has("--model") || !args.has("--input")) {
        fprintf(stderr, "minialbert forward: --model DIR and --input IN.json are required\n");
        return 2;
    }
    if (!no_positional(args, "forward") || !backend_arg_ok(args, "forward")) return 2;

    std::string text, why;
    if (!read_whole(args.get("--input"), MAX_INPUT_BYTES, &text, &why)) return fail("cannot read --input '" + args.get("--input") + "': " + why);
    if (mab::json_too_deep(text.data(), text.size())) return fail(args.get("--input") + ": nested deeper than " + std::to_string(mab::MAX_JSON_DEPTH) + " levels");
    const json in = json::parse(text, nullptr, false);
    if (in.is_discarded() || !in.is_object()) return fail(args.get("--input") + ": not a JSON object");
    if (!in.contains("input_ids")) return fail(args.get("--input") + ": missing \"input_ids\"");

    size_t B = 0, L = 0;
    std::vector<int32_t> ids, mask, types;
    std::string err = read_matrix(in, "input_ids", &B, &L, &ids);
    if (err.empty() && in.contains("attention_mask") && !in["attention_mask"].is_null()) {
        err = read_matrix(in, "attention_mask", &B, &L, &mask);
    }
    if (err.empty() && in.contains("token_type_ids") && !in["token_type_ids"].is_null()) {
        err = read_matrix(in, "token_type_ids", &B, &L, &types);
    }
    if (!err.empty()) return fail(args.get("--input") + ": " + err);
    if (L == 0) return fail(args.get("--input") + ": rows of \"input_ids\" are empty");

    mab_model * model = nullptr;
    if (const int status = load_model_from_args(args, "forward", &model)) return status;

    mab_model_info info;
    mab_model_get_info(model, &info);
    // Refused before the outputs are allocated: 2 M ids in one row once took 6 GB before the core said no.
    std::string too_big;
    if (L > (size_t) info.max_position_embeddings) {
        too_big = "rows of " + std::to_string(L) + " ids exceed max_position_embeddings " +
                  std::to_string(info.max_position_embeddings) + " (split the text into windows)";
    } else if (B * L > MAX_FORWARD_TOKENS) {
        too_big = std::to_string(B) + " x " + std::to_string(L) + " ids are more than " + std::to_string(MAX_FORWARD_TOKENS) +
                  " in one call: run smaller batches";
    }
    if (!too_big.empty()) {
        mab_model_free(model);
        return fail(args.get("--input") + ": " + too_big);
    }
    const bool hidden = args.has("--hidden");
    std::vector<float> logits, states;
    std::vector<size_t> logit_dims;
    if (info.head == MAB_HEAD_TOKEN_CLASSIFICATION) logit_dims = {B, L, (size_t) info.num_labels};
    if (info.head == MAB_HEAD_SEQUENCE_CLASSIFICATION) logit_dims = {B, (size_t) info.num_labels};
    if (info.head == MAB_HEAD_NONE && !hidden) {
        const std::string msg = std::string("this model has no classification head; use --hidden for hidden states (") +
                                args.get("--model") + ")";
        mab_model_free(model);
        return fail(msg);
    }
    size_t n_logits = 1;
    for (size_t d : logit_dims) n_logits *= d;
    if (!logit_dims.empty()) logits.resize(n_logits);
    if (hidden) states.resize(B * L * (size_t) info.hidden_size);

    const mab_status st = mab_forward(model, ids.data(), mask.empty() ? nullptr : mask.data(),
                                      types.empty() ? nullptr : types.data(), (int32_t) B, (int32_t) L,
                                      logits.empty() ? nullptr : logits.data(), hidden ? states.data() : nullptr,
                                      mab_forward_default_params());
    mab_model_free(model);
    // The core's message names its function already ("forward: ..."), as the CLI's prefix does.
    if (st != MAB_STATUS_OK) {
        const std::string msg = mab_last_error();
        return fail(msg.rfind("forward: ", 0) == 0 ? msg.substr(9) : msg);
    }

    std::ostringstream os;
    os << '{';
    if (!logits.empty()) {
        size_t pos = 0;
        os << "\"logits\":";
        write_nested(os, logits.data(), logit_dims, 0, &pos);
    }
    if (hidden) {
        size_t pos = 0;
        os << (logits.empty() ? "" : ",") << "\"last_hidden_state\":";
        write_nested(os, states.data(), {B, L, (size_t) info.hidden_size}, 0, &pos);
    }
    os << "}\n";
    if (args.has("--output")) {
        std::ofstream o(args.get("--output"));
        o << os.str();
        o.close();
        if (o.fail()) return fail("cannot write '" + args.get("--output") + "'");
    } else {
        fputs(os.str().c_str(), stdout);
    }
    return 0;
}
