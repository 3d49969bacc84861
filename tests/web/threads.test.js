// The threads builds in Node (web/src/bindings.js, worker-node-pthread.js): 2 and 3 threads give the
// same logits, bit for bit, as the single-threaded SIMD128 build, on every golden case (the full
// model's 512 tokens included) and match the goldens; so does the relaxed-SIMD threads build against
// the relaxed build (in a child process with relaxed SIMD on: Node 20 has it behind a flag);
// numThreads picks the build; loadInWorker runs it in a worker (nested worker_threads); and a
// process that used threads exits on its own.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { MiniAlbertError, env, load, loadInWorker } from '../../web/index.js';
import { relaxedSimdSupported } from '../../web/src/bindings.js';
import { GOLDEN_DIR, REPO_ROOT, goldenCases, logitsTolerance, maxAbsDiff } from './helpers.mjs';

const inputsOf = (c) => ({
    inputIds: c.input_ids,
    attentionMask: c.attention_mask,
    tokenTypeIds: c.token_type_ids_passed ? c.token_type_ids : null,
});

// The first index where a and b differ in bits, or -1.
function firstDifference(a, b) {
    const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
    const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
    if (x.length !== y.length) return 0;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
    return -1;
}

describe('threads build: same bits as one thread', () => {
    for (const name of ['tiny', 'tiny-seqcls', 'full']) {
        test(name, async () => {
            const dir = path.join(GOLDEN_DIR, name);
            const one = await load(dir, { numThreads: 1, backend: 'wasmsimd' });
            const threaded = [await load(dir, { numThreads: 2, backend: 'wasmsimd' }),
                await load(dir, { numThreads: 3, backend: 'wasmsimd' })];
            try {
                assert.equal(one.info.build, 'simd');
                assert.equal(one.info.n_threads, 1);
                threaded.forEach((m, i) => {
                    assert.equal(m.info.build, 'threads');
                    assert.equal(m.info.n_threads, i + 2);
                    assert.equal(m.info.backend, 'wasmsimd');
                });
                const cases = await goldenCases(name);
                for (const c of cases.cases) {
                    const ref = await one.forward(inputsOf(c));
                    const expected = cases.array(c, 'logits');
                    const diff = maxAbsDiff(ref.logits, expected.data);
                    assert.ok(diff <= logitsTolerance(name), `${name}/${c.name}: max |Δlogit| ${diff}`);
                    for (const m of threaded) {
                        const got = await m.forward(inputsOf(c));
                        const at = firstDifference(ref.logits, got.logits);
                        assert.equal(at, -1, `${name}/${c.name}, ${m.info.n_threads} threads: logit ${at} is ` +
                            `${got.logits[at]}, one thread gives ${ref.logits[at]}`);
                    }
                }
            } finally {
                one.dispose();
                for (const m of threaded) m.dispose();
            }
        });
    }

    test('tag() through the threads build finds what one thread finds', async () => {
        const dir = path.join(GOLDEN_DIR, 'full');
        const text = 'Seen by Dr. Alan Whitfield on 03/14/2021 at Mercy General Hospital, MRN 4829173. ' .repeat(20);
        const one = await load(dir, { numThreads: 1 });
        const two = await load(dir, { numThreads: 2 });
        try {
            assert.deepEqual(await two.tag(text), await one.tag(text));
        } finally {
            one.dispose();
            two.dispose();
        }
    });
});

describe('numThreads', () => {
    test('auto (0) takes the threads build in Node, with the hardware threads up to 4', async () => {
        assert.equal(env.numThreads, 0);
        const m = await load(path.join(GOLDEN_DIR, 'tiny'));
        try {
            const expected = Math.min(os.availableParallelism(), 4);
            assert.equal(m.info.n_threads, expected);
            const relaxed = relaxedSimdSupported();
            assert.equal(m.info.build, expected > 1 ? (relaxed ? 'threads-relaxed' : 'threads') : (relaxed ? 'relaxed' : 'simd'));
        } finally {
            m.dispose();
        }
    });

    test('env.numThreads is the default for load()', async () => {
        env.numThreads = 1;
        try {
            const m = await load(path.join(GOLDEN_DIR, 'tiny'));
            assert.equal(m.info.n_threads, 1);
            assert.ok(!m.info.build.startsWith('threads'), m.info.build);
            m.dispose();
        } finally {
            env.numThreads = 0;
        }
    });

    test('bad counts, and the relaxed backend where the engine has no relaxed SIMD, are refused', async () => {
        for (const numThreads of [-1, 1.5, 9, '2']) {
            await assert.rejects(load(path.join(GOLDEN_DIR, 'tiny'), { numThreads }), (e) => {
                assert.ok(e instanceof MiniAlbertError);
                assert.equal(e.code, 'INVALID_ARGUMENT');
                assert.match(e.message, /numThreads must be an integer from 0 \(auto\) to 8, got /);
                return true;
            });
        }
        if (!relaxedSimdSupported()) {
            await assert.rejects(load(path.join(GOLDEN_DIR, 'tiny'), { numThreads: 2, backend: 'wasmrelaxedsimd' }),
                (e) => e.code === 'UNSUPPORTED' && /needs relaxed SIMD/.test(e.message));
        }
    });
});

