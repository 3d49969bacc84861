#!/usr/bin/env bash
# The CLI's refusals: every mistake exits non-zero with a message on stderr that says what is wrong,
# never a crash, an empty result or a silently changed value. Status 2 is a usage mistake (an unknown
# option, a bad option value, a missing one), found before anything loads; 1 is an input, file or
# model that cannot be used.
#   tests/cli/test-cli-errors.sh build/minialbert GOLDEN_DIR
set -u
cli=$1 golden=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# expect STATUS PATTERN -- ARGS...: runs the CLI with ARGS (stdin from $stdin, default /dev/null).
expect() {
    local want=$1 pattern=$2
    shift 3
    local out err status
    err=$("$cli" "$@" < "${stdin:-/dev/null}" 2>&1 >"$tmp/out")
    status=$?
    if [ "$status" != "$want" ] || ! grep -Eq -- "$pattern" <<<"$err"; then
        echo "FAIL: minialbert $* -> status $status (want $want), stderr: $err"
        failures=$((failures + 1))
    fi
}

echo 'Seen on 03/14/2021, call 617-555-0134.' > "$tmp/note.txt"
mkdir "$tmp/dir" "$tmp/model" && mkdir "$tmp/model/config.json"

# A directory or a closed stdin is an error, not an empty text.
expect 1 "cannot read '.*dir': it is a directory" -- tag --no-model "$tmp/dir"
expect 1 "cannot read --deny file .*: it is a directory" -- tag --no-model --deny "$tmp/dir" "$tmp/note.txt"
expect 1 "cannot read --key-file .*: it is a directory" -- deid --no-model --key-file "$tmp/dir" "$tmp/note.txt"
err=$("$cli" tag --no-model <&- 2>&1 >/dev/null); status=$?
if [ "$status" = 0 ] || ! grep -q "cannot read stdin" <<<"$err"; then echo "FAIL: closed stdin -> $status: $err"; failures=$((failures + 1)); fi
# An empty key is everybody's key.
: > "$tmp/empty-key"
expect 1 "the key is empty" -- deid --no-model --key-file "$tmp/empty-key" "$tmp/note.txt"
expect 2 "the key is empty" -- deid --no-model --key "" "$tmp/note.txt"
# The key and the input cannot both come from stdin: the input would be empty, "no PHI".
expect 2 "--key-file - reads the key from stdin, which the input is read from too" -- deid --no-model --key-file -
expect 2 "--key-file - reads the key from stdin" -- deid --no-model --key-file - "$tmp/note.txt" -
# Numbers are numbers, in range.
expect 2 "--stride must be an integer from -1 to 1000000, got 'abc'" -- tag --no-model --stride abc "$tmp/note.txt"
# An option given twice would leave its first value unused.
expect 2 "option --rules is given twice" -- tag --no-model --rules phone --rules date "$tmp/note.txt"
expect 2 "--max-length must be an integer from 0 to 1000000, got '-7'" -- tag --no-model --max-length -7 "$tmp/note.txt"
expect 2 "--min-score must be a number from 0 to 1, got 'nan'" -- tag --no-model --min-score nan "$tmp/note.txt"
expect 2 "--max-shift-days must be an integer from 1 to 36500, got '99999999999'" -- deid --no-model --max-shift-days 99999999999 "$tmp/note.txt"
expect 2 "--threads must be an integer from 0 to 64, got 'abc'" -- bench --model "$golden/tiny" --threads abc
expect 2 "--runs must be an integer from 1 to 1000000, got '0'" -- bench --model "$golden/tiny" --seq 16 --runs 0
expect 2 "--aggregation must be none, simple, first, average or max, got 'mean'" -- tag --no-model --aggregation mean "$tmp/note.txt"
expect 2 "--offsets must be utf16 or codepoints, got 'bytes'" -- deid --no-model --offsets bytes "$tmp/note.txt"
# A bad deid option is refused before the model loads: a model that cannot load is not reached.
expect 2 "--max-shift-days must be an integer from 1 to 36500, got '0'" -- deid --model "$tmp/model" --max-shift-days 0 "$tmp/note.txt"
expect 2 "--seq must be a comma-separated list of positive lengths, got '16,'" -- bench --model "$golden/tiny" --seq 16,
# bench refuses a shape before allocating it.
expect 2 "--seq 100000 exceeds the model's max_position_embeddings" -- bench --model "$golden/tiny" --seq 100000
expect 2 "--batch must be an integer from 1 to 1000000, got '2000000000'" -- bench --model "$golden/tiny" --seq 16 --batch 2000000000
# Extra arguments are refused where a verb takes none.
expect 2 "unexpected argument 'extra'" -- info --model "$golden/tiny" extra
expect 2 "unexpected argument 'extra'" -- bench --model "$golden/tiny" extra
# classify needs a sequence-classification model, and a window that fits it.
expect 2 "classify: --model DIR is required" -- classify "$tmp/note.txt"
expect 1 "^minialbert classify: the model has no sequence-classification head" -- classify --model "$golden/tiny" "$tmp/note.txt"
expect 2 "--max-length must be an integer from 0 to 1000000, got 'abc'" -- classify --model "$golden/tiny-seqcls" --max-length abc
expect 2 "max_length 9999 is outside 0 \(the model's\) \.\. 512" -- classify --model "$golden/tiny-seqcls" --max-length 9999 "$tmp/note.txt"
# What depends on the model's window is checked once it is loaded, before any input is read.
expect 2 "stride 1000 must be below the 510 text tokens of a window of 512" -- tag --model "$golden/tiny" --stride 1000 "$tmp/dir"
expect 2 "max_length 2 leaves no room for text tokens" -- deid --model "$golden/tiny" --max-length 2 "$tmp/dir"
# A tagging config the tagger refuses names the model directory it is in.
mkdir "$tmp/bad-config"
for f in "$golden/tiny"/*; do ln -s "$f" "$tmp/bad-config/"; done
rm "$tmp/bad-config/config.json"
sed '0,/{/s//{"label_types": 5,/' "$golden/tiny/config.json" > "$tmp/bad-config/config.json"
expect 1 "^minialbert tag: .*/bad-config: config.json: \"label_types\" must be an object of strings" -- tag --model "$tmp/bad-config" "$tmp/note.txt"
# A special token the vocabulary lacks is blamed on the file that named it, not on vocab.txt.
mkdir "$tmp/special-map"
for f in "$golden/tiny"/*; do ln -s "$f" "$tmp/special-map/"; done
echo '{"unk_token": "<unk>"}' > "$tmp/special-map/special_tokens_map.json"
expect 1 "^minialbert tag: .*/special-map: special_tokens_map.json: unk_token '<unk>' is not in vocab.txt \(1000 tokens\)" -- tag --model "$tmp/special-map" "$tmp/note.txt"
echo '{"cls_token": "<s>"}' > "$tmp/special-map/special_tokens_map.json"
expect 1 "special_tokens_map.json: cls_token '<s>' is not in vocab.txt, so it got id 1000, past the model's vocab_size 1000" -- tag --model "$tmp/special-map" "$tmp/note.txt"
# A window with no room for text beside [CLS] and [SEP] is refused at load, not at every tag.
mkdir "$tmp/tiny-window"
for f in "$golden/tiny"/*; do ln -s "$f" "$tmp/tiny-window/"; done
rm -f "$tmp/tiny-window/tokenizer_config.json"
echo '{"do_lower_case": true, "model_max_length": 2}' > "$tmp/tiny-window/tokenizer_config.json"
expect 1 "a window of 2 tokens \(the tokenizer's model_max_length\) leaves no room for text beside the 2 special tokens" -- tag --model "$tmp/tiny-window" "$tmp/note.txt"
# A directory where a model file should be is named as such.
expect 1 "it is a directory, not a file" -- info --model "$tmp/model"
# forward: an id past int64 is reported as written, not wrapped.
echo '{"input_ids": [[2, 18446744073709551615, 3]]}' > "$tmp/in.json"
expect 1 "18446744073709551615, not an integer that int32 holds" -- forward --model "$golden/tiny" --input "$tmp/in.json"
# The core's own refusal, prefixed once.
echo '{"input_ids": [[2, 999999, 3]]}' > "$tmp/oov.json"
expect 1 "^minialbert forward: input_ids\[0\]\[1\] = 999999 is outside the vocabulary" -- forward --model "$golden/tiny" --input "$tmp/oov.json"
# forward: a row longer than the model's positions is refused before its outputs are allocated.
{ printf '{"input_ids": [['; yes 2 | head -n 100000 | paste -sd, -; printf ']]}'; } > "$tmp/long.json"
expect 1 "long.json: rows of 100000 ids exceed max_position_embeddings" -- forward --model "$golden/tiny" --input "$tmp/long.json"
# JSON nested past 64 levels: refused before anything recurses into it.
{ printf '{"input_ids": '; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; printf '}'; } > "$tmp/deep.json"
expect 1 "deep.json: nested deeper than 64 levels" -- forward --model "$golden/tiny" --input "$tmp/deep.json"
# A text past MAB_MAX_TEXT_BYTES (8 MiB) is refused, with the size and what to do, once that much has
# been read: an endless input is not read until the memory runs out.
head -c 8388609 /dev/zero | tr '\0' a > "$tmp/big.txt"
expect 1 "cannot read '.*big.txt': it has more than 8388608 bytes, the most one text may have; split it" -- tag --no-model "$tmp/big.txt"
stdin=/dev/zero expect 1 "cannot read stdin: it has more than 8388608 bytes" -- tokenize --model "$golden/tiny"
expect 1 "/dev/zero line 1: longer than 50335744 bytes" -- tag --no-model --jsonl /dev/zero
# forward: rows of different lengths are ragged, empty ones too; a missing option is a usage mistake.
echo '{"input_ids": [[], [], [5, 6]]}' > "$tmp/empty-rows.json"
expect 1 "\"input_ids\" is ragged: row 2 has 2 entries, expected 0" -- forward --model "$golden/tiny" --input "$tmp/empty-rows.json"
expect 2 "--model DIR and --input IN.json are required" -- forward --model "$golden/tiny"
expect 1 "cannot read --input '.*dir': it is a directory" -- forward --model "$golden/tiny" --input "$tmp/dir"
expect 1 "cannot read --vocab '.*dir': it is a directory" -- tokenize --vocab "$tmp/dir"
# An option no model would take is a usage mistake, found before a model loads (a model that
# cannot load is not reached); an operator's type and subtype, once the model is loaded.
for verb in tag deid info bench forward classify; do
    case $verb in
        tag | deid | classify) input=("$tmp/note.txt") ;;
        forward) input=(--input "$tmp/in.json") ;;
        *) input=() ;;
    esac
    expect 2 "backend 'bogus' is not built into this binary \(available: auto, " -- $verb --model "$tmp/model" --backend bogus "${input[@]}"
done
expect 2 "unknown rule family 'bogus'" -- tag --model "$tmp/model" --rules bogus "$tmp/note.txt"
expect 2 "unknown operator 'bogus'" -- deid --model "$tmp/model" --operator bogus "$tmp/note.txt"
expect 2 "operators: 'NAME' is given twice" -- deid --model "$tmp/model" --operator NAME=tag,NAME=redact "$tmp/note.txt"
expect 2 "operators: no ID entity has the subtype 'SNN'" -- deid --operator 'ID/SNN=mask,*=keep' "$tmp/note.txt"
printf '\n\n' > "$tmp/blank.jsonl"
expect 2 "operators: no entity has the type 'name'" -- deid --operator name=surrogate --jsonl "$tmp/blank.jsonl"
# So is a label to ignore that is not what the aggregation compares ("0" for "O", a full label where
# group tags are compared).
expect 2 "a label to ignore, 'B-NAM', is not a group tag .*, which aggregation 'first' compares: expected one of DATE, NAME, O" -- tag --model "$golden/tiny" --ignore-labels O,B-NAM "$tmp/note.txt"
expect 2 "a label to ignore, 'NAME', is not a label of the model, which aggregation 'none' compares: expected one of B-DATE, B-NAME, I-DATE, I-NAME, O" -- tag --model "$golden/tiny" --aggregation none --ignore-labels NAME "$tmp/note.txt"
expect 2 "a label to ignore, '0', is not" -- deid --ignore-labels 0 --jsonl "$tmp/blank.jsonl"
# A list entry with a broken byte is refused; a byte-order mark is no part of the first entry.
printf 'Jane \xff Roe\n' > "$tmp/bad-deny.txt"
expect 2 "deny-list line 1: not valid UTF-8 \(byte 0xFF at offset 5\)" -- tag --no-model --deny "$tmp/bad-deny.txt" "$tmp/note.txt"
printf '\xef\xbb\xbfJane Roe\n' > "$tmp/bom-deny.txt"
echo 'Seen with Jane Roe today.' > "$tmp/jane.txt"
"$cli" tag --no-model --deny "$tmp/bom-deny.txt" "$tmp/jane.txt" | grep -q '"source":"deny-list:Jane Roe"' ||
    { echo "FAIL: a deny-list with a byte-order mark"; failures=$((failures + 1)); }
# Output that cannot be written is a failure.
if [ -w /dev/full ]; then
    err=$("$cli" deid --no-model --key k "$tmp/note.txt" 2>&1 >/dev/full); status=$?
    if [ "$status" != 1 ] || ! grep -q "^minialbert deid: cannot write the output: No space left on device" <<<"$err"; then
        echo "FAIL: output to /dev/full -> status $status: $err"; failures=$((failures + 1))
    fi
fi
# deid: one key, one ASCII mask character.
expect 2 "give --key or --key-file, not both" -- deid --no-model --key a --key-file "$tmp/note.txt" "$tmp/note.txt"
expect 2 "--mask-char must be one ASCII character" -- deid --no-model --mask-char "$(printf '\xff')" "$tmp/note.txt"
# --jsonl: each bad line says what is wrong and where, and never quotes the line (it may be PHI).
printf '{"text": "Dr. Ann \xff Lee"}\n' > "$tmp/bad-utf8.jsonl"
printf '{"text": "Ann Lee"}\n["Ann Lee"]\n' > "$tmp/array.jsonl"
printf '{"text": "Ann Lee"\n' > "$tmp/not-json.jsonl"
printf '{"txt": "Ann Lee"}\n' > "$tmp/no-text.jsonl"
printf '{"text": 5}\n' > "$tmp/number.jsonl"
printf '{"text": "Ann Lee", "n": -1e999}\n' > "$tmp/huge-number.jsonl"
printf '{"text": "Ann Lee"}\0 garbage {{{\n' > "$tmp/nul.jsonl"
for verb in tag deid; do
    expect 1 "bad-utf8.jsonl line 1: not valid UTF-8 \(byte 0xFF at offset 18\)$" -- $verb --no-model --jsonl "$tmp/bad-utf8.jsonl"
    expect 1 "array.jsonl line 2: a JSON array, not an object; expected" -- $verb --no-model --jsonl "$tmp/array.jsonl"
    expect 1 "not-json.jsonl line 1: not JSON \(syntax error at byte 19\)" -- $verb --no-model --jsonl "$tmp/not-json.jsonl"
    expect 1 "no-text.jsonl line 1: an object without \"text\"" -- $verb --no-model --jsonl "$tmp/no-text.jsonl"
    expect 1 "number.jsonl line 1: \"text\" is a number, not a string" -- $verb --no-model --jsonl "$tmp/number.jsonl"
    expect 1 "huge-number.jsonl line 1: a number in it is too large for a double \(such as 1e999\)" -- $verb --no-model --jsonl "$tmp/huge-number.jsonl"
    expect 1 "nul.jsonl line 1: not JSON \(a NUL byte at offset 19\)" -- $verb --no-model --jsonl "$tmp/nul.jsonl"
done
stdin="$tmp/bad-utf8.jsonl" expect 1 "stdin line 1: not valid UTF-8" -- tokenize --model "$golden/tiny" --jsonl
stdin="$tmp/bad-utf8.jsonl" expect 1 "^minialbert tag: stdin line 1: not valid UTF-8" -- tag --no-model --jsonl
expect 1 "number.jsonl line 1: \"text\" is a number" -- classify --model "$golden/tiny-seqcls" --jsonl "$tmp/number.jsonl"
for f in "$tmp"/*.jsonl; do
    if "$cli" tag --no-model --jsonl "$f" 2>&1 >/dev/null | grep -q "Ann\|Lee"; then
        echo "FAIL: the message for $f quotes the line"; failures=$((failures + 1))
    fi
done

# Help per verb; and valid input still works.
"$cli" tag --help | grep -q "usage: minialbert" || { echo "FAIL: tag --help"; failures=$((failures + 1)); }
"$cli" deid --no-model --key k --max-shift-days 36500 --operator '*=dateshift' "$tmp/note.txt" | grep -Eq '^Seen on [0-9]{2}/[0-9]{2}/[0-9]{4}, ' ||
    { echo "FAIL: deid with the longest shift"; failures=$((failures + 1)); }

[ "$failures" = 0 ] && echo "all CLI refusals as expected"
exit $((failures > 0))
