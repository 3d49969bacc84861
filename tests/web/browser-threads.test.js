// The threads builds in headless Chromium or Firefox (browsers.mjs): a page served cross-origin
// isolated (COOP + COEP, as web/demo/serve.mjs serves the demo) gets the relaxed-SIMD threads build
// by itself (both have relaxed SIMD), with the golden logits and the bits of the one-thread relaxed
// build, on the page and in loadInWorker's worker (nested workers); backend 'wasmsimd' gets the
// SIMD128 threads build and the bits of the SIMD128 build; a trap in the pool's threads fails the
// runtime with WASM_TRAP and raises nothing on the page; a page without those headers runs one
// thread and says why on the console.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { GOLDEN_DIR, REPO_ROOT, createServer, listen } from '../../web/demo/serve.mjs';
import { BROWSER, launchBrowser } from './browsers.mjs';
import { logitsTolerance } from './helpers.mjs';

const PAGE = 'tests/web/bench/page.html'; // an empty same-origin page

let isolated;
let plain;
let noWorkerScript;
let stalledWorkerScript;
const workerScriptRequests = []; // of stalledWorkerScript, with their query
let browser;
let context;

// `before` may answer a request itself (see serve.mjs).
async function startServer(crossOriginIsolated, before = undefined) {
    const server = createServer({ '/': REPO_ROOT, '/golden/': GOLDEN_DIR }, { crossOriginIsolated, before });
    server.keepAliveTimeout = 120_000; // forward() blocks the page, not this server, but loads are long
    const base = await listen(server);
    return { base, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
}

before(async () => {
    isolated = await startServer(true);
    plain = await startServer(false);
    // A deployment that forgot the threads builds' worker scripts.
    noWorkerScript = await startServer(true, (req, res, url) => {
        if (!/^\/web\/dist\/.*\.worker\.js$/.test(url.pathname)) return false;
        res.writeHead(404).end();
        return true;
    });
    // A connection that goes quiet in the middle of a worker script, the first time each is asked for.
    const stalled = new Set();
    stalledWorkerScript = await startServer(true, (req, res, url) => {
        if (!/^\/web\/dist\/.*\.worker\.js$/.test(url.pathname)) return false;
        workerScriptRequests.push(url.pathname + url.search);
        if (stalled.has(url.pathname)) return false;
        stalled.add(url.pathname);
        res.writeHead(200, { 'content-type': 'text/javascript', 'content-length': 100_000 });
        res.write('"use strict";');
        return true;
    });
    browser = await launchBrowser('minialbert-threads-');
    ({ context } = browser);
});

after(async () => {
    await browser?.close();
    await isolated?.close();
    await plain?.close();
    await noWorkerScript?.close();
    await stalledWorkerScript?.close();
});

async function openPage(server) {
    const page = await context.newPage();
    const console = [];
    page.on('console', (m) => console.push({ type: m.type(), text: m.text() }));
    page.on('pageerror', (e) => console.push({ type: 'pageerror', text: e.message }));
    await page.goto(`${server.base}${PAGE}`);
    return { page, console };
}

// Runs in the page: every golden case of `model` through load() with `options` (and, with
// inWorker, through loadInWorker); the logits' bits as hex, the worst |Δlogit| against the goldens.
async function runCases({ model, options, inWorker }) {
    const { load, loadInWorker } = await import('/web/index.js');
    const m = inWorker ? await loadInWorker(`/golden/${model}/`, options) : await load(`/golden/${model}/`, options);
    const meta = await (await fetch(`/golden/${model}/cases.json`)).json();
    const bin = await (await fetch(`/golden/${model}/${meta.bin_file}`)).arrayBuffer();
    const out = { isolated: globalThis.crossOriginIsolated, build: m.info.build, threads: m.info.n_threads, cases: {} };
    for (const c of meta.cases) {
        const a = c.arrays.find((x) => x.name === `${c.name}/logits`);
        const expected = new Float32Array(bin, a.offset, a.nbytes / 4);
        const { logits } = await m.forward({
            inputIds: c.input_ids, attentionMask: c.attention_mask, tokenTypeIds: c.token_type_ids_passed ? c.token_type_ids : null,
        });
        let worst = 0;
        for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(logits[i] - expected[i]));
        const bits = Array.from(new Uint32Array(logits.buffer, logits.byteOffset, logits.length), (x) => x.toString(16)).join();
        out.cases[c.name] = { worst, bits };
    }
    await m.dispose();
    return out;
}

