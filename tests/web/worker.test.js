// web/src/worker-client.js + worker.js: loadInWorker() gives the same answers as load(), forwards
// progress, aborts and errors, and ends its worker on dispose (Node runs it in worker_threads).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { MiniAlbertError, env, load, loadInWorker } from '../../web/index.js';
import { rejectsWith, startGoldenServer } from './helpers.mjs';

let server;
before(async () => {
    server = await startGoldenServer();
});
after(() => server.close());

test('same config, logits, tokens and entities as load()', async () => {
    const url = `${server.base}golden/tiny/`;
    const events = [];
    const remote = await loadInWorker(url, { onProgress: (e) => events.push(e) });
    const local = await load(url);
    try {
        assert.deepEqual(events.at(-1), { status: 'ready' });
        assert.ok(events.some((e) => e.status === 'progress' && e.file === 'model.safetensors'));
        assert.deepEqual(remote.config, local.config);
        assert.deepEqual(remote.labels, local.labels);
        assert.deepEqual(remote.info, local.info);
        const text = 'Seen by Dr. Ann Lee on 2021-03-04, MRN 12345.';
        assert.deepEqual(await remote.tokenize(text), await local.tokenize(text));
        assert.deepEqual(await remote.tag(text), await local.tag(text));
        assert.deepEqual(await remote.deidentify(text, { key: 'k' }), await local.deidentify(text, { key: 'k' }));
        const input = { inputIds: [[2, 30, 31, 3], [2, 40, 3, 0]], attentionMask: [[1, 1, 1, 1], [1, 1, 1, 0]] };
        const [a, b] = [await remote.forward(input), await local.forward(input)];
        assert.deepEqual(a.dims, b.dims);
        assert.deepEqual(a.logits, b.logits);
    } finally {
        await remote.dispose();
        local.dispose();
    }
    await assert.rejects(remote.tag('x'), (e) => e instanceof MiniAlbertError && e.code === 'DISPOSED');
});

test('classify in the worker: the same ranking and counts as load(), options checked', async () => {
    const url = `${server.base}golden/tiny-seqcls/`;
    const remote = await loadInWorker(url);
    const local = await load(url);
    try {
        const text = 'Chest pain radiating to the left arm. '.repeat(40);
        for (const options of [undefined, { maxLength: 16 }]) {
            const [a, b] = [await remote.classify(text, options), await local.classify(text, options)];
            assert.deepEqual(a, b);
            assert.deepEqual([a.tokens, a.tokensRead], [b.tokens, b.tokensRead]);
        }
        assert.equal((await remote.classify(text, { maxLength: 16 })).tokensRead, 14);
        await assert.rejects(remote.classify(text, { maxLength: 1.5 }), (e) => e.code === 'INVALID_ARGUMENT');
        await assert.rejects(remote.classify(text, { maxLength: 9999 }), (e) => e.code === 'INVALID_ARGUMENT' && /options\.maxLength must be .* to 512, got 9999/.test(e.message));
    } finally {
        await remote.dispose();
        local.dispose();
    }
});

test('tag and deidentify in the worker: progress per window, an AbortSignal, dispose() during a call', async () => {
    const url = `${server.base}golden/tiny/`;
    const remote = await loadInWorker(url);
    const local = await load(url);
    const text = 'Seen by Dr. Ann Lee on 2021-03-04 at 12 Oak St. '.repeat(60);
    const options = { maxLength: 32, stride: 8 };
    try {
        const events = [];
        assert.deepEqual(await remote.tag(text, { ...options, onProgress: (e) => events.push(e) }), await local.tag(text, options));
        const total = events[0].total;
        assert.ok(total > 20, `${total} windows`);
        assert.deepEqual(events.map((e) => e.done), Array.from({ length: total }, (_, i) => i + 1));
        assert.equal(events.at(-1).progress, 100);
        const warm = await remote.memoryStats();
        const controller = new AbortController();
        const aborted = remote.deidentify(text, {
            ...options, signal: controller.signal, onProgress: (e) => { if (e.done === 2) controller.abort(); },
        });
        await assert.rejects(aborted, (e) => e instanceof MiniAlbertError && e.code === 'ABORTED' && /deidentify was aborted/.test(e.message));
        await assert.rejects(remote.tag(text, { signal: AbortSignal.abort() }), (e) => e.code === 'ABORTED');
        await assert.rejects(remote.tag(text, { signal: 'stop' }), (e) => e.code === 'INVALID_ARGUMENT');
        // The worker dropped the cancelled job and answers the next call.
        assert.deepEqual(await remote.deidentify(text, { ...options, key: 'k' }), await local.deidentify(text, { ...options, key: 'k' }));
        assert.deepEqual(await remote.memoryStats(), warm);
        const inFlight = assert.rejects(remote.tag(text, options), (e) => e instanceof MiniAlbertError && e.code === 'DISPOSED');
        await remote.dispose();
        await inFlight;
    } finally {
        await remote.dispose();
        local.dispose();
    }
});

