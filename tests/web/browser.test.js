// The demo page and the JS API in headless Chromium (Debian's /usr/bin/chromium via playwright-core;
// no browser download): the demo's highlighted spans equal tag()'s output, golden logits match,
// a cached model loads offline, errors reject with codes. Every request must go to the local server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchChromium } from './chromium.mjs';
import { GOLDEN_MODELS, logitsTolerance, startGoldenServer } from './helpers.mjs';

let server;
let browser;
let context;
let page;
const requests = [];
const consoleErrors = [];

before(async () => {
    server = await startGoldenServer();
    browser = await launchChromium('minialbert-chromium-');
    ({ context } = browser);
    context.on('request', (r) => requests.push(r.url()));
    page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
});

after(async () => {
    await browser?.close();
    await server?.close();
});

// Runs in the page: forward() on every golden case of `model`; returns the worst |Δlogit| per case.
async function goldenLogitsInPage({ model, backend }) {
    const { load } = await import('/web/index.js');
    const m = await load(`/golden/${model}/`, { backend });
    const meta = await (await fetch(`/golden/${model}/cases.json`)).json();
    const bin = await (await fetch(`/golden/${model}/${meta.bin_file}`)).arrayBuffer();
    const out = { backend: m.info.backend, build: m.info.build, cases: {} };
    for (const c of meta.cases) {
        const a = c.arrays.find((x) => x.name === `${c.name}/logits`);
        const expected = new Float32Array(bin, a.offset, a.nbytes / 4);
        const { logits, dims } = await m.forward({
            inputIds: c.input_ids, attentionMask: c.attention_mask, tokenTypeIds: c.token_type_ids_passed ? c.token_type_ids : null,
        });
        let worst = 0;
        for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(logits[i] - expected[i]));
        out.cases[c.name] = { worst, dimsOk: dims.join() === a.shape.join() };
    }
    m.dispose();
    return out;
}

