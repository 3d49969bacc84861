// build/minialbert <verb> ...: the native front end, a thin user of minialbert.h.
#include "commands.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

static const char * k_usage =
    "usage: minialbert <command> [options]\n"
    "\n"
    "commands:\n"
    "  forward   --model DIR --input IN.json [--output OUT.json] [--backend NAME] [--hidden]\n"
    "  info      --model DIR [--backend NAME]\n"
    "  bench     --model DIR [--seq 128,512] [--batch 1] [--runs 10] [--backend NAME] [--threads N]\n"
    "  tokenize  (--model DIR | --vocab FILE [--lower]) [--jsonl] [--offsets utf16|codepoints]\n"
    "  tag       [--model DIR] [--aggregation first] [--jsonl] [--offsets utf16|codepoints] [FILE...]\n"
    "            [--stride N] [--max-length N] [--rules all|none|phone,email,...] [--no-model] [--day-first]\n"
    "            [--allow FILE] [--deny FILE] [--min-score X] [--ignore-labels O,...] [--progress] [--backend NAME]\n"
    "  deid      [--model DIR] [--operator NAME=surrogate,DATE=dateshift,*=tag] [--key K | --key-file F]\n"
    "            [--json] [--jsonl] [--mask-char C] [--max-shift-days N] [tag options] [FILE...]\n"
    "            (no --model: $MINIALBERT_MODEL, else the built-in default model directory)\n"
    "  classify  --model DIR [--max-length N] [--jsonl] [--backend NAME] [--threads N] [FILE...]\n"
    "            (a sequence-classification model: every label's score, best first)\n"
    "\n"
    "backends: auto (default), reference, scalar, scalar-qu7, xnnpack (native), wasmsimd, wasmrelaxedsimd (WebAssembly)\n";

struct command { const char * name; int (*run)(int, char **); };

int main(int argc, char ** argv) {
    static const command commands[] = {
        {"forward", cmd_forward},
        {"info", cmd_info},
        {"bench", cmd_bench},
        {"tokenize", cmd_tokenize},
        {"tag", cmd_tag},
        {"deid", cmd_deid},
        {"classify", cmd_classify},
    };
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        fputs(k_usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (const command & c : commands) {
        if (strcmp(argv[1], c.name)) continue;
        // "minialbert tag --help": the usage, which has every verb's options, rather than an error.
        for (int i = 2; i < argc; i++) {
            if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) return fputs(k_usage, stdout), 0;
        }
        const int status = c.run(argc - 1, argv + 1);
        // Output that could not be written (a full disk, a closed pipe) is a failure, not a success
        // with part of the result missing.
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "minialbert %s: cannot write the output: %s\n", c.name, errno ? strerror(errno) : "write error");
            return status ? status : 1;
        }
        return status;
    }
    fprintf(stderr, "minialbert: unknown command '%s'\n\n%s", argv[1], k_usage);
    return 2;
}
