// Where onnxruntime-web's time goes on the full model: its own per-kernel profile (Node, wasm, one
// thread), split into the GEMMs against the weights, the attention products, and everything else
// (the "GEMM-free" part: LayerNorm, GELU, softmax, transposes, quantizing activations, ...), with
// the rate of the weight GEMMs in GFLOP/s (int8: counted as the same multiply-adds).
//
//   node tests/web/bench/ort-profile.mjs [--build-dir build-bench] [--seq 128,512] [--runs 5] [--warmup 2]
//
// Uses the models ort-vs-minialbert.mjs makes (run it first). onnxruntime writes its profile to
// stdout when the session ends, so each (model, seq) is profiled in a child process whose stdout
// carries nothing else. Figures are medians over the timed runs of the summed kernel times (ms).
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { REPO_ROOT, GOLDEN_DIR } from '../../../web/demo/serve.mjs';
import { median } from './bench-core.mjs';

const SELF = fileURLToPath(import.meta.url);
// Operators that multiply matrices (after onnxruntime's fusions): MatMul + scale/transpose
// (FusedMatMul), and the int8 ones quantize_dynamic's graph turns into.
const GEMM_OPS = new Set(['MatMul', 'FusedMatMul', 'Gemm', 'MatMulInteger', 'DynamicQuantizeMatMul', 'MatMulIntegerToFloat']);

async function child(onnx, seq, runs, warmup) {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    const meta = JSON.parse(await readFile(path.join(GOLDEN_DIR, 'full', 'cases.json'), 'utf8'));
    const c = meta.cases.find((x) => x.name === `single_len${seq}`);
    const tensor = (v) => new ort.Tensor('int64', BigInt64Array.from(v, (x) => BigInt(x)), [1, v.length]);
    const feeds = { input_ids: tensor(c.input_ids[0]), attention_mask: tensor(c.attention_mask[0]), token_type_ids: tensor(c.token_type_ids[0]) };
    const session = await ort.InferenceSession.create(onnx, { executionProviders: ['wasm'], enableProfiling: true });
    for (let i = 0; i < warmup + runs; i++) await session.run(feeds);
    session.endProfiling();
    await session.release();
}

/** Per timed run: {total, gemm, attention, other} in ms, from the profile's events. */
function splitRuns(events, warmup) {
    const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').slice(warmup);
    return runs.map((run) => {
        const out = { total: 0, gemm: 0, gemmFlops: 0, attention: 0, other: 0 };
        for (const e of events) {
            if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || e.ts < run.ts || e.ts > run.ts + run.dur) continue;
            const ms = e.dur / 1000;
            // The profile lists activation shapes (prepacked weights are left out) and the output's.
            const a = Object.values(e.args.input_type_shape[0] ?? {})[0] ?? [];
            const y = Object.values(e.args.output_type_shape[0] ?? {})[0] ?? [];
            out.total += ms;
            if (!GEMM_OPS.has(e.args.op_name)) {
                out.other += ms;
            } else if (a.length === 4) {
                out.attention += ms;   // q·kᵀ and P·v: [batch, heads, seq, ·] by [batch, heads, ·, ·]
            } else {
                // Activations [..., K] times a weight [K, N] (for int8 with the bias fused in).
                out.gemm += ms;
                out.gemmFlops += 2 * a.reduce((p, d) => p * d, 1) * y[y.length - 1];
            }
        }
        return out;
    });
}

function profile(onnx, seq, runs, warmup) {
    const r = spawnSync(process.execPath, [SELF, '--child', onnx, String(seq), String(runs), String(warmup)],
                        { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`profiling ${onnx} at ${seq} failed (status ${r.status})`);
    const events = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
    const perRun = splitRuns(events, warmup);
    const m = (k) => median(perRun.map((x) => x[k]));
    return { total: m('total'), gemm: m('gemm'), attention: m('attention'), other: m('other'),
             gflops: median(perRun.map((x) => x.gemmFlops / x.gemm / 1e6)) };
}

async function main(argv) {
    if (argv[0] === '--child') return child(argv[1], Number(argv[2]), Number(argv[3]), Number(argv[4]));
    const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
    const buildDir = path.resolve(opt('--build-dir', path.join(REPO_ROOT, 'build-bench')));
    const seqs = opt('--seq', '128,512').split(',').map(Number);
    const runs = Number(opt('--runs', '5'));
    const warmup = Number(opt('--warmup', '2'));
    const rows = [['dtype', 'seq', 'kernels ms', 'weight GEMM ms', 'weight GEMM GFLOP/s', 'attention matmul ms', 'GEMM-free ms',
                   'GEMM-free share']];
    for (const dtype of ['f32', 'int8']) {
        for (const seq of seqs) {
            const p = profile(path.join(buildDir, `full-${dtype}.onnx`), seq, runs, warmup);
            rows.push([dtype, String(seq), p.total.toFixed(1), p.gemm.toFixed(1), p.gflops.toFixed(1), p.attention.toFixed(1), p.other.toFixed(1),
                       `${(100 * p.other / p.total).toFixed(0)}%`]);
        }
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    console.log(`onnxruntime-web kernel profile, full model, Node, one thread, median of ${runs} runs after ${warmup} warm-up`);
    console.log([line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n'));
}

await main(process.argv.slice(2));
