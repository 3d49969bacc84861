// threads.mjs: forward() latency with 1 and 2 threads at 128 and 512 tokens (a benchmark that prints
// figures, not a test): native (build/minialbert bench, xnnpack and our packed kernels), wasm in Node
// (the SIMD128 build vs the threads build, and the relaxed builds where Node has relaxed SIMD) and
// wasm in headless Chromium on a cross-origin isolated page (both kinds). Default model: the full
// golden model (../shared/golden/full). In wasm the thread counts' models are loaded side by side
// and take turns (native: one bench process per count, one after the other). The CPU load of the
// machine is printed before and after, because other processes on the same cores change the figures
// more than anything else.
//
//   npm run bench:threads -- [--runs 5] [--seq 128,512] [--threads 1,2] [--native build/minialbert]
//                            [--skip native,node,chromium] [--model DIR]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { GOLDEN_DIR, REPO_ROOT } from '../../../web/demo/serve.mjs';
import { relaxedSimdSupported } from '../../../web/src/bindings.js';
import { withBrowser } from './browser.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(option('--runs', 5));
const seqs = option('--seq', '128,512').split(',').map(Number);
const threadCounts = option('--threads', '1,2').split(',').map(Number);
const native = path.resolve(REPO_ROOT, option('--native', 'build/minialbert'));
const skip = new Set(option('--skip', '').split(',').filter(Boolean));
const modelDir = path.resolve(REPO_ROOT, option('--model', path.join(GOLDEN_DIR, 'full')));

// Busy share of every core over `ms`, from /proc/stat (Linux), and the load averages.
async function cpuLoad(ms = 1000) {
    const sample = () => readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    let busy = null;
    if (existsSync('/proc/stat')) {
        const a = sample();
        await new Promise((resolve) => setTimeout(resolve, ms));
        const b = sample();
        const d = b.map((x, i) => x - a[i]);
        const idle = d[3] + d[4]; // idle + iowait
        const total = d.reduce((s, x) => s + x, 0);
        busy = total ? (total - idle) / total : null;
    }
    return { cores: os.cpus().length, busy, loadavg: os.loadavg() };
}

const describeLoad = (l) => `${l.cores} cores, ${l.busy === null ? '?' : (100 * l.busy).toFixed(0) + '%'} busy over 1 s ` +
    `before measuring (other processes), load average ${l.loadavg.map((x) => x.toFixed(2)).join(' ')}`;

// Median forward() milliseconds per sequence length for each of `configs` (load() options, one
// model each, all loaded side by side), on fixed random ids: after one warm-up call each, the models
// take turns, one call each per run, so that every thread count sees the same moments of the
// machine (an idle pool waits on a condition variable, so it takes no CPU from the others). Runs in
// Node and, unchanged, in the page (it only uses the public API).
async function measure({ moduleUrl, modelUrl, configs, seqs, runs }) {
    const { load } = await import(moduleUrl);
    const models = [];
    for (const options of configs) models.push(await load(modelUrl, options));
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const out = models.map((m) => ({ build: m.info.build, backend: m.info.backend, threads: m.info.n_threads, ms: {} }));
    for (const seq of seqs) {
        const ids = Array.from({ length: seq }, () => 1 + Math.floor(random() * (models[0].info.vocab_size - 1)));
        const times = models.map(() => []);
        for (const model of models) await model.forward({ inputIds: [ids] });
        for (let r = 0; r < runs; r++) {
            for (const [i, model] of models.entries()) {
                const t = performance.now();
                await model.forward({ inputIds: [ids] });
                times[i].push(performance.now() - t);
            }
        }
        for (const [i, t] of times.entries()) out[i].ms[seq] = t.sort((a, b) => a - b)[t.length >> 1];
    }
    for (const model of models) model.dispose();
    return out;
}

// One row per (runtime, kernels, tokens): the median ms for each thread count.
const rows = [];
function record(runtime, kernels, threads, ms) {
    for (const [seq, value] of Object.entries(ms)) {
        let row = rows.find((r) => r.runtime === runtime && r.kernels === kernels && r.seq === Number(seq));
        if (!row) rows.push(row = { runtime, kernels, seq: Number(seq), ms: {} });
        row.ms[threads] = value;
    }
}

function inNative() {
    if (!existsSync(native)) {
        console.log(`native: ${native} not built (npm run build:native), skipped`);
        return;
    }
    for (const backend of ['xnnpack', 'scalar']) {
        for (const t of threadCounts) {
            const text = execFileSync(native, ['bench', '--model', modelDir, '--seq', seqs.join(), '--runs', String(runs),
                '--backend', backend, '--threads', String(t)], { encoding: 'utf8' });
            const ms = {};
            for (const line of text.split('\n')) {
                const m = line.trim().match(/^(\d+)\s+([\d.]+)\s/);
                if (m) ms[m[1]] = Number(m[2]);
            }
            record('native', backend, t, ms);
        }
    }
}

// wasmsimd: numThreads 1 is the SIMD128 build, more the threads build; wasmrelaxedsimd: the relaxed
// build and the relaxed threads build.
async function inNode() {
    for (const backend of relaxedSimdSupported() ? ['wasmsimd', 'wasmrelaxedsimd'] : ['wasmsimd']) {
        const results = await measure({
            moduleUrl: pathToFileURL(path.join(REPO_ROOT, 'web/index.js')).href, modelUrl: modelDir,
            configs: threadCounts.map((t) => ({ numThreads: t, backend })), seqs, runs,
        });
        for (const [i, r] of results.entries()) {
            record('node', backend, r.threads, r.ms);
            console.log(`node: ${backend}, numThreads ${threadCounts[i]} ran the ${r.build} build, ${r.threads} thread(s)`);
        }
    }
}

async function inChromium() {
    await withBrowser('chromium', { '/': REPO_ROOT, '/model/': modelDir }, { crossOriginIsolated: true }, async (openPage) => {
        for (const backend of ['wasmsimd', 'wasmrelaxedsimd']) {
            const page = await openPage(); // a fresh page per backend
            const results = await page.evaluate(measure, {
                moduleUrl: '/web/index.js', modelUrl: '/model/',
                configs: threadCounts.map((t) => ({ numThreads: t, backend })), seqs, runs,
            });
            for (const [i, r] of results.entries()) {
                record('chromium', backend, r.threads, r.ms);
                console.log(`chromium: ${backend}, numThreads ${threadCounts[i]} ran the ${r.build} build, ${r.threads} thread(s)`);
            }
            await page.close();
        }
    });
}

const loadBefore = await cpuLoad();
console.log(`model ${modelDir}, median of ${runs} runs after 1 warm-up (wasm: the thread counts alternating), ${os.cpus()[0]?.model || 'unknown cpu'}`);
console.log(`CPU load: ${describeLoad(loadBefore)}`);
if (!skip.has('native')) inNative();
if (!skip.has('node')) await inNode();
if (!skip.has('chromium')) await inChromium();
const loadAfter = await cpuLoad();

const [one, ...more] = threadCounts;
const header = ['runtime', 'kernels', 'tokens', ...threadCounts.map((t) => `${t} thr ms`), ...more.map((t) => `${t}/${one} speedup`)];
const table = rows.map((r) => [r.runtime, r.kernels, String(r.seq), ...threadCounts.map((t) => (r.ms[t] ?? NaN).toFixed(1)),
    ...more.map((t) => `${(r.ms[one] / r.ms[t]).toFixed(2)}x`)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log('');
console.log(line(header));
for (const row of table) console.log(line(row));
console.log('');
console.log(`CPU load after: ${describeLoad(loadAfter)}`);
