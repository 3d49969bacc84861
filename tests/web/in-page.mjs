// Functions that run inside a browser page (page.evaluate: self-contained, they import what they
// use), shared by the browser tests of every engine (browser.test.js, browser-webkit.test.js).

// forward() on every golden case of `model`: the worst |Δlogit| per case, and the build that ran.
export async function goldenLogitsInPage({ model, backend }) {
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

// On a fresh page (no load has started the SIMD128 build yet): a stall of that build's .wasm, loads
// that fail in each of helpers.mjs's fault modes, an abort in worker mode, a stall of the weights;
// each gives its error code, and the page keeps working. EXPECTED_ERROR_CODES is the answer.
export async function errorCodesInPage() {
    const { load, loadInWorker, env } = await import('/web/index.js');
    const codes = {};
    // A build whose .wasm stops arriving: NETWORK, and the next load, with the folder back, works.
    const saved = env.wasmPaths;
    env.wasmPaths = '/fault/stall-wasm/dist/';
    // The SIMD128 build, before any other load (where there is no relaxed SIMD, 'auto' takes it).
    const simd = { backend: 'wasmsimd', numThreads: 1 };
    codes.stallWasm = await load('/golden/tiny/', { ...simd, stallTimeoutMs: 300 })
        .then(() => 'loaded', (e) => `${e.code} ${/minialbert-simd\.wasm stalled: no data after 1024 bytes/.test(e.message)}`);
    env.wasmPaths = saved;
    const retried = await load('/golden/tiny/', simd);
    codes.simdAfterStall = retried.info.backend;
    retried.dispose();
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
    codes.stall = await load('/fault/stall/tiny/', { stallTimeoutMs: 300 }).then(() => 'loaded', (e) => e.code);
    const m = await load('/golden/tiny/');
    codes.after = (await m.forward({ inputIds: [5, 6] })).dims.join();
    m.dispose();
    return codes;
}

export const EXPECTED_ERROR_CODES = {
    404: 'HTTP', html: 'BAD_WEIGHTS', truncate: 'TRUNCATED', 'header-json': 'BAD_WEIGHTS',
    'weights-of-tiny-seqcls': 'BAD_WEIGHTS', abortInWorker: 'ABORTED', stall: 'NETWORK', stallWasm: 'NETWORK true',
    simdAfterStall: 'wasmsimd', after: '1,2,5',
};

// The logits of the tiny golden model for `inputIds`, loaded with `cache` (LoadOptions.cache).
export async function tinyLogitsInPage({ inputIds, cache }) {
    const { load } = await import('/web/index.js');
    const m = await load('/golden/tiny/', { cache });
    const { logits } = await m.forward({ inputIds });
    m.dispose();
    return Array.from(logits);
}

// How a load of model directory `dir` ends: 'loaded' or the error's code.
export async function loadOutcomeInPage(dir) {
    const { load } = await import('/web/index.js');
    return load(dir).then((m) => { m.dispose(); return 'loaded'; }, (e) => e.code);
}
