// A trap in the WebAssembly module (web/src/bindings.js, Runtime._trapped): the models of that
// runtime reject with WASM_TRAP from then on, without touching its memory again, and the next load()
// starts a new runtime that works. The core has no known path to a trap, so these tests make one:
// they point a model, or the logits that the pool's threads write, at an address outside wasm
// memory. A trap in a pool thread must neither hang the caller nor end the process (the glue's
// handler of a worker's error rethrows it). Its own file, because it breaks the runtime that every
// model of its process shares.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { load } from '../../web/index.js';
import { GOLDEN_DIR, REPO_ROOT, rejectsWith } from './helpers.mjs';

const TINY = path.join(GOLDEN_DIR, 'tiny');
const FULL = path.join(GOLDEN_DIR, 'full'); // big enough that every layer splits its work over the pool
const OUTSIDE_MEMORY = 0xfffff000; // wasm memory is at most 2 GB

// 128 tokens of the full model: [CLS] ... [SEP].
const LONG_INPUT = { inputIds: [Array.from({ length: 128 }, (_, i) => (i === 0 ? 2 : i === 127 ? 3 : 100 + i))] };

// The runtime of `model` ends (its pool workers exit) and a new load of `dir` gets a new one that
// gives `expected` for `input`.
async function checkNewRuntime(model, dir, input, expected) {
    const runtime = model._runtime;
    assert.ok(runtime.workers.length > 0);
    await Promise.all(runtime.workers.map((w) => new Promise((resolve) => (w.threadId === -1 ? resolve() : w.once('exit', resolve)))));
    const c = await load(dir, { numThreads: 2 });
    try {
        assert.notEqual(c._runtime, runtime, 'a new runtime');
        assert.deepEqual(await c.forward(input), expected);
    } finally {
        c.dispose();
    }
}

for (const numThreads of [1, 2]) {
    test(`a trap fails the models of its runtime with WASM_TRAP, and the next load starts a new one (${numThreads} thread(s))`, async () => {
        const [a, b] = [await load(TINY, { numThreads }), await load(TINY, { numThreads })];
        assert.equal(a._runtime, b._runtime, 'the two models share one runtime');
        const input = { inputIds: [[2, 17, 400, 3]] };
        const expected = await b.forward(input);

        a._model.ptr = 0xfffffff0; // white box: the core reads the model there, past the end of wasm memory
        await rejectsWith(a.forward(input), 'WASM_TRAP', /^the WebAssembly runtime \(\S+ build\) stopped: .*load the model again/);
        await rejectsWith(b.forward(input), 'WASM_TRAP');
        await rejectsWith(b.tag('Seen by Dr. Smith.'), 'WASM_TRAP');
        await rejectsWith(b.tokenize('x'), 'WASM_TRAP');
        a.dispose();
        b.dispose();

        const c = await load(TINY, { numThreads });
        try {
            assert.notEqual(c._runtime, a._runtime, 'a new runtime');
            assert.deepEqual(await c.forward(input), expected);
        } finally {
            c.dispose();
        }
    });
}

test('a trap in the pool\'s threads too: WASM_TRAP, the process goes on and exits, and the next load works', () => {
    // A child process: the glue's handler would rethrow the pool worker's error uncaught, which
    // ends a process (the test runner would only report it).
    const script = `
        import { load } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'web/index.js')).href)};
        const input = ${JSON.stringify(LONG_INPUT)};
        const m = await load(${JSON.stringify(FULL)}, { numThreads: 2 });
        const expected = Array.from((await m.forward(input)).logits);
        const rt = m._runtime;
        const ids = new Int32Array(input.inputIds[0]);
        let trap = null;
        try {
            // White box: the classifier's rows are split over both threads, and each writes outside memory.
            rt.withBuffers([new Uint8Array(ids.buffer)],
                (p) => rt.M._mab_wasm_forward(m._model.ptr, p, 0, 0, 1, ids.length, ${OUTSIDE_MEMORY}));
        } catch (e) {
            trap = { code: e.code, message: e.message };
        }
        await new Promise((resolve) => setTimeout(resolve, 300)); // for the pool worker's error event
        const again = await m.forward(input).then(() => null, (e) => e.code);
        m.dispose();
        const c = await load(${JSON.stringify(FULL)}, { numThreads: 2 });
        const same = JSON.stringify(Array.from((await c.forward(input)).logits)) === JSON.stringify(expected);
        console.log(JSON.stringify({ trap, again, newRuntime: c._runtime !== rt, same }));
        c.dispose();`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.signal, null, `killed after 60 s\n${run.stderr}`);
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.trap?.code, 'WASM_TRAP', run.stdout);
    assert.match(out.trap.message, /memory access out of bounds/);
    assert.deepEqual({ again: out.again, newRuntime: out.newRuntime, same: out.same }, { again: 'WASM_TRAP', newRuntime: true, same: true });
});

test('a pool thread that crashes while the caller waits: WASM_TRAP naming the pool, not a hang', async () => {
    const m = await load(FULL, { numThreads: 2 });
    const expected = await m.forward(LONG_INPUT);
    // What Emscripten's worker script calls when its thread's code throws: the calling thread is
    // unwound out of its next wait for the pool (tests/core/kernels/test-thread-pool-wasm.cpp shows
    // this with a real trap), which the binding reports.
    m._runtime.M.__emscripten_thread_crashed();
    await rejectsWith(m.forward(LONG_INPUT), 'WASM_TRAP', /stopped: a thread of its pool stopped\. .*load the model again/);
    await rejectsWith(m.tag('Seen by Dr. Smith.'), 'WASM_TRAP');
    m.dispose();
    await checkNewRuntime(m, FULL, LONG_INPUT, expected);
});

test('a pool worker\'s error event breaks the runtime instead of ending the process', async () => {
    const m = await load(TINY, { numThreads: 2 });
    const input = { inputIds: [[2, 17, 400, 3]] };
    const expected = await m.forward(input);
    // The event a pool worker's uncaught trap raises in this thread, as worker_threads delivers it.
    m._runtime.workers[0].emit('error', new WebAssembly.RuntimeError('memory access out of bounds'));
    await rejectsWith(m.forward(input), 'WASM_TRAP', /stopped: a thread of its pool stopped \(memory access out of bounds\)/);
    m.dispose();
    await checkNewRuntime(m, TINY, input, expected);
});