describe('chromium', () => {
    test('demo: the highlighted spans are what tag() returns', async () => {
        await page.goto(`${server.base}web/demo/?model=/golden/full/`);
        await page.waitForFunction(() => /^Loaded/.test(document.getElementById('status').textContent), null, { timeout: 120_000 });
        const text = 'Patient Anna Berg, MRN 88-1234, admitted 2021-03-04 to St. Mary Hospital, Oslo. ' +
            'Seen by Dr. Jean-Luc Picard on 4 March; call 555-0100 or anna.berg@example.org. Café ☕ ok.';
        await page.fill('#input', text);
        await page.click('#tag');
        await page.waitForFunction(() => document.body.dataset.tagged === '1', null, { timeout: 60_000 });
        const marks = await page.$$eval('#output mark', (ms) => ms.map((m) => ({
            type: m.dataset.type, start: Number(m.dataset.start), end: Number(m.dataset.end), text: m.textContent,
        })));
        assert.equal(await page.$eval('#output', (o) => o.textContent), text, 'the output shows the whole text');
        const expected = await page.evaluate(async (t) => {
            const { load } = await import('/web/index.js');
            const m = await load('/golden/full/');
            const { entities } = await m.tag(t);
            m.dispose();
            return entities.map(({ type, start, end, text }) => ({ type, start, end, text }));
        }, text);
        assert.ok(expected.length > 0, 'the random golden model tags something');
        assert.deepEqual(marks, expected);
    });

    test('demo: without ?model= it loads the embedded default model, which finds PHI', async () => {
        await page.goto(`${server.base}web/demo/`);
        await page.waitForFunction(() => /^Loaded/.test(document.getElementById('status').textContent), null, { timeout: 120_000 });
        assert.equal(await page.$eval('#model-url', (i) => i.value), '/models/deid-minialbert-small/');
        await page.fill('#input', 'Seen by Dr. Anna Smith on 12/16/2024; call 555-123-4567.');
        await page.click('#tag');
        await page.waitForFunction(() => document.body.dataset.tagged === '1', null, { timeout: 60_000 });
        const types = await page.$$eval('#output mark', (ms) => ms.map((m) => m.dataset.type));
        for (const type of ['NAME', 'DATE', 'CONTACT']) assert.ok(types.includes(type), `${type} in ${types}`);
    });

    for (const model of GOLDEN_MODELS) {
        test(`golden logits: ${model}`, async () => {
            await page.goto(`${server.base}web/demo/`);
            const builds = [await page.evaluate(goldenLogitsInPage, { model, backend: 'auto' })];
            // When 'auto' took the relaxed build, check the SIMD128 build too.
            if (builds[0].build !== 'simd') builds.push(await page.evaluate(goldenLogitsInPage, { model, backend: 'wasmsimd' }));
            for (const { build, backend, cases } of builds) {
                assert.ok(Object.keys(cases).length > 0);
                for (const [name, { worst, dimsOk }] of Object.entries(cases)) {
                    assert.ok(dimsOk, `${model}/${name} (${build}/${backend}): dims`);
                    assert.ok(worst <= logitsTolerance(model), `${model}/${name} (${build}/${backend}): max |Δlogit| ${worst}`);
                }
            }
        });
    }

    test('cache: true keeps the files, and a second load works offline', async () => {
        await page.goto(`${server.base}web/demo/`);
        const ids = [[2, 40, 41, 400, 3]];
        const first = await page.evaluate(async (input) => {
            const { load } = await import('/web/index.js');
            const m = await load('/golden/tiny/', { cache: true });
            const { logits } = await m.forward({ inputIds: input });
            m.dispose();
            return Array.from(logits);
        }, ids);
        await page.route('**/golden/**', (route) => route.abort('internetdisconnected'));
        try {
            const second = await page.evaluate(async (input) => {
                const { load } = await import('/web/index.js');
                const m = await load('/golden/tiny/', { cache: true });
                const { logits } = await m.forward({ inputIds: input });
                m.dispose();
                return Array.from(logits);
            }, ids);
            assert.deepEqual(second, first);
            const offline = await page.evaluate(async () => {
                const { load } = await import('/web/index.js');
                return load('/golden/tiny-gelu-new/').then(() => 'loaded', (e) => e.code);
            });
            assert.equal(offline, 'NETWORK', 'without the cache the same load fails');
        } finally {
            await page.unroute('**/golden/**');
        }
    });

    test('errors reject with codes and the page keeps working', async () => {
        await page.goto(`${server.base}web/demo/`);
        const result = await page.evaluate(async () => {
            const { load, loadInWorker } = await import('/web/index.js');
            const codes = {};
            for (const mode of ['404', 'html', 'truncate', 'header-json', 'weights-of-tiny-seqcls']) {
                codes[mode] = await load(`/fault/${mode}/tiny/`).then(() => 'loaded', (e) => e.code);
            }
            const controller = new AbortController();
            const aborted = loadInWorker('/fault/slow/tiny/', {
                signal: controller.signal,
                workerUrl: '/web/src/worker.js',
                onProgress: (e) => { if (e.file === 'model.safetensors' && e.loaded > 100000) controller.abort(); },
            });
            codes.abortInWorker = await aborted.then(() => 'loaded', (e) => e.code);
            const m = await load('/golden/tiny/');
            codes.after = (await m.forward({ inputIds: [5, 6] })).dims.join();
            m.dispose();
            return codes;
        });
        assert.deepEqual(result, {
            404: 'HTTP', html: 'BAD_WEIGHTS', truncate: 'TRUNCATED', 'header-json': 'BAD_WEIGHTS',
            'weights-of-tiny-seqcls': 'BAD_WEIGHTS', abortInWorker: 'ABORTED', after: '1,2,5',
        });
    });

    test('nothing but the local server was contacted', () => {
        assert.ok(requests.length > 0);
        const elsewhere = requests.filter((u) => !u.startsWith(server.base));
        assert.deepEqual(elsewhere, []);
        const unexpected = consoleErrors.filter((m) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(m));
        assert.deepEqual(unexpected, []);
    });
});