describe('cross-origin isolated page', () => {
    test('gets the threads builds: golden logits, the bits of one thread, also in a worker', async () => {
        const { page, console } = await openPage(isolated);
        try {
            const oneRelaxed = await page.evaluate(runCases, { model: 'full', options: { numThreads: 1 } });
            const oneSimd = await page.evaluate(runCases, { model: 'full', options: { numThreads: 1, backend: 'wasmsimd' } });
            const auto = await page.evaluate(runCases, { model: 'full', options: {} });
            const worker = await page.evaluate(runCases, { model: 'full', options: {}, inWorker: true });
            const simd = await page.evaluate(runCases, { model: 'full', options: { backend: 'wasmsimd' } });
            const hardware = await page.evaluate(() => navigator.hardwareConcurrency);
            assert.equal(auto.isolated, true);
            assert.equal(oneRelaxed.build, 'relaxed');
            assert.equal(oneSimd.build, 'simd');
            for (const [what, r, build, one] of [['page', auto, 'threads-relaxed', oneRelaxed],
                ['worker', worker, 'threads-relaxed', oneRelaxed], ['page, wasmsimd', simd, 'threads', oneSimd]]) {
                assert.equal(r.build, hardware > 1 ? build : one.build, what);
                assert.equal(r.threads, Math.min(hardware, 4), what);
                for (const [name, c] of Object.entries(r.cases)) {
                    assert.ok(c.worst <= logitsTolerance('full'), `${what} full/${name}: max |Δlogit| ${c.worst}`);
                    assert.equal(c.bits, one.cases[name].bits, `${what} full/${name}: logits differ from one thread`);
                }
            }
            // The optional tokenizer files the full model lacks are 404s, which Chromium logs.
            const unexpected = console.filter((m) => ['error', 'pageerror', 'warning'].includes(m.type) &&
                !/Failed to load resource: the server responded with a status of 404/.test(m.text));
            assert.deepEqual(unexpected, []);
        } finally {
            await page.close();
        }
    });
});

describe('cross-origin isolated page, a trap in the pool', () => {
    test('fails the runtime with WASM_TRAP, raises nothing on the page, and the next load works', async () => {
        const { page, console } = await openPage(isolated);
        try {
            const result = await page.evaluate(async () => {
                const { load } = await import('/web/index.js');
                const input = { inputIds: [Array.from({ length: 128 }, (_, i) => (i === 0 ? 2 : i === 127 ? 3 : 100 + i))] };
                const error = (e) => ({ code: e.code, message: e.message });
                const logits = async (m) => JSON.stringify(Array.from((await m.forward(input)).logits));
                const a = await load('/golden/full/', { numThreads: 2 });
                const expected = await logits(a);
                const rt = a._runtime;
                const ids = new Int32Array(input.inputIds[0]);
                let trap = null;
                try {
                    // White box: the classifier's rows are split over both threads, and each writes outside memory.
                    rt.withBuffers([new Uint8Array(ids.buffer)],
                        (p) => rt.M._mab_wasm_forward(a._model.ptr, p, 0, 0, 1, ids.length, 0xfffff000));
                } catch (e) {
                    trap = error(e);
                }
                await new Promise((resolve) => setTimeout(resolve, 300)); // for the pool worker's error event
                const again = await a.forward(input).then(() => null, error);
                a.dispose();
                // The error event of a pool worker whose thread trapped, on a runtime that has not.
                const b = await load('/golden/full/', { numThreads: 2 });
                const newRuntime = b._runtime !== rt;
                const same = (await logits(b)) === expected;
                b._runtime.workers[0].dispatchEvent(new ErrorEvent('error', { message: 'Uncaught RuntimeError: unreachable' }));
                const event = await b.forward(input).then(() => null, error);
                b.dispose();
                const c = await load('/golden/full/', { numThreads: 2 });
                const sameAfterEvent = (await logits(c)) === expected;
                c.dispose();
                return { trap, again, newRuntime, same, event, sameAfterEvent };
            });
            assert.equal(result.trap?.code, 'WASM_TRAP', JSON.stringify(result));
            assert.match(result.trap.message, /memory access out of bounds|index out of bounds/); // V8, SpiderMonkey
            assert.equal(result.again?.code, 'WASM_TRAP');
            assert.equal(result.event?.code, 'WASM_TRAP');
            assert.match(result.event.message, /a thread of its pool stopped \(Uncaught RuntimeError: unreachable\)/);
            assert.deepEqual([result.newRuntime, result.same, result.sameAfterEvent], [true, true, true]);
            const raised = console.filter((m) => m.type === 'pageerror' || /worker sent an error/.test(m.text));
            assert.deepEqual(raised, []);
        } finally {
            await page.close();
        }
    });
});

