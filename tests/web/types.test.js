// web/index.d.ts: a strict TypeScript app (tests/web/types/) that uses every export through the
// package's name compiles against it, and misuse does not; the objects load() and loadInWorker()
// give at run time have exactly the keys it declares, read from it by the TypeScript compiler; its
// error codes are exactly those the JS layer throws and the core names.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ts from 'typescript';

import * as api from '../../web/index.js';
import { REPO_ROOT, startGoldenServer } from './helpers.mjs';

const DTS = path.join(REPO_ROOT, 'web/index.d.ts');
const TSC = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
const NOTE = 'Seen by Dr. Ann Lee on 03/04/2021, call 555-123-4567.';

// index.d.ts as the compiler reads it: what it exports, and the property names of its types.
function readDeclarations() {
    const program = ts.createProgram([DTS], { strict: true, noEmit: true, types: [], target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(DTS) ?? assert.fail(`${DTS} is missing`);
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(source));
    const symbol = (name) => exported.find((s) => s.name === name) ?? assert.fail(`index.d.ts does not export ${name}`);
    const type = (name) => checker.getDeclaredTypeOfSymbol(symbol(name));
    const keys = (t) => checker.getPropertiesOfType(t).map((p) => p.name).sort();
    // What a Model method's promise resolves to (its element, for an array).
    const result = (method) => {
        const [call] = checker.getSignaturesOfType(checker.getTypeOfSymbol(type('Model').getProperty(method)), ts.SignatureKind.Call);
        const awaited = checker.getAwaitedType(checker.getReturnTypeOfSignature(call));
        return checker.getIndexTypeOfType(awaited, ts.IndexKind.Number) ?? awaited;
    };
    return {
        values: exported.filter((s) => s.flags & ts.SymbolFlags.Value).map((s) => s.name).sort(),
        keys: (name) => keys(type(name)),
        resultKeys: (method) => keys(result(method)),
        envKeys: keys(checker.getTypeOfSymbol(symbol('env'))),
        codes: type('MiniAlbertErrorCode').types.map((t) => t.value).sort(),
        // status -> the keys of that ProgressEvent
        progress: new Map(type('ProgressEvent').types.map((t) => [checker.getTypeOfSymbol(t.getProperty('status')).value, keys(t)])),
        // Declared on MiniAlbertError itself (the rest is Error's).
        errorFields: [...symbol('MiniAlbertError').members.keys()].filter((k) => k !== '__constructor').sort(),
    };
}

// Methods and properties of a model object; the ones starting with '_' are internal.
function publicMembers(model) {
    return [...Object.keys(model), ...Object.getOwnPropertyNames(Object.getPrototypeOf(model))]
        .filter((k) => !k.startsWith('_') && k !== 'constructor').sort();
}

const keysOf = (o) => Object.keys(o).sort();

test('a strict app compiles against index.d.ts by the package name, and misuse does not compile', () => {
    // Non-zero on any error, including a @ts-expect-error line of misuse.ts that compiles.
    const tsc = spawnSync(process.execPath, [TSC, '-p', path.join(REPO_ROOT, 'tests/web/types'), '--listFiles'], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
    assert.ok(tsc.stdout.split('\n').includes(DTS), `'minialbert-web' did not resolve to ${DTS}:\n${tsc.stdout}`);
});

describe('the runtime against the declarations', () => {
    let decl, server;
    before(async () => {
        decl = readDeclarations();
        server = await startGoldenServer();
    });
    after(() => server?.close());

    test('index.js exports the values index.d.ts declares, and env has the declared flags', () => {
        assert.deepEqual(Object.keys(api).sort(), decl.values);
        assert.deepEqual(keysOf(api.env), decl.envKeys);
    });

    test('MiniAlbertErrorCode is every code the JS layer throws and every status name of the core', async () => {
        const files = [path.join(REPO_ROOT, 'web/index.js'),
            ...(await readdir(path.join(REPO_ROOT, 'web/src'))).map((f) => path.join(REPO_ROOT, 'web/src', f))];
        const js = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
        const thrown = [...js.matchAll(/new MiniAlbertError\(\s*'([A-Z_]+)'/g)].map((m) => m[1]);
        const core = await readFile(path.join(REPO_ROOT, 'core/status.cpp'), 'utf8');
        const named = [...core.matchAll(/case MAB_STATUS_\w+:\s*return "([A-Z_]+)"/g)].map((m) => m[1]).filter((c) => c !== 'OK');
        assert.ok(named.length > 0 && thrown.length > 0);
        assert.deepEqual([...new Set([...thrown, ...named])].sort(), decl.codes);
    });

    for (const [mode, open, declared] of [['load', api.load, 'MiniAlbertModel'], ['loadInWorker', api.loadInWorker, 'WorkerModel']]) {
        describe(mode, () => {
            const events = [];
            let model, seqcls;
            before(async () => {
                model = await open(`${server.base}golden/tiny/`, { numThreads: 1, onProgress: (e) => events.push(e) });
                seqcls = await open(`${server.base}golden/tiny-seqcls/`, { numThreads: 1 });
            });
            after(async () => {
                await model?.dispose();
                await seqcls?.dispose();
            });

            test(`the model has the members of ${declared}, info those of ModelInfo, progress events those of ProgressEvent`, () => {
                assert.deepEqual(publicMembers(model), decl.keys(declared));
                assert.deepEqual(keysOf(model.info), decl.keys('ModelInfo'));
                assert.equal(events.at(-1).status, 'ready');
                for (const e of events) assert.deepEqual(keysOf(e), decl.progress.get(e.status), JSON.stringify(e));
            });

            test('every method gives the declared shape', async () => {
                assert.deepEqual(keysOf(await model.tokenize(NOTE)), decl.keys('Tokenization'));

                const out = await model.forward({ inputIds: [[2, 30, 31, 3]] });
                assert.deepEqual(keysOf(out), decl.keys('ForwardOutput'));
                assert.ok(out.logits instanceof Float32Array);
                assert.equal(out.dims.length, 3); // [batch, seqLen, numLabels]
                assert.equal((await seqcls.forward({ inputIds: [[2, 30, 31, 3]] })).dims.length, 2); // [batch, numLabels]

                const tagged = await model.tag(NOTE);
                assert.deepEqual(keysOf(tagged), decl.resultKeys('tag'));
                assert.ok(tagged.entities.length > 0);
                for (const e of tagged.entities) assert.deepEqual(keysOf(e), decl.keys('Entity'));

                const deid = await model.deidentify(NOTE, { operators: { DATE: 'keep', default: 'tag' } });
                assert.deepEqual(keysOf(deid), decl.resultKeys('deidentify'));
                assert.ok(deid.replacements.some((r) => r.operator === 'keep'));
                for (const r of deid.replacements) assert.deepEqual(keysOf(r), decl.keys('Replacement'));

                const classes = await seqcls.classify(NOTE);
                assert.ok(classes.length > 0);
                for (const c of classes) assert.deepEqual(keysOf(c), decl.resultKeys('classify'));
                // The counts on the array: its own keys beyond the indices, the declared ones beyond Array's.
                assert.deepEqual(keysOf(classes).filter((k) => !/^\d+$/.test(k)), decl.keys('Classification').filter((k) => !(k in []) && !k.startsWith('__@')));

                // Synchronous in this thread, a promise through the worker, as declared.
                const stats = model.memoryStats();
                assert.equal(stats instanceof Promise, mode === 'loadInWorker');
                assert.deepEqual(keysOf(await stats), decl.keys('MemoryStats'));
            });

            test('errors are MiniAlbertErrors with a declared code and the declared fields', async () => {
                const check = async (promise, code, fields) => {
                    await assert.rejects(promise, (e) => {
                        assert.ok(e instanceof api.MiniAlbertError, String(e));
                        assert.ok(decl.codes.includes(e.code), e.code);
                        assert.equal(e.code, code, e.message);
                        assert.deepEqual(keysOf(e), fields);
                        return true;
                    });
                };
                await check(open(`${server.base}fault/404/tiny/`, { numThreads: 1 }), 'HTTP', decl.errorFields);
                await check(model.tag(42), 'INVALID_ARGUMENT', ['code', 'name']);
                await check(model.classify(NOTE), 'NO_HEAD', ['code', 'name']);
                const freed = seqcls.dispose();
                assert.equal(freed instanceof Promise, mode === 'loadInWorker');
                await freed;
                await check(seqcls.tokenize(NOTE), 'DISPOSED', ['code', 'name']);
            });
        });
    }
});
