// test-thread-pool-wasm.mjs BUILD.cjs: a trap in a pool thread ends the caller's wait for its task
// with 'unwind' (test-thread-pool-wasm.cpp) instead of a hang, and the worker's error reaches this
// thread as the trap it was.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const file = path.resolve(process.argv[2]);
const createTest = createRequire(import.meta.url)(file);
// The glue rethrows a worker's error in this thread, uncaught.
const workerError = new Promise((resolve) => process.on('uncaughtException', resolve));
const M = await createTest({ wasmBinary: readFileSync(file.replace(/\.cjs$/, '.wasm')), printErr: () => {} });

let thrown = null;
const start = Date.now();
try {
    thrown = `returned ${M._run_with_trapping_worker()}`;
} catch (e) {
    thrown = e;
}
assert.equal(thrown, 'unwind');
const error = await workerError;
assert.ok(error instanceof Error && /unreachable/.test(error.message), String(error));
console.log(`the caller was unwound after ${Date.now() - start} ms; the worker's error: ${error.message}`);
process.exit(0); // the pool's other state is gone with its thread: nothing to shut down
