#!/usr/bin/env python3
"""Generates core/tokenizer/unicode-tables.h from the Unicode Character Database.

The wasm build has no platform Unicode data, and the native one must give the same answers, so the
tokenizer carries its own tables. Input: Debian's `unicode-data` package (UnicodeData.txt,
SpecialCasing.txt in /usr/share/unicode). Usage:

    python3 core/tokenizer/gen-unicode-tables.py [/usr/share/unicode] > core/tokenizer/unicode-tables.h

Tables (all that BertTokenizer asks of `unicodedata` and `str`):
  - flags per code point, two-stage (block index + 128-entry blocks): general category C* (control,
    format, surrogate, private use, unassigned), Zs, P*, Mn, and Python's str.isspace
    (bidi class WS/B/S or category Zs);
  - full lower-case mapping as Python's str.lower per character: SpecialCasing.txt entries without a
    condition, else the simple mapping of UnicodeData.txt;
  - canonical decompositions (NFD), already applied recursively; Hangul syllables are decomposed by
    arithmetic in the C++ code;
  - canonical combining classes, as ranges, for the canonical reordering step of NFD.
"""
import os
import sys

BLOCK = 128
MAX_CP = 0x110000

FLAG_C, FLAG_ZS, FLAG_P, FLAG_MN, FLAG_SPACE = 1, 2, 4, 8, 16


def read_unicode_data(path):
    """-> {cp: fields}, expanding the <..., First>/<..., Last> ranges."""
    records = {}
    first = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split(";")
            cp = int(fields[0], 16)
            name = fields[1]
            if name.endswith(", First>"):
                first = cp
                continue
            if name.endswith(", Last>"):
                for c in range(first, cp + 1):
                    records[c] = fields
                first = None
                continue
            records[cp] = fields
    return records


