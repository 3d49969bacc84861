// The JS API and the demo in WebKit, Safari's engine (webkit.mjs: Debian's WebKitGTK MiniBrowser
// under WebDriver): JavaScriptCore has SIMD128 and no relaxed SIMD, so 'auto' must take the SIMD128
// build and give the golden logits; worker mode, the demo's Tag, error codes, the cache and the
// threads' fallback work there too, no page raises an uncaught error, and no request leaves
// 127.0.0.1 (the browser's proxy records any that would).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { GOLDEN_MODELS, assertCacheWorksOffline, logitsTolerance, startGoldenServer } from './helpers.mjs';
import { EXPECTED_ERROR_CODES, errorCodesInPage, goldenLogitsInPage } from './in-page.mjs';
import { launchWebKit } from './webkit.mjs';

let server;
let isolated;
let browser;
let page;
const uncaught = []; // the pages' uncaught errors and rejections, from each page's recorder

before(async () => {
    server = await startGoldenServer();
    isolated = await startGoldenServer({ crossOriginIsolated: true });
    browser = await launchWebKit();
    ({ page } = browser);
});

after(async () => {
    await browser?.close();
    await server?.close();
    await isolated?.close();
});

// Opens `url` and records its uncaught errors and console.info lines (WebDriver reports neither);
// what happens before the recorder is in place is missed.
async function open(url) {
    await collectUncaught();
    await page.goto(url);
    await page.evaluate(() => {
        window.recorded = { uncaught: [], info: [] };
        window.addEventListener('error', (e) => window.recorded.uncaught.push(e.message));
        window.addEventListener('unhandledrejection', (e) => window.recorded.uncaught.push(String(e.reason)));
        const info = console.info;
        console.info = (...args) => { window.recorded.info.push(args.join(' ')); info.apply(console, args); };
    });
}

async function collectUncaught() {
    const seen = await page.evaluate(() => window.recorded?.uncaught ?? []).catch(() => []);
    uncaught.push(...seen);
}

test('golden logits of every model: auto takes the SIMD128 build; the relaxed one is refused', async () => {
    await open(`${server.base}tests/web/bench/page.html`);
    for (const model of GOLDEN_MODELS) {
        const { build, backend, cases } = await page.evaluate(goldenLogitsInPage, { model, backend: 'auto' });
        assert.deepEqual([build, backend], ['simd', 'wasmsimd'], model);
        assert.ok(Object.keys(cases).length > 0);
        for (const [name, { worst, dimsOk }] of Object.entries(cases)) {
            assert.ok(dimsOk, `${model}/${name}: dims`);
            assert.ok(worst <= logitsTolerance(model), `${model}/${name}: max |Δlogit| ${worst}`);
        }
    }
    const relaxed = await page.evaluate(async () => {
        const { load } = await import('/web/index.js');
        return load('/golden/tiny/', { backend: 'wasmrelaxedsimd' }).then(() => null, (e) => ({ code: e.code, message: e.message }));
    });
    assert.equal(relaxed?.code, 'UNSUPPORTED');
    assert.match(relaxed.message, /needs relaxed SIMD, which this JavaScript engine does not support/);
});

test('the default model in a worker tags and de-identifies as on the page', async () => {
    await open(`${server.base}tests/web/bench/page.html`);
    const note = 'Seen by Dr. Anna Smith on 12/16/2024 at Mercy Hospital; call 555-123-4567.';
    const result = await page.evaluate(async (text) => {
        const { load, loadInWorker } = await import('/web/index.js');
        const out = {};
        for (const [how, open] of [['page', load], ['worker', loadInWorker]]) {
            const m = await open('/models/deid-minialbert-small/');
            out[how] = { build: m.info.build, tag: (await m.tag(text)).entities, deid: await m.deidentify(text) };
            await m.dispose();
        }
        return out;
    }, note);
    assert.deepEqual([result.page.build, result.worker.build], ['simd', 'simd']);
    assert.deepEqual(result.worker, result.page);
    const types = result.page.tag.map((e) => e.type);
    for (const type of ['NAME', 'DATE', 'CONTACT']) assert.ok(types.includes(type), `${type} in ${types}`);
    for (const phi of ['Anna', 'Smith', '12/16/2024', '555-123-4567']) assert.ok(!result.page.deid.text.includes(phi), result.page.deid.text);
});