describe('cross-origin isolated page without the worker scripts', () => {
    test('the threads build fails with WORKER naming the script instead of hanging; one thread works', { timeout: 120_000 }, async () => {
        const { page } = await openPage(noWorkerScript);
        try {
            const result = await page.evaluate(async () => {
                const { load, loadInWorker } = await import('/web/index.js');
                const error = (e) => ({ code: e.code, message: e.message });
                const threads = await load('/golden/tiny/', { numThreads: 2 }).then(() => null, error);
                const inWorker = await loadInWorker('/golden/tiny/', { numThreads: 2 }).then(() => null, error);
                const one = await load('/golden/tiny/', { numThreads: 1 });
                const entities = (await one.tag('Seen by Dr. Ann Lee.')).entities.length;
                one.dispose();
                return { threads, inWorker, entities };
            });
            for (const what of ['threads', 'inWorker']) {
                assert.equal(result[what]?.code, 'WORKER', `${what}: ${JSON.stringify(result[what])}`);
                assert.match(result[what].message, /could not start its worker .*minialbert-threads-relaxed\.worker\.js/, what);
            }
            assert.equal(typeof result.entities, 'number');
        } finally {
            await page.close();
        }
    });
});

describe('cross-origin isolated page whose worker script stalls', () => {
    test('the threads build fails with NETWORK instead of hanging, and the next load starts its workers', { timeout: 120_000 }, async () => {
        const { page } = await openPage(stalledWorkerScript);
        try {
            const result = await page.evaluate(async () => {
                const { load } = await import('/web/index.js');
                const stalled = await load('/golden/tiny/', { numThreads: 2, stallTimeoutMs: 1000 })
                    .then(() => null, (e) => ({ code: e.code, message: e.message }));
                const m = await load('/golden/tiny/', { numThreads: 2 });
                const info = { build: m.info.build, threads: m.info.n_threads };
                const dims = (await m.forward({ inputIds: [5, 6] })).dims.join();
                m.dispose();
                return { stalled, info, dims };
            });
            assert.equal(result.stalled?.code, 'NETWORK', JSON.stringify(result.stalled));
            assert.match(result.stalled.message, /minialbert-threads-relaxed\.worker\.js stalled: no data for 1 s/);
            assert.deepEqual(result.info, { build: 'threads-relaxed', threads: 2 });
            assert.equal(result.dims, '1,2,5');
            // Under a URL of its own: Firefox holds a second request for the stalled one some 20 s.
            assert.deepEqual(workerScriptRequests, ['/web/dist/minialbert-threads-relaxed.worker.js',
                '/web/dist/minialbert-threads-relaxed.worker.js?retry=1']);
        } finally {
            await page.close();
        }
    });
});

describe('page that is not cross-origin isolated', () => {
    test('runs one thread and says why, once', async () => {
        const { page, console } = await openPage(plain);
        try {
            const first = await page.evaluate(runCases, { model: 'tiny', options: {} });
            const second = await page.evaluate(runCases, { model: 'tiny', options: {} });
            for (const r of [first, second]) {
                assert.equal(r.isolated, false);
                assert.ok(!r.build.startsWith('threads'), r.build);
                assert.equal(r.threads, 1);
            }
            const hints = console.filter((m) => m.type === 'info' && /minialbert-web: running on 1 thread/.test(m.text));
            assert.equal(hints.length, 1, JSON.stringify(console));
            assert.match(hints[0].text, /not cross-origin isolated.*Cross-Origin-Opener-Policy: same-origin.*Cross-Origin-Embedder-Policy: require-corp/);
            const refused = await page.evaluate(async () => {
                const { load } = await import('/web/index.js');
                return load('/golden/tiny/', { numThreads: 2 }).then(() => null, (e) => ({ code: e.code, message: e.message }));
            });
            assert.equal(refused?.code, 'UNSUPPORTED');
            assert.match(refused.message, /numThreads 2 needs the threads build/);
        } finally {
            await page.close();
        }
    });
});
