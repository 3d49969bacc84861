// bench-forward.mjs: single-thread latency of forward() at seq 128 and 512, SIMD128 and relaxed SIMD
// builds, in Node and in headless Chromium, plus the peak memory while loading and the wasm memory
// after each length's runs (wasm memory only grows, so after 512 tokens it is the peak for a 512-token
// window). One JSON object per line. Default model: the full golden model (../shared/golden/full).
//
//   node tests/web/bench-forward.mjs [--model NAME|DIR] [--runs N] [--seq 128,512] [--node-only | --chromium-only]
//     NAME: a golden model (../shared/golden/NAME); DIR: a model directory inside the repository,
//     e.g. build-bench/full-int8 (npm run bench makes it)
//   node tests/web/bench-forward.mjs --smoke     one tiny-model run of each kind, to keep this working
//
// Node 20 runs relaxed SIMD only behind --experimental-wasm-relaxed-simd, so the Node part runs in a
// child process with that flag.
import { execFileSync, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { CHROMIUM, launchChromium } from './chromium.mjs';
import { GOLDEN_DIR, REPO_ROOT, startGoldenServer } from './helpers.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
};
const smoke = args.includes('--smoke');
const modelName = option('--model', smoke ? 'tiny' : 'full');

// Where a --model is on disk, and its path under the test server (which serves the repository at /
// and the golden models at /golden/).
function modelLocation(name) {
    if (!name.includes('/')) return { dir: path.join(GOLDEN_DIR, name), urlPath: `/golden/${name}/` };
    const dir = path.resolve(name);
    const relative = path.relative(REPO_ROOT, dir);
    if (relative.startsWith('..')) throw new Error(`bench-forward: --model ${name} must be inside the repository`);
    return { dir, urlPath: `/${relative.split(path.sep).join('/')}/` };
}
const runs = Number(option('--runs', smoke ? 1 : 5));
const seqs = option('--seq', smoke ? '16' : '128,512').split(',').map(Number);
const backends = ['wasmsimd', 'wasmrelaxedsimd'];

// Median forward() time over `runs` after one warm-up, on random ids; and load figures.
// Runs in Node and, unchanged, in the page (it only uses the public API).
async function measure({ moduleUrl, modelUrl, backend, seqs, runs }) {
    const { load } = await import(moduleUrl);
    const mem = () => (typeof process === 'object' ? process.memoryUsage() : null);
    const before = mem();
    let peakRss = before ? before.rss : 0;
    let peakJsHeap = globalThis.performance?.memory?.usedJSHeapSize || 0;
    const started = performance.now();
    const model = await load(modelUrl, {
        backend,
        numThreads: 1, // single-thread figures; tests/web/bench/threads.mjs measures threads
        onProgress: () => {
            const m = mem();
            if (m) peakRss = Math.max(peakRss, m.rss);
            if (globalThis.performance?.memory) peakJsHeap = Math.max(peakJsHeap, performance.memory.usedJSHeapSize);
        },
    });
    const loadMs = performance.now() - started;
    const after = mem();
    const out = {
        backend: model.info.backend, build: model.info.build, loadMs: Math.round(loadMs),
        weightBytes: model.info.weight_bytes, wasm: model.memoryStats(),
        // RSS over the load (Node): at its peak and once loaded; the gap is what loading held only
        // transiently (chunks, the JSON header, compile buffers).
        peakRssDeltaBytes: before ? Math.max(peakRss, after.rss) - before.rss : null,
        finalRssDeltaBytes: before ? after.rss - before.rss : null,
        peakJsHeapBytes: peakJsHeap || null, latency: {},
    };
    // CPU time of this thread, which the other processes of a shared machine do not inflate: Node's
    // process.cpuUsage(), or in the page the renderer main thread's time from the DevTools protocol
    // (cpuMs, exposed by the bench).
    const cpuMs = typeof process === 'object'
        ? async () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }
        : globalThis.cpuMs;
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const seq of seqs) {
        const ids = Array.from({ length: seq }, () => 1 + Math.floor(random() * (model.info.vocab_size - 1)));
        await model.forward({ inputIds: [ids] });
        const times = [];
        const cpu = [];
        for (let r = 0; r < runs; r++) {
            const c = await cpuMs();
            const t = performance.now();
            await model.forward({ inputIds: [ids] });
            times.push(performance.now() - t);
            cpu.push((await cpuMs()) - c);
        }
        const median = (xs) => +xs.sort((a, b) => a - b)[xs.length >> 1].toFixed(1);
        out.latency[seq] = {
            medianMs: median(times), minMs: +Math.min(...times).toFixed(1), medianCpuMs: median(cpu),
            wasm: model.memoryStats(),
        };
    }
    model.dispose();
    return out;
}

async function inNode() {
    const here = fileURLToPath(import.meta.url);
    const results = [];
    for (const backend of backends) {
        const child = spawn(process.execPath, ['--experimental-wasm-relaxed-simd', here, '--child', backend, modelName, String(runs), seqs.join()],
            { stdio: ['ignore', 'pipe', 'inherit'] });
        let text = '';
        child.stdout.on('data', (d) => (text += d));
        const code = await new Promise((resolve) => child.on('close', resolve));
        if (code !== 0) throw new Error(`node child for ${backend} exited with ${code}`);
        results.push(JSON.parse(text));
    }
    return results;
}

async function inChromium() {
    const server = await startGoldenServer();
    const browser = await launchChromium('minialbert-bench-', ['--enable-precise-memory-info']);
    const { context } = browser;
    const results = [];
    try {
        for (const backend of backends) {
            // A fresh page per build, so each starts from an empty wasm memory.
            const page = await context.newPage();
            const cdp = await context.newCDPSession(page);
            await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
            await page.exposeFunction('cpuMs', async () => {
                const { metrics } = await cdp.send('Performance.getMetrics');
                return 1000 * metrics.find((m) => m.name === 'TaskDuration').value;
            });
            await page.goto(`${server.base}web/demo/`);
            results.push(await page.evaluate(measure, {
                moduleUrl: '/web/index.js', modelUrl: modelLocation(modelName).urlPath, backend, seqs, runs,
            }));
            await page.close();
        }
    } finally {
        await browser.close();
        await server.close();
    }
    return results;
}

function machine() {
    const cpu = os.cpus()[0]?.model || 'unknown cpu';
    let chromium = null;
    try {
        chromium = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim();
    } catch { /* not installed: the Chromium part will fail and say so */ }
    return { cpu, cores: os.cpus().length, node: process.version, chromium, threads: 1 };
}

if (args[0] === '--child') {
    // Loads over HTTP from a server in this process, so the peak covers the streaming fetch path.
    const [, backend, name, n, seqList] = args;
    const server = await startGoldenServer();
    const moduleUrl = new URL('../../web/index.js', import.meta.url).href;
    const modelUrl = new URL(modelLocation(name).urlPath, server.base).href;
    const result = await measure({ moduleUrl, modelUrl, backend, seqs: seqList.split(',').map(Number), runs: Number(n) });
    await server.close();
    process.stdout.write(JSON.stringify(result));
} else {
    const fileBytes = statSync(path.join(modelLocation(modelName).dir, 'model.safetensors')).size;
    console.log(JSON.stringify({ machine: machine(), model: modelName, fileBytes, runs, seqs }));
    if (!args.includes('--chromium-only')) for (const r of await inNode()) console.log(JSON.stringify({ where: 'node', ...r }));
    if (!args.includes('--node-only')) for (const r of await inChromium()) console.log(JSON.stringify({ where: 'chromium', ...r }));
}
