// What callers hand the public API (web/src/arguments.js and its users), with load() and with
// loadInWorker(): a wrong value rejects with a code and a message naming it, never a coercion that
// computes on something else (String(undefined) tagged as a note answers "no PHI"); a mistake in
// worker mode neither kills the process nor leaves its worker running; text with lone surrogates
// comes back as it went in.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { load, loadInWorker } from '../../web/index.js';
import { GOLDEN_DIR, REPO_ROOT, rejectsWith } from './helpers.mjs';

const TINY = path.join(GOLDEN_DIR, 'tiny');
const API = JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'web/index.js')).href);

// Runs `script` (an ES module importing the API as `api`) in a child Node; returns {status, stdout,
// stderr, signal}. A worker that is never ended keeps the child alive until the timeout kills it.
function runChild(script, timeout = 60_000) {
    return spawnSync(process.execPath, ['--input-type=module', '-e', `import * as api from ${API};\n${script}`],
                     { encoding: 'utf8', timeout });
}

for (const [mode, open] of [['load', (dir, o) => load(dir, o)], ['loadInWorker', (dir, o) => loadInWorker(dir, o)]]) {
    describe(`${mode}: arguments`, () => {
        let model, seqcls;
        before(async () => {
            model = await open(null, { numThreads: 1 });
            seqcls = await open(path.join(GOLDEN_DIR, 'tiny-seqcls'), { numThreads: 1 });
        });
        after(async () => {
            await model.dispose();
            await seqcls.dispose();
        });

        test('text that is not a string is refused, by every method that takes text', async () => {
            for (const bad of [undefined, null, 5, { text: 'John Smith' }, ['John Smith'], Symbol('x')]) {
                for (const method of ['tokenize', 'tag', 'deidentify']) {
                    await rejectsWith(model[method](bad), 'INVALID_ARGUMENT', new RegExp(`^${method}: text must be a string, got `));
                }
                await rejectsWith(seqcls.classify(bad), 'INVALID_ARGUMENT', /^classify: text must be a string/);
            }
            // eslint-disable-next-line no-new-wrappers
            assert.deepEqual(await model.tag(new String('Call 617-555-0134.')), await model.tag('Call 617-555-0134.'));
        });

        test('classify options: an object with at most a whole maxLength', async () => {
            const cases = [
                [5, /^classify: options must be an object, got a number \(5\)/],
                [[], /^classify: options must be an object, got an array/],
                [{ maxLength: '16' }, /^classify: options\.maxLength must be a whole number of tokens, got a string/],
                [{ maxLength: 16.5 }, /^classify: options\.maxLength must be a whole number of tokens, got a number \(16\.5\)/],
                [{ maxLength: -1 }, /options\.maxLength must be a whole number/],
                [{ maxLength: NaN }, /options\.maxLength must be a whole number/],
                [{ aggregation: 'first' }, /^classify: unknown option 'aggregation' \(classify takes maxLength\)/],
            ];
            for (const [options, message] of cases) await rejectsWith(seqcls.classify('x', options), 'INVALID_ARGUMENT', message);
            assert.equal((await seqcls.classify('x', {})).tokensRead, (await seqcls.classify('x')).tokensRead);
        });

        test('tag/deidentify options must be an object of JSON values', async () => {
            const cases = [
                [5, /^tag: options must be an object, got a number \(5\)/],
                [[], /^tag: options must be an object, got an array/],
                [{ aggregation: () => 'simple' }, /^tag: options\.aggregation must be a JSON value .* got a function/],
                [{ maxLength: undefined }, /^tag: options\.maxLength must be a JSON value .* got undefined/],
                [{ minScore: NaN }, /^tag: options\.minScore must be a finite number, got NaN/],
                [{ denyList: ['ok', '\uD800'] }, /^tag: options\.denyList\[1\] holds a lone UTF-16 surrogate/],
            ];
            for (const [options, pattern] of cases) await rejectsWith(model.tag('x', options), 'INVALID_ARGUMENT', pattern);
            await rejectsWith(model.deidentify('x', { maskChar: '\uDC00' }), 'INVALID_ARGUMENT', /^deidentify: options\.maskChar holds a lone/);
            assert.deepEqual(await model.tag('x', undefined), await model.tag('x', {}));
        });

        test('forward: every id an integer that int32 holds, dims two positive integers', async () => {
            const ok = await model.forward({ inputIds: [[2, 100, 3]] });
            assert.deepEqual(ok.dims.slice(0, 2), [1, 3]);
            const cases = [
                [{ inputIds: [[2, NaN, 3]] }, /inputIds \[0\]\[1\] is a number \(NaN\), expected an integer/],
                [{ inputIds: [2, '100', 3] }, /inputIds \[1\] is a string \("100"\), expected an integer/],
                [{ inputIds: [[2, 100.7, 3]] }, /\[0\]\[1\] is a number \(100\.7\)/],
                [{ inputIds: [[2, 2 ** 32 + 5, 3]] }, /\[0\]\[1\] is a number \(4294967301\)/],
                [{ inputIds: [[[2, 100, 3]]] }, /\[0\]\[0\] is an array, expected an integer/],
                [{ inputIds: [2, , 3] }, /inputIds \[1\] is undefined/], // eslint-disable-line no-sparse-arrays
                [{ inputIds: new BigInt64Array([2n, 2n ** 32n + 100n, 3n]) }, /inputIds \[1\] is a bigint \(4294967396\)/],
                [{ inputIds: new Uint32Array([2, 2 ** 32 - 1, 3]) }, /inputIds \[1\] is a number \(4294967295\)/],
                [{ inputIds: new Float32Array([2, 100.5, 3]) }, /inputIds \[1\] is a number \(100\.5\)/],
                [{ inputIds: [[2, 100, 3]], attentionMask: [[1, 0.5, 1]] }, /attentionMask \[0\]\[1\] is a number \(0\.5\)/],
                [{ inputIds: new Int32Array(6).fill(2), dims: [1.5, 4] }, /dims must be \[batch, seqLen\], two positive integers, got \[1\.5,4\]/],
                [{ inputIds: new Int32Array(6).fill(2), dims: ['2', '3'] }, /dims must be .* got \["2","3"\]/],
                [{ inputIds: new Int32Array(6).fill(2), dims: [6] }, /dims must be .* got \[6\]/],
                [{ inputIds: new DataView(new ArrayBuffer(8)) }, /got a DataView/],
            ];
            for (const [inputs, pattern] of cases) await rejectsWith(model.forward(inputs), 'BAD_INPUT', pattern);
            await rejectsWith(model.forward(), 'INVALID_ARGUMENT', /^forward: expected \{inputIds, .* got undefined/);
            // The core's own checks are named once, not "forward: forward: ...".
            await rejectsWith(model.forward({ inputIds: [] }), 'BAD_INPUT', /^forward: batch 1 x seq_len 0 is empty/);
            const typed = await model.forward({ inputIds: new BigInt64Array([2n, 100n, 3n]) });
            assert.deepEqual(typed.logits, ok.logits);
        });

        test('forward: dims shape a flat array as they shape a typed array; rows must match them', async () => {
            const rows = { inputIds: [[2, 5, 3], [2, 6, 3]], attentionMask: [[1, 1, 1], [1, 1, 0]] };
            const want = await model.forward(rows);
            assert.deepEqual(want.dims.slice(0, 2), [2, 3]);
            const flat = [2, 5, 3, 2, 6, 3];
            for (const inputs of [
                { inputIds: flat, attentionMask: [1, 1, 1, 1, 1, 0], dims: [2, 3] },
                { inputIds: new Int32Array(flat), attentionMask: [1, 1, 1, 1, 1, 0], dims: [2, 3] },
                { inputIds: rows.inputIds, attentionMask: [1, 1, 1, 1, 1, 0], dims: [2, 3] },
                // attentionMask and tokenTypeIds take the shape of inputIds, whatever their form.
                { inputIds: rows.inputIds, attentionMask: new Uint8Array([1, 1, 1, 1, 1, 0]), tokenTypeIds: [0, 0, 0, 0, 0, 0] },
            ]) {
                assert.deepEqual(await model.forward(inputs), want, JSON.stringify(inputs));
            }
            const cases = [
                [{ inputIds: [flat], dims: [2, 3] }, /^forward: inputIds is 1×6 as rows, expected 2×3 \(dims\)/],
                [{ inputIds: [2, 5, 3, 2, 6], dims: [2, 3] }, /^forward: inputIds has 5 values, expected 2×3 \(dims\)/],
                [{ inputIds: rows.inputIds, attentionMask: [[1, 1]] }, /^forward: attentionMask is 1×2 as rows, expected 2×3 \(the shape of inputIds\)/],
                [{ inputIds: flat, dims: [2, 3], tokenTypeIds: [0, 0, 0] }, /^forward: tokenTypeIds has 3 values, expected 2×3 \(the shape of inputIds\)/],
                [{ inputIds: [[2, 5], , [2, 6]] }, /^forward: inputIds row 1 has no values/], // eslint-disable-line no-sparse-arrays
            ];
            for (const [inputs, pattern] of cases) await rejectsWith(model.forward(inputs), 'BAD_INPUT', pattern);
        });

        test('load options and the model directory are checked before anything starts', async () => {
            const cases = [
                [TINY, { signal: {} }, /options\.signal must be an AbortSignal, got an object/],
                [TINY, { onProgress: 'log' }, /options\.onProgress must be a function, got a string \("log"\)/],
                [TINY, { backend: 5 }, /options\.backend must be a backend's name .* got a number \(5\)/],
                [TINY, { backend: '' }, /options\.backend must be a backend's name .* got a string \(""\)/],
                // A misspelled option would be left at its default, silently.
                [TINY, { numthreads: 1 }, /unknown option 'numthreads' \(options are onProgress, signal, fetch, cache, backend, numThreads, stallTimeoutMs, workerUrl\)/],
                [TINY, { stallTimeout: 1000 }, /unknown option 'stallTimeout'/],
                [TINY, { numThreads: null }, /numThreads must be an integer from 0 \(auto\) to 8, got null/],
                [TINY, { cache: 'yes' }, /options\.cache must be true or false/],
                [TINY, { stallTimeoutMs: -1 }, /options\.stallTimeoutMs must be a whole number of milliseconds from 0 \(never\) to 2147483647, got a number \(-1\)/],
                [TINY, { stallTimeoutMs: 1.5 }, /options\.stallTimeoutMs must be .* got a number \(1\.5\)/],
                [TINY, { stallTimeoutMs: 2 ** 31 }, /options\.stallTimeoutMs must be .* got a number \(2147483648\)/],
                [TINY, { stallTimeoutMs: '30s' }, /options\.stallTimeoutMs must be .* got a string/],
                [TINY, 5, /options must be an object, got a number \(5\)/],
                [TINY, { numThreads: '2' }, /numThreads must be an integer from 0 \(auto\) to 8, got a string \("2"\)/],
                [42, {}, /the model directory must be a URL or a string, got a number \(42\)/],
                [{}, {}, /the model directory must be a URL or a string, got an object/],
            ];
            for (const [dir, options, pattern] of cases) await rejectsWith(open(dir, options), 'INVALID_ARGUMENT', pattern);
            const viaNull = await open(TINY, null);
            await viaNull.dispose();
        });
    });
}

describe('worker mode: mistakes neither kill the process nor leak the worker', () => {
    test('a bad signal, a throwing onProgress and a failed load each end the worker; the process exits', () => {
        const run = runChild(`
            const out = [];
            const dir = ${JSON.stringify(TINY)};
            for (const options of [{ signal: {} }, { onProgress: () => { throw new Error('boom in onProgress'); } }]) {
                try { await api.loadInWorker(dir, options); out.push('loaded?'); } catch (e) { out.push(e.code ?? e.message); }
            }
            try { await api.loadInWorker('/nonexistent/model/dir'); } catch (e) { out.push(e.code); }
            console.log(JSON.stringify(out));`);
        assert.equal(run.signal, null, `killed by the timeout: a worker kept the process alive\n${run.stderr}`);
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(JSON.parse(run.stdout.trim().split('\n').pop()), ['INVALID_ARGUMENT', 'boom in onProgress', 'IO']);
    });

    test('a worker that exits rejects the pending call with WORKER instead of leaving it waiting', async () => {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'mab-worker-'));
        try {
            const script = path.join(dir, 'exits.mjs');
            await writeFile(script, 'process.exit(3);\n');
            await rejectsWith(loadInWorker(TINY, { workerUrl: pathToFileURL(script) }), 'WORKER', /exited \(code 3\)/);
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });

    test('workerUrl: in Node a path (absolute or relative), as for model directories; any other failure is WORKER', async () => {
        const script = fileURLToPath(new URL('../../web/src/worker.js', import.meta.url));
        for (const workerUrl of [script, path.relative(process.cwd(), script)]) {
            const model = await loadInWorker(TINY, { workerUrl, numThreads: 1 });
            assert.equal(model.labels.length, 5, workerUrl);
            await model.dispose();
        }
        await rejectsWith(loadInWorker(TINY, { workerUrl: 'http://127.0.0.1:9/worker.js' }), 'WORKER',
            /^the worker script http:\/\/127\.0\.0\.1:9\/worker\.js could not be started: Node runs worker scripts from files only/);
        await rejectsWith(loadInWorker(TINY, { workerUrl: 'file://elsewhere/worker.js' }), 'WORKER', /could not be started: .*host/);
    });

    test('a call pending when dispose() starts, or made while it runs, is DISPOSED; dispose ends the worker', async () => {
        const model = await loadInWorker(TINY, { numThreads: 1 });
        const before = rejectsWith(model.tag('John Smith'), 'DISPOSED');
        const disposing = model.dispose();
        await rejectsWith(model.tag('John Smith'), 'DISPOSED');
        await before;
        await disposing;
        await rejectsWith(model.memoryStats(), 'DISPOSED');
        await model.dispose();
    });
});

test('env.wasmPaths: in Node a path, as for model directories; a value that is no URL is INVALID_ARGUMENT', () => {
    // A child process: env.wasmPaths is read when a build is first instantiated, once per process.
    const dist = path.join(REPO_ROOT, 'web', 'dist');
    const run = runChild(`
        const out = [];
        const dir = ${JSON.stringify(TINY)};
        const attempt = async (open) => {
            try { const m = await open(dir, { numThreads: 1 }); await m.dispose(); out.push(m.info.build); }
            catch (e) { out.push(e.code + ': ' + e.message); }
        };
        api.env.wasmPaths = 'http://[no-host/';
        await attempt(api.load);
        await attempt(api.loadInWorker);
        for (const folder of [${JSON.stringify(dist)}, ${JSON.stringify(`${dist}/`)}]) {
            api.env.wasmPaths = folder;
            await attempt(api.loadInWorker);
            await attempt(api.load);
        }
        console.log(JSON.stringify(out));`);
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout.trim().split('\n').pop());
    assert.match(out[0], /^INVALID_ARGUMENT: env\.wasmPaths "http:\/\/\[no-host\/" is not a URL or a path \(Invalid URL\)/);
    assert.match(out[1], /^INVALID_ARGUMENT: loadInWorker: cannot use "http:\/\/\[no-host\/" as env\.wasmPaths: Invalid URL/);
    assert.equal(out.length, 6, JSON.stringify(out));
    for (const build of out.slice(2)) assert.match(build, /^(simd|relaxed)$/); // loaded
});

describe('lone surrogates', () => {
    let model;
    before(async () => {
        model = await load(null, { numThreads: 1 });
    });
    after(() => model.dispose());

    test('entities quote the text at their offsets, and deidentify changes nothing outside its replacements', async () => {
        for (const offsets of ['utf16', 'codepoints']) {
            const text = '\uD83D\uDE00 Dr. \uD800Jo\uDBFFhn Smith, call 617-555-0134\uDC00 now.';
            const cut = offsets === 'utf16' ? (b, e) => text.slice(b, e) : (b, e) => Array.from(text).slice(b, e).join('');
            const length = offsets === 'utf16' ? text.length : Array.from(text).length;
            const options = { offsets, denyList: ['/Jo.hn Smith/'] };
            const { entities } = await model.tag(text, options);
            assert.ok(entities.some((e) => e.text.includes('Jo\uDBFFhn')), JSON.stringify(entities));
            for (const e of entities) assert.equal(e.text, cut(e.start, e.end));

            const deid = await model.deidentify(text, { ...options, operators: { default: 'tag', CONTACT: 'keep' } });
            assert.ok(deid.replacements.length >= 2);
            let prev = 0, expected = '';
            for (const r of deid.replacements) {
                assert.equal(r.original, cut(r.start, r.end));
                expected += cut(prev, r.start) + r.replacement;
                prev = r.end;
            }
            assert.equal(deid.text, expected + cut(prev, length));
            assert.ok(deid.text.includes(' Dr. \uD800['), JSON.stringify(deid.text));
            assert.ok(deid.text.endsWith('call 617-555-0134\uDC00 now.'), JSON.stringify(deid.text));
        }
    });
});

test('a directory without vocab.txt or tokenizer.json names both', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mab-notok-'));
    try {
        for (const f of ['config.json', 'model.safetensors']) await copyFile(path.join(TINY, f), path.join(dir, f));
        await rejectsWith(load(dir, { numThreads: 1 }), 'BAD_TOKENIZER', /has no tokenizer: expected vocab\.txt \(BERT WordPiece\) or tokenizer\.json/);
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
});
