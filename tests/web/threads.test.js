// The threads build in Node (web/src/bindings.js, worker-node-pthread.js): 2 and 3 threads give the
// same logits, bit for bit, as the single-threaded SIMD128 build, on every golden case (the full
// model's 512 tokens included) and match the goldens; numThreads picks the build; loadInWorker runs
// it in a worker (nested worker_threads); and a process that used threads exits on its own.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { MiniAlbertError, env, load, loadInWorker } from '../../web/index.js';
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
            const threaded = [await load(dir, { numThreads: 2 }), await load(dir, { numThreads: 3 })];
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
            assert.equal(m.info.build, expected > 1 ? 'threads' : 'simd');
        } finally {
            m.dispose();
        }
    });

    test('env.numThreads is the default for load()', async () => {
        env.numThreads = 1;
        try {
            const m = await load(path.join(GOLDEN_DIR, 'tiny'));
            assert.equal(m.info.n_threads, 1);
            assert.notEqual(m.info.build, 'threads');
            m.dispose();
        } finally {
            env.numThreads = 0;
        }
    });

    test('bad counts and the relaxed backend with threads are refused', async () => {
        for (const numThreads of [-1, 1.5, 9, '2']) {
            await assert.rejects(load(path.join(GOLDEN_DIR, 'tiny'), { numThreads }), (e) => {
                assert.ok(e instanceof MiniAlbertError);
                assert.equal(e.code, 'INVALID_ARGUMENT');
                assert.match(e.message, /numThreads is .*expected 0 \(auto\) to 8/);
                return true;
            });
        }
        await assert.rejects(load(path.join(GOLDEN_DIR, 'tiny'), { numThreads: 2, backend: 'wasmrelaxedsimd' }),
            (e) => e.code === 'UNSUPPORTED' && /no threads build/.test(e.message));
    });
});

describe('threads build in a worker', () => {
    test('loadInWorker with 2 threads gives the logits of load() with one', async () => {
        const dir = path.join(GOLDEN_DIR, 'full');
        const cases = await goldenCases('full');
        const c = cases.cases.find((x) => x.name === 'single_len128');
        const one = await load(dir, { numThreads: 1 });
        const worker = await loadInWorker(dir, { numThreads: 2 });
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
            assert.notEqual(worker.info.build, 'threads');
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
    assert.match(run.stdout, /build threads 2/);
    assert.doesNotMatch(run.stderr, /Blocking on the main thread/);
});