def read_special_lower(path):
    """Unconditional full lower-case mappings of SpecialCasing.txt -> {cp: [cps]}."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = [p.strip() for p in line.split(";")]
            # code; lower; title; upper; (condition_list;)?  -- the trailing ';' leaves an empty field
            if len(parts) > 4 and parts[4]:
                continue
            out[int(parts[0], 16)] = [int(x, 16) for x in parts[1].split()]
    return out


def main():
    ucd = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
    records = read_unicode_data(os.path.join(ucd, "UnicodeData.txt"))
    special_lower = read_special_lower(os.path.join(ucd, "SpecialCasing.txt"))
    with open(os.path.join(ucd, "ReadMe.txt"), encoding="utf-8") as f:
        readme_date = next((l.strip("# \n") for l in f if l.startswith("# Date:")), "unknown date")

    # ---- flags ----
    flags = bytearray(MAX_CP)
    for cp in range(MAX_CP):
        rec = records.get(cp)
        cat = rec[2] if rec else "Cn"
        bidi = rec[4] if rec else ""
        v = 0
        if cat.startswith("C"):
            v |= FLAG_C
        if cat == "Zs":
            v |= FLAG_ZS
        if cat.startswith("P"):
            v |= FLAG_P
        if cat == "Mn":
            v |= FLAG_MN
        if bidi in ("WS", "B", "S") or cat == "Zs":
            v |= FLAG_SPACE
        flags[cp] = v

    blocks = []
    block_ids = {}
    stage1 = []
    for b in range(MAX_CP // BLOCK):
        chunk = bytes(flags[b * BLOCK:(b + 1) * BLOCK])
        if chunk not in block_ids:
            block_ids[chunk] = len(blocks)
            blocks.append(chunk)
        stage1.append(block_ids[chunk])
    assert len(blocks) < 256

    # ---- lower case ----
    simple_lower = []
    multi_lower = []
    for cp in sorted(records):
        rec = records[cp]
        if cp in special_lower:
            m = special_lower[cp]
            if len(m) > 1:
                multi_lower.append((cp, m))
                continue
            low = m[0]
        else:
            low = int(rec[13], 16) if rec[13] else cp
        if low != cp:
            simple_lower.append((cp, low))
    assert all(len(m) <= 3 for _, m in multi_lower)

    # ---- canonical decomposition, applied recursively ----
    canon = {}
    for cp, rec in records.items():
        d = rec[5]
        if d and not d.startswith("<"):
            canon[cp] = [int(x, 16) for x in d.split()]

    def full(cp):
        if cp not in canon:
            return [cp]
        out = []
        for c in canon[cp]:
            out.extend(full(c))
        return out

    decomp_index = []
    decomp_pool = []
    for cp in sorted(canon):
        d = full(cp)
        assert len(d) <= 4
        decomp_index.append((cp, len(decomp_pool), len(d)))
        decomp_pool.extend(d)

    # ---- canonical combining class ranges ----
    ccc_ranges = []
    for cp in sorted(records):
        ccc = int(records[cp][3])
        if ccc == 0:
            continue
        if ccc_ranges and ccc_ranges[-1][1] == cp - 1 and ccc_ranges[-1][2] == ccc:
            ccc_ranges[-1][1] = cp
        else:
            ccc_ranges.append([cp, cp, ccc])

    w = sys.stdout.write
    w("// Auto-generated file. Do not edit!\n")
    w("//   Generator: core/tokenizer/gen-unicode-tables.py\n")
    w("//   Source:    Unicode Character Database (%s), Debian package unicode-data\n" % readme_date)
    w("// Included by core/tokenizer/unicode.cpp only.\n")
    w("#pragma once\n\n#include <cstdint>\n\nnamespace mab::unicode_tables {\n\n")
    w("constexpr int FLAG_C = %d, FLAG_ZS = %d, FLAG_P = %d, FLAG_MN = %d, FLAG_SPACE = %d;\n\n"
      % (FLAG_C, FLAG_ZS, FLAG_P, FLAG_MN, FLAG_SPACE))
    w("constexpr int FLAGS_BLOCK_SHIFT = %d;\n\n" % (BLOCK.bit_length() - 1))

    def emit(decl, values, per_line=16, fmt="%d"):
        w(decl + " = {\n")
        for i in range(0, len(values), per_line):
            w("    " + ", ".join(fmt % v for v in values[i:i + per_line]) + ",\n")
        w("};\n\n")

    emit("static const uint8_t flags_stage1[%d]" % len(stage1), stage1, 24)
    w("static const uint8_t flags_stage2[%d][%d] = {\n" % (len(blocks), BLOCK))
    for blk in blocks:
        w("    {" + ",".join("%d" % v for v in blk) + "},\n")
    w("};\n\n")

    w("struct lower_entry { uint32_t cp; uint32_t lower; };\n")
    w("static const lower_entry lower_simple[%d] = {\n" % len(simple_lower))
    for cp, low in simple_lower:
        w("    {0x%04X, 0x%04X},\n" % (cp, low))
    w("};\n\n")
    w("struct lower_multi_entry { uint32_t cp; uint32_t n; uint32_t lower[3]; };\n")
    w("static const lower_multi_entry lower_multi[%d] = {\n" % len(multi_lower))
    for cp, m in multi_lower:
        w("    {0x%04X, %d, {%s}},\n" % (cp, len(m), ", ".join("0x%04X" % c for c in m + [0] * (3 - len(m)))))
    w("};\n\n")

    w("struct decomp_entry { uint32_t cp; uint16_t start; uint16_t n; };\n")
    w("static const decomp_entry decomp_index[%d] = {\n" % len(decomp_index))
    for cp, start, n in decomp_index:
        w("    {0x%04X, %d, %d},\n" % (cp, start, n))
    w("};\n\n")
    emit("static const uint32_t decomp_pool[%d]" % len(decomp_pool), decomp_pool, 12, "0x%04X")

    w("struct ccc_range { uint32_t first; uint32_t last; uint8_t ccc; };\n")
    w("static const ccc_range ccc_ranges[%d] = {\n" % len(ccc_ranges))
    for a, b, c in ccc_ranges:
        w("    {0x%04X, 0x%04X, %d},\n" % (a, b, c))
    w("};\n\n")
    w("} // namespace mab::unicode_tables\n")


if __name__ == "__main__":
    main()