describe('threads build in a worker', () => {
    test('loadInWorker with 2 threads gives the logits of load() with one', async () => {
        const dir = path.join(GOLDEN_DIR, 'full');
        const cases = await goldenCases('full');
        const c = cases.cases.find((x) => x.name === 'single_len128');
        const one = await load(dir, { numThreads: 1, backend: 'wasmsimd' });
        const worker = await loadInWorker(dir, { numThreads: 2, backend: 'wasmsimd' });
        try {
            assert.equal(worker.info.build, 'threads');
            assert.equal(worker.info.n_threads, 2);
            const ref = await one.forward(inputsOf(c));
            const got = await worker.forward(inputsOf(c));
            assert.equal(firstDifference(ref.logits, got.logits), -1);
        } finally {
            one.dispose();
            await worker.dispose();
        }
    });

    test("the page's env.numThreads reaches the worker", async () => {
        env.numThreads = 1;
        try {
            const worker = await loadInWorker(path.join(GOLDEN_DIR, 'tiny'));
            assert.equal(worker.info.n_threads, 1);
            assert.ok(!worker.info.build.startsWith('threads'), worker.info.build);
            await worker.dispose();
        } finally {
            env.numThreads = 0;
        }
    });
});

test('a process that ran the threads build exits by itself', () => {
    const script = `
        import { load } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'web/index.js')).href)};
        const m = await load(${JSON.stringify(path.join(GOLDEN_DIR, 'tiny'))}, { numThreads: 2 });
        await m.forward({ inputIds: [[2, 17, 400, 3]] });
        console.log('build', m.info.build, m.info.n_threads);`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.signal, null, `killed after 60 s: the pool's workers kept Node alive\n${run.stderr}`);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /build threads(-relaxed)? 2/);
    assert.doesNotMatch(run.stderr, /Blocking on the main thread/);
});

test('the relaxed threads build gives the bits of the relaxed build, and the golden logits', () => {
    // A child process, so that relaxed SIMD can be switched on where it is behind a flag (Node 20).
    const script = `
        import { load } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'web/index.js')).href)};
        import { goldenCases, logitsTolerance, maxAbsDiff } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'tests/web/helpers.mjs')).href)};
        const dir = ${JSON.stringify(path.join(GOLDEN_DIR, 'full'))};
        const one = await load(dir, { numThreads: 1, backend: 'wasmrelaxedsimd' });
        const two = await load(dir, { numThreads: 2, backend: 'wasmrelaxedsimd' });
        const auto = await load(dir, { numThreads: 2 });
        const cases = await goldenCases('full');
        const out = { builds: [one.info.build, two.info.build, auto.info.build], backends: [two.info.backend], cases: [] };
        for (const c of cases.cases) {
            const inputs = { inputIds: c.input_ids, attentionMask: c.attention_mask,
                tokenTypeIds: c.token_type_ids_passed ? c.token_type_ids : null };
            const a = (await one.forward(inputs)).logits, b = (await two.forward(inputs)).logits;
            const same = Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
            out.cases.push({ name: c.name, same, diff: maxAbsDiff(b, cases.array(c, 'logits').data), tolerance: logitsTolerance('full') });
        }
        console.log(JSON.stringify(out));`;
    const flags = relaxedSimdSupported() ? [] : ['--experimental-wasm-relaxed-simd'];
    const run = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 300_000 });
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout.trim().split('\n').pop());
    assert.deepEqual(out.builds, ['relaxed', 'threads-relaxed', 'threads-relaxed']);
    assert.deepEqual(out.backends, ['wasmrelaxedsimd']);
    assert.ok(out.cases.length > 0);
    for (const c of out.cases) {
        assert.ok(c.same, `full/${c.name}: 2 threads differ from one thread in the relaxed builds`);
        assert.ok(c.diff <= c.tolerance, `full/${c.name}: max |Δlogit| ${c.diff}`);
    }
});
