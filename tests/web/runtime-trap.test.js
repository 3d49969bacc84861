// A trap in the WebAssembly module (web/src/bindings.js, Runtime._trapped): the models of that
// runtime reject with WASM_TRAP from then on, without touching its memory again, and the next load()
// starts a new runtime that works. The core has no known path to a trap, so this test makes one: it
// points a model at an address outside wasm memory. Its own file, because it breaks the runtime that
// every model of its process shares.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { load } from '../../web/index.js';
import { GOLDEN_DIR, rejectsWith } from './helpers.mjs';

const TINY = path.join(GOLDEN_DIR, 'tiny');

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