test('errors and aborts come back as MiniAlbertError', async () => {
    await assert.rejects(loadInWorker(`${server.base}fault/404/tiny/`), (e) => e instanceof MiniAlbertError && e.code === 'HTTP' && e.status === 404);
    const controller = new AbortController();
    const aborted = loadInWorker(`${server.base}fault/slow/tiny/`, {
        signal: controller.signal,
        onProgress: (e) => { if (e.file === 'model.safetensors' && e.loaded > 100000) controller.abort(); },
    });
    await assert.rejects(aborted, (e) => e instanceof MiniAlbertError && e.code === 'ABORTED');
    // stallTimeoutMs reaches the worker's load.
    await rejectsWith(loadInWorker(`${server.base}fault/stall/tiny/`, { stallTimeoutMs: 200 }), 'NETWORK', /stalled/);
    await assert.rejects(loadInWorker(`${server.base}golden/tiny/`, { fetch }), (e) => e.code === 'INVALID_ARGUMENT');
});

test("the page's env.numThreads is the worker's default, also for an explicit numThreads: undefined", async () => {
    const saved = env.numThreads;
    env.numThreads = 1;
    const models = [];
    try {
        for (const [options, threads] of [[{}, 1], [{ numThreads: undefined }, 1], [{ numThreads: 2 }, 2]]) {
            const model = await loadInWorker(`${server.base}golden/tiny/`, options);
            models.push(model);
            assert.equal(model.info.n_threads, threads, JSON.stringify(options));
        }
    } finally {
        env.numThreads = saved;
        await Promise.all(models.map((m) => m.dispose()));
    }
});

test('a worker script that does not exist rejects with WORKER', async () => {
    const missing = new URL('./no-such-worker.js', import.meta.url);
    await assert.rejects(loadInWorker(`${server.base}golden/tiny/`, { workerUrl: missing }), (e) => e instanceof MiniAlbertError && e.code === 'WORKER');
});

// Firefox now and then never returns from `new Worker()` called in a worker (bindings.js). This
// model worker does so for its first `stuck` starts: a Web Worker class whose constructor blocks
// for good, where the threads build's pool worker is constructed; later starts are the real worker.
async function withStuckWorkers(stuck, run) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mab-stuck-'));
    const counter = path.join(dir, 'stuck-starts');
    const script = path.join(dir, 'stuck-worker.mjs');
    await writeFile(counter, String(stuck));
    await writeFile(script, `import { readFileSync, writeFileSync } from 'node:fs';
const left = Number(readFileSync(${JSON.stringify(counter)}, 'utf8'));
writeFileSync(${JSON.stringify(counter)}, String(left - 1));
if (left > 0) {
    globalThis.Worker = class { constructor() { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); } };
}
await import(${JSON.stringify(new URL('../../web/src/worker.js', import.meta.url).href)});
`);
    try {
        return await run(pathToFileURL(script), async () => stuck - Number(await readFile(counter, 'utf8')));
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
}

test('a model worker stuck starting a pool worker is ended and the load starts again in a new one', { timeout: 60_000 }, async () => {
    await withStuckWorkers(1, async (workerUrl, starts) => {
        const events = [];
        const began = Date.now();
        const model = await loadInWorker(`${server.base}golden/tiny/`, { workerUrl, numThreads: 2, onProgress: (e) => events.push(e.status) });
        try {
            assert.ok(Date.now() - began >= 5_000, 'the stuck worker was given 5 s');
            assert.equal(await starts(), 2);
            assert.deepEqual([model.info.build.startsWith('threads'), model.info.n_threads], [true, 2]);
            const { entities } = await model.tag('Seen by Dr. Ann Lee on 03/04/2021; call 555-123-4567.');
            assert.ok(entities.length > 0);
            assert.equal(events.at(-1), 'ready');
        } finally {
            await model.dispose();
        }
    });
});

test('a model worker stuck starting a pool worker 3 times: WORKER naming the fault and numThreads: 1', { timeout: 60_000 }, async () => {
    await withStuckWorkers(3, async (workerUrl, starts) => {
        await rejectsWith(loadInWorker(`${server.base}golden/tiny/`, { workerUrl, numThreads: 2 }), 'WORKER',
            /^the model worker did not come back from starting a worker of its thread pool, 3 times in 5 s each \(a fault of Firefox with workers started by workers\); numThreads: 1 needs no pool worker$/);
        assert.equal(await starts(), 3);
    });
});
