#!/usr/bin/env python3
"""Rewrites pre-standard relaxed-SIMD opcodes in a .wasm file to the standard ones, in place.

Emscripten 3.1.6's LLVM 14 encodes the relaxed FMA as 0xfd 0xaf 0x01 ("f32x4.fma", the 2021
prototype). Engines (Chrome 114+, Node 20 behind --experimental-wasm-relaxed-simd)
implement the standard f32x4.relaxed_madd, 0xfd 0x85 0x02, and reject the old opcode, so the
relaxed build does not even compile without this rewrite. Both encodings are two LEB bytes, so
only those bytes change. The standard instruction computes a·b + c where LLVM 14 meant a + b·c;
kernels/f32-gemm/f32-gemm-wasmsimd.h passes its operands in the standard order.

LLVM 14 has no relaxed integer dot product at all. The int8 kernels
(kernels/qs8-qu7-gemm/qs8-qu7-gemm-wasmrelaxedsimd-dot.h) call __builtin_wasm_relaxed_swizzle_i8x16(a,
b) in its place, and that prototype opcode, 0xfd 0xa2 0x01 ("i8x16.relaxed_swizzle"), is rewritten
to the standard i16x8.relaxed_dot_i8x16_i7x16_s, 0xfd 0x92 0x02 (0x112): two v128 operands in the
same order (a int8, b 7-bit), one v128 result. Nothing else in the code base uses relaxed_swizzle,
and LLVM 14 emits it only for that builtin (never for a generic shuffle) and has no folding or
lane-level knowledge of it, so every 0xa2 in a module is one of those dots: llvm-objdump -d of
the relaxed kernels shows one i8x16.relaxed_swizzle per dot of the k loop, and the count this
script prints matches the kernels' (MR·NR/4 per qs8-qu7-gemm kernel function).

The one-instruction form, i32x4.relaxed_dot_i8x16_i7x16_add_s (0xfd 0x93 0x02, 0x113), likewise
goes through __builtin_wasm_laneselect_i32x4(a, b, acc) (kernels/wasmsimd/relaxed-dot.h), whose
prototype opcode 0xfd 0xd2 0x01 ("i32x4.laneselect") this script rewrites: three v128 operands in
the same order, one v128 result. Nothing else uses that builtin, and LLVM 14 emits i32x4.laneselect
only for it (the relaxed build's count matches the dotadd kernels' MR·NR/4 per k step, plus the
two of mab_relaxed_dot_add_lowering_probe()).
The code section is walked instruction by instruction (so immediates are never mistaken for
opcodes), atomics included (the relaxed threads build); any other prototype relaxed opcode, or an
opcode this walker does not know, is an error.

usage: fix-relaxed-simd.py module.wasm
"""
import sys

# prototype opcode -> (standard opcode, what the rewrite means), both two LEB bytes.
REWRITES = {
    0xAF: (0x105, "f32x4.fma -> f32x4.relaxed_madd"),
    0xA2: (0x112, "i8x16.relaxed_swizzle -> i16x8.relaxed_dot_i8x16_i7x16_s"),
    0xD2: (0x113, "i32x4.laneselect -> i32x4.relaxed_dot_i8x16_i7x16_add_s"),
}
# Gaps in the standard SIMD opcode space where LLVM 14 put the other relaxed-SIMD prototypes.
PROTOTYPE_RELAXED = {0xA5, 0xA6, 0xB0, 0xB2, 0xB3, 0xB4, 0xBB, 0xC2, 0xC5, 0xC6, 0xCF, 0xD0, 0xD2,
                     0xD3, 0xD4, 0xE2, 0xEE, 0x111, 0x112, 0x113}


class WasmError(Exception):
    pass


class Reader:
    def __init__(self, data, pos, end):
        self.data, self.pos, self.end = data, pos, end

    def byte(self):
        if self.pos >= self.end:
            raise WasmError(f"unexpected end at offset {self.pos}")
        b = self.data[self.pos]
        self.pos += 1
        return b

    def leb(self):
        result, shift = 0, 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return result

    def skip(self, n):
        if self.pos + n > self.end:
            raise WasmError(f"unexpected end at offset {self.pos}")
        self.pos += n


def memarg(r):
    r.leb()
    r.leb()