test('demo: Tag highlights what tag() returns', async () => {
    await open(`${server.base}web/demo/`);
    await page.waitForFunction(() => /^Loaded/.test(document.getElementById('status').textContent), null, { timeout: 120_000 });
    const text = 'Patient John Smith seen on 03/04/2021 by Dr. Lee at Boston General; call 555-0100.';
    await page.evaluate((t) => {
        const input = document.getElementById('input');
        input.value = t;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        document.getElementById('tag').click();
    }, text);
    await page.waitForFunction(() => document.body.dataset.tagged === '1', null, { timeout: 60_000 });
    const shown = await page.evaluate(() => ({
        output: document.getElementById('output').textContent,
        marks: [...document.querySelectorAll('#output mark')].map((m) => ({
            type: m.dataset.type, start: Number(m.dataset.start), end: Number(m.dataset.end), text: m.textContent,
        })),
    }));
    const expected = await page.evaluate(async (t) => {
        const { load } = await import('/web/index.js');
        const m = await load('/models/deid-minialbert-small/');
        const { entities } = await m.tag(t);
        m.dispose();
        return entities.map(({ type, start, end, text }) => ({ type, start, end, text }));
    }, text);
    assert.equal(shown.output, text);
    assert.ok(expected.length > 0);
    assert.deepEqual(shown.marks, expected);
});

test('errors reject with codes and the page keeps working', async () => {
    await open(`${server.base}tests/web/bench/page.html`);
    assert.deepEqual(await page.evaluate(errorCodesInPage), EXPECTED_ERROR_CODES);
});

test('cache: true keeps the files, and a second load works offline', async () => {
    await open(`${server.base}tests/web/bench/page.html`);
    await assertCacheWorksOffline(page, server);
});

test('a cross-origin isolated page: the threads build where there is SharedArrayBuffer, else one thread and why', async () => {
    await open(`${isolated.base}tests/web/bench/page.html`);
    const r = await page.evaluate(async () => {
        const { load } = await import('/web/index.js');
        const m = await load('/golden/tiny/');
        const out = { isolated: crossOriginIsolated, shared: typeof SharedArrayBuffer === 'function', build: m.info.build,
                      threads: m.info.n_threads, dims: (await m.forward({ inputIds: [5, 6] })).dims.join() };
        m.dispose();
        out.two = await load('/golden/tiny/', { numThreads: 2 }).then((t) => { t.dispose(); return 'loaded'; }, (e) => `${e.code}: ${e.message}`);
        out.info = window.recorded.info;
        return out;
    });
    assert.equal(r.isolated, true);
    assert.equal(r.dims, '1,2,5');
    if (r.shared) {
        assert.deepEqual([r.build, r.two], ['threads', 'loaded']);
        assert.ok(r.threads > 1);
    } else {
        // WebKitGTK's MiniBrowser: isolated, yet no SharedArrayBuffer.
        assert.deepEqual([r.build, r.threads], ['simd', 1]);
        const why = 'this browser gives no SharedArrayBuffer, even to a cross-origin isolated page';
        assert.deepEqual(r.info, [`minialbert-web: running on 1 thread: ${why}`]);
        assert.equal(r.two, `UNSUPPORTED: numThreads 2 needs the threads build, but ${why}`);
    }
});

test('no page raised an uncaught error, and no request left 127.0.0.1', async () => {
    await collectUncaught();
    assert.deepEqual(uncaught, []);
    assert.deepEqual(browser.outside, []);
});
