// Keeps `npm run bench:gemm` working and checks what it compares: on small odd shapes (partial row
// tiles, partial panels, k not a multiple of 8, more than one cache block), this engine's f32 Linear
// layer must give XNNPACK's results (tfjs-backend-wasm, an independent implementation), and the
// int8 layer must stay within the quantization error of them. Node only; the first
// run builds gemm-bench.cpp with em++ into build-gemm-bench/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { REPO_ROOT } from '../../../web/demo/serve.mjs';
import { buildModules, runNode } from './gemm-vs-xnnpack.mjs';

test('bench:gemm: our Linear layers agree with XNNPACK on odd shapes', { timeout: 600_000 }, async () => {
    const buildDir = path.join(REPO_ROOT, 'build-gemm-bench');
    await buildModules(buildDir);
    const shapes = [[1, 1, 1], [5, 19, 33], [7, 45, 300], [3, 300, 3100]];
    const rows = await runNode({ shapes, rounds: 1, batchMs: 1, buildDir, quiet: true });
    // The SIMD128 build runs everywhere; a Node with relaxed SIMD adds the relaxed build's rows.
    assert.deepEqual(rows.filter((r) => r.build === 'simd128').map((r) => [r.m, r.n, r.k]), shapes);
    for (const r of rows) {
        const shape = `${r.m}x${r.n}x${r.k}`;
        // Both sum bias + x·w in k order: with separate multiplies and adds (SIMD128) equal up to
        // rounding; the relaxed build's FMA rounds each x·w + sum once, which differs more where the
        // sum cancels (1x1x1: y = b + x·w, 3e-5 of |y| under Node 24).
        const f32Tolerance = r.build === 'simd128' ? 1e-5 : 1e-4;
        assert.ok(r.ours_f32.rel_diff_vs_xnnpack < f32Tolerance, `${shape} f32 (${r.build}): ${r.ours_f32.rel_diff_vs_xnnpack}`);
        // Per-row int8 activations and per-channel int8 weights: ~0.5% of max |y| on random data.
        assert.ok(r.ours_int8.rel_diff_vs_xnnpack < 0.03, `${shape} int8: ${r.ours_int8.rel_diff_vs_xnnpack}`);
        for (const c of ['ours_f32', 'ours_int8', 'xnnpack_f32']) assert.ok(r[c].gflops > 0, `${shape} ${c} rate`);
        assert.ok(r.int8_ceiling.gops > 0, `${shape} int8 ceiling`);
    }
});