def simd(r, data, fixed):
    start = r.pos
    op = r.leb()
    if op <= 11 or op in (92, 93):             # loads, splat loads, store, load_zero
        memarg(r)
    elif op in (12, 13):                        # v128.const, i8x16.shuffle
        r.skip(16)
    elif 21 <= op <= 34:                        # extract / replace lane
        r.skip(1)
    elif 84 <= op <= 91:                        # load / store lane
        memarg(r)
        r.skip(1)
    elif op in REWRITES:
        new, what = REWRITES[op]
        if r.pos - start != 2:
            raise WasmError(f"unexpected encoding of 0xfd {op:#x} at offset {start}")
        data[start] = 0x80 | (new & 0x7F)
        data[start + 1] = new >> 7
        fixed.append(what)
    elif op in PROTOTYPE_RELAXED:
        raise WasmError(f"prototype relaxed-SIMD opcode 0xfd {op:#x} at offset {start} has no rewrite here")
    elif op > 0xFF:
        raise WasmError(f"unknown SIMD opcode 0xfd {op:#x} at offset {start}")


def instructions(r, data, fixed):
    while r.pos < r.end:
        op = r.byte()
        if op in (0x02, 0x03, 0x04):                  # block, loop, if: block type
            b = r.data[r.pos]
            if b == 0x40 or b in (0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F):
                r.skip(1)
            else:
                r.leb()
        elif op in (0x0C, 0x0D, 0x10, 0x12, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xD2):
            r.leb()
        elif op == 0x0E:                               # br_table
            for _ in range(r.leb() + 1):
                r.leb()
        elif op in (0x11, 0x13):                       # call_indirect, return_call_indirect
            r.leb()
            r.leb()
        elif op == 0x1C:                               # select t*
            r.skip(r.leb())
        elif 0x28 <= op <= 0x3E:                       # loads and stores
            memarg(r)
        elif op in (0x3F, 0x40):                       # memory.size, memory.grow
            r.skip(1)
        elif op in (0x41, 0x42):                       # i32.const, i64.const
            r.leb()
        elif op == 0x43:
            r.skip(4)
        elif op == 0x44:
            r.skip(8)
        elif op == 0xD0:                               # ref.null t
            r.skip(1)
        elif op == 0xFC:
            sub = r.leb()
            if sub in (8, 12, 14):                     # memory.init, table.init, table.copy
                r.leb()
                r.leb() if sub != 8 else r.skip(1)
            elif sub in (9, 13, 15, 16, 17):
                r.leb()
            elif sub == 10:                            # memory.copy
                r.skip(2)
            elif sub == 11:                            # memory.fill
                r.skip(1)
            elif sub > 17:
                raise WasmError(f"unknown opcode 0xfc {sub:#x} at offset {r.pos}")
        elif op == 0xFD:
            simd(r, data, fixed)
        elif op == 0xFE:                               # threads: atomics (the -pthread builds)
            sub = r.leb()
            if sub == 0x03:                            # atomic.fence: one reserved byte
                r.skip(1)
            elif sub <= 0x02 or 0x10 <= sub <= 0x4E:   # notify, wait32/64, atomic loads, stores, rmw
                memarg(r)
            else:
                raise WasmError(f"unknown opcode 0xfe {sub:#x} at offset {r.pos}")
        elif op in (0x00, 0x01, 0x05, 0x0B, 0x0F, 0x1A, 0x1B, 0xD1) or 0x45 <= op <= 0xC4:
            pass
        else:
            raise WasmError(f"unknown opcode {op:#x} at offset {r.pos - 1}")


def fix(data):
    if data[:8] != b"\0asm\x01\0\0\0":
        raise WasmError("not a WebAssembly module (version 1)")
    fixed = []
    r = Reader(data, 8, len(data))
    while r.pos < len(data):
        section = r.byte()
        size = r.leb()
        end = r.pos + size
        if section == 10:
            body = Reader(data, r.pos, end)
            for _ in range(body.leb()):
                body_size = body.leb()
                body_end = body.pos + body_size
                for _ in range(body.leb()):            # local declarations
                    body.leb()
                    body.skip(1)
                instructions(Reader(data, body.pos, body_end), data, fixed)
                body.pos = body_end
        r.pos = end
    return fixed


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    path = sys.argv[1]
    data = bytearray(open(path, "rb").read())
    try:
        fixed = fix(data)
    except WasmError as e:
        sys.exit(f"{path}: {e}")
    with open(path, "wb") as f:
        f.write(data)
    counts = "; ".join(f"{fixed.count(what)} {what}" for _, what in REWRITES.values())
    print(f"{path}: {counts}")


if __name__ == "__main__":
    main()
