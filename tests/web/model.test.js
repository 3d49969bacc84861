// web/index.js + web/src/model.js through the public API, loaded over HTTP from a local server:
// golden logits of every model, tokenizer offsets, tag/classify, every load error, memory.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { DEFAULT_MODEL_URL, load, loadInWorker } from '../../web/index.js';
import { GOLDEN_DIR, GOLDEN_MODELS, REPO_ROOT, goldenCases, logitsTolerance, maxAbsDiff, rejectsWith, startGoldenServer } from './helpers.mjs';

let server;
before(async () => {
    server = await startGoldenServer();
});
after(() => server.close());

describe('golden logits over HTTP', () => {
    for (const name of GOLDEN_MODELS) {
        test(name, async () => {
            const model = await load(`${server.base}golden/${name}/`);
            try {
                const cases = await goldenCases(name);
                for (const c of cases.cases) {
                    const { logits, dims } = await model.forward({
                        inputIds: c.input_ids,
                        attentionMask: c.attention_mask,
                        tokenTypeIds: c.token_type_ids_passed ? c.token_type_ids : null,
                    });
                    const expected = cases.array(c, 'logits');
                    assert.deepEqual(dims, expected.shape, `${name}/${c.name}: dims`);
                    const diff = maxAbsDiff(logits, expected.data);
                    assert.ok(diff <= logitsTolerance(name), `${name}/${c.name}: max |Δlogit| ${diff} > ${logitsTolerance(name)}`);
                }
            } finally {
                model.dispose();
            }
        });
    }
});

describe('default model', () => {
    test('load() without a URL loads models/deid-minialbert-small, which finds PHI', async () => {
        assert.match(DEFAULT_MODEL_URL, /\/models\/deid-minialbert-small\/$/);
        const model = await load();
        try {
            const { entities } = await model.tag('Seen by Dr. Anna Smith on 12/16/2024; call 555-123-4567.');
            const types = entities.map((e) => e.type);
            for (const type of ['NAME', 'DATE', 'CONTACT']) assert.ok(types.includes(type), JSON.stringify(entities));
            // A transcript in lower case: the address rule (which reads the model's vocabulary) finds
            // the name said after a greeting, the repeat rule its other mentions.
            const transcript = '[doctor] hi , andrew . how are you ?\n[patient] fine .\n[doctor] okay , andrew , bye .';
            const spoken = await model.tag(transcript, { model: false, rules: ['address', 'repeat'] });
            assert.deepEqual(spoken.entities.map((e) => [e.text, e.start, e.subtype, e.source]),
                [['andrew', 14, 'PATIENT', 'rule:address'], ['andrew', 70, 'PATIENT', 'rule:repeat']]);
            const alone = await model.tag(transcript, { model: false, rules: ['address'] });
            assert.equal(alone.entities.length, 1);
            // "[UNK]" written in the text is one token, as upstream's; the name the model reads over it takes it whole.
            const unk = await model.tag('Seen by [UNK] Ann Lee today', { rules: false });
            assert.deepEqual(unk.entities.map((e) => [e.text, e.start, e.end]), [['[UNK] Ann Lee', 8, 21]]);
        } finally {
            model.dispose();
        }
    });
});

describe('load', () => {
    test('reports progress per file, then ready; config, labels and info', async () => {
        const events = [];
        const model = await load(`${server.base}golden/tiny/`, { onProgress: (e) => events.push(e) });
        try {
            assert.deepEqual(events.at(-1), { status: 'ready' });
            const files = ['config.json', 'vocab.txt', 'tokenizer_config.json', 'model.safetensors'];
            for (const file of files) {
                const mine = events.filter((e) => e.file === file);
                assert.equal(mine[0].status, 'initiate', file);
                assert.equal(mine.at(-1).status, 'done', file);
                const progress = mine.filter((e) => e.status === 'progress');
                assert.ok(progress.length > 0, file);
                assert.ok(progress.every((e, i) => i === 0 || e.loaded >= progress[i - 1].loaded), `${file}: loaded never decreases`);
                assert.ok(progress.every((e) => e.total === progress[0].total), `${file}: total is constant`);
                assert.equal(progress.at(-1).progress, 100, file);
            }
            const config = JSON.parse(await readFile(path.join(GOLDEN_DIR, 'tiny', 'config.json'), 'utf8'));
            assert.deepEqual(model.config, config);
            assert.deepEqual(model.labels, ['O', 'B-NAME', 'I-NAME', 'B-DATE', 'I-DATE']);
            assert.equal(model.info.head, 'token-classification');
            assert.equal(model.info.hidden_size, config.hidden_size);
        } finally {
            model.dispose();
        }
    });

    test('a filesystem path gives the same logits as HTTP', async () => {
        const viaPath = await load(path.join(GOLDEN_DIR, 'tiny-gelu-new'));
        const viaHttp = await load(`${server.base}golden/tiny-gelu-new`);
        const input = { inputIds: [[2, 17, 400, 3]] };
        assert.deepEqual((await viaPath.forward(input)).logits, (await viaHttp.forward(input)).logits);
        viaPath.dispose();
        viaHttp.dispose();
        // A config.json past 64 MiB is refused by its size, before it is read (a sparse file here).
        const dir = await mkdtemp(path.join(os.tmpdir(), 'mab-huge-config-'));
        try {
            await writeFile(path.join(dir, 'config.json'), '');
            await truncate(path.join(dir, 'config.json'), 65 << 20);
            await rejectsWith(load(dir), 'BAD_CONFIG', /config\.json is 68157440 bytes, more than the 67108864/);
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });

    test("Node 20: relaxed SIMD switched on in the process (v8.setFlagsFromString) before load() is taken, with the golden logits", () => {
        // A child process: V8 flags are process-wide. In Node 22+ the flag is already on.
        const script = `
            import v8 from 'node:v8';
            v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
            const { load } = await import(${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'web/index.js')).href)});
            const { goldenCases, maxAbsDiff } = await import(${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'tests/web/helpers.mjs')).href)});
            const m = await load(${JSON.stringify(path.join(GOLDEN_DIR, 'tiny'))}, { numThreads: 1 });
            const cases = await goldenCases('tiny');
            const diffs = [];
            for (const c of cases.cases) {
                const { logits } = await m.forward({ inputIds: c.input_ids, attentionMask: c.attention_mask,
                                                     tokenTypeIds: c.token_type_ids_passed ? c.token_type_ids : null });
                diffs.push(maxAbsDiff(logits, cases.array(c, 'logits').data));
            }
            console.log(JSON.stringify({ backend: m.info.backend, build: m.info.build, diffs }));`;
        const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
        assert.equal(run.status, 0, run.stderr);
        const out = JSON.parse(run.stdout.trim().split('\n').pop());
        assert.deepEqual([out.backend, out.build], ['wasmrelaxedsimd', 'relaxed']);
        assert.ok(out.diffs.length > 0);
        for (const d of out.diffs) assert.ok(d <= logitsTolerance('tiny'), `max |Δlogit| ${d}`);
    });

    test('info.int8_gemm names the int8 GEMM an int8 model runs on, and is null for f32', async () => {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'mab-int8-'));
        try {
            const r = spawnSync('/usr/bin/python3', [path.join(REPO_ROOT, 'models', 'convert.py'), path.join(GOLDEN_DIR, 'tiny'),
                                                    dir, '--dtype', 'int8'], { encoding: 'utf8' });
            assert.equal(r.status, 0, r.stderr);
            for (const backend of ['auto', 'wasmsimd']) {
                const [q8, f32] = [await load(dir, { backend }), await load(path.join(GOLDEN_DIR, 'tiny'), { backend })];
                try {
                    // Which relaxed GEMM runs depends on how the engine lowers relaxed SIMD's dot-add.
                    const expected = q8.info.backend === 'wasmsimd' ? ['qs8-gemm-2x4c8-wasmsimd-dot16']
                        : ['qs8-qu7-gemm-4x8c4-wasmrelaxedsimd-dot2', 'qs8-qu7-gemm-4x8c4-wasmrelaxedsimd-dotadd'];
                    assert.ok(expected.includes(q8.info.int8_gemm), `${backend}: ${q8.info.backend} reports ${q8.info.int8_gemm}`);
                    assert.equal(f32.info.int8_gemm, null);
                } finally {
                    q8.dispose();
                    f32.dispose();
                }
            }
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });

    test('every failure rejects with a code, frees what it allocated, and the next load works', async () => {
        const first = await load(`${server.base}golden/tiny/`);
        first.dispose();
        // Each failure runs twice: the first may grow what lives on (the core's last-error string),
        // the second must end exactly where the first did.
        const twice = async (attempt, what) => {
            await attempt();
            const heap = first.memoryStats().heapBytes;
            await attempt();
            assert.equal(first.memoryStats().heapBytes, heap, `${what}: the heap is back where it was`);
        };
        const fault = (mode, model = 'tiny') => `${server.base}fault/${mode}/${model}/`;
        const cases = [
            [fault('404'), 'HTTP', /404/],
            [fault('html'), 'BAD_WEIGHTS', /text\/html/],
            [fault('truncate'), 'TRUNCATED', /cut off after \d+ of \d+ bytes/],
            [fault('header-length'), 'BAD_WEIGHTS', /not a safetensors file/],
            [fault('header-json'), 'BAD_WEIGHTS', /not UTF-8 JSON/],
            [fault('header-dtype'), 'BAD_WEIGHTS', /F33/],
            [fault('config-json'), 'BAD_CONFIG', /not JSON/],
            // Refused once it passes 64 MiB (gzip made it small on the wire), or at once by its length.
            [fault('config-huge'), 'BAD_CONFIG', /config\.json is over 67108864 bytes, more than the 67108864 a model's config\.json may have/],
            [fault('config-declared'), 'BAD_CONFIG', /config\.json is 100000000000 bytes/],
            // The tagger's part of config.json is checked at load too, not at the first tag().
            [fault('label-types'), 'BAD_CONFIG', /"label_types" must be an object of strings/],
            // tiny's config with tiny-seqcls's weights: the classifier has 3 rows, not 5.
            [fault('weights-of-tiny-seqcls'), 'BAD_WEIGHTS', /classifier\.weight/],
            // tiny's config (adapters) with tiny-gelu-new's weights (none).
            [fault('weights-of-tiny-gelu-new'), 'BAD_WEIGHTS', /adapter/],
        ];
        for (const [url, code, pattern] of cases) await twice(() => rejectsWith(load(url), code, pattern), url);
        await twice(() => rejectsWith(load(fault('stall'), { stallTimeoutMs: 200 }), 'NETWORK', /stalled: no data after 1024 bytes/), 'stall');
        await twice(() => {
            const controller = new AbortController();
            return rejectsWith(load(fault('slow'), {
                signal: controller.signal,
                onProgress: (e) => { if (e.file === 'model.safetensors' && e.loaded > 100000) controller.abort(); },
            }), 'ABORTED');
        }, 'abort');
        // An onProgress that throws, at each of a load's events in turn: the load rejects with its
        // error and frees what it had (the weights' buffer too, once they are all read).
        const url = `${server.base}golden/tiny/`;
        let events = 0;
        (await load(url, { onProgress: () => events++ })).dispose();
        const boom = new Error('a bug in the page');
        for (let at = 0; at < events; at++) {
            await twice(() => {
                let seen = 0;
                return assert.rejects(load(url, { onProgress: () => { if (seen++ === at) throw boom; } }), (e) => e === boom);
            }, `onProgress throws at event ${at}`);
        }
        const again = await load(url);
        assert.equal((await again.forward({ inputIds: [5, 6, 7] })).dims.join(), '1,3,5');
        again.dispose();
    });

    test('a special token the vocabulary lacks is blamed on the file that named it, not on vocab.txt', async () => {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'mab-special-tokens-'));
        try {
            for (const f of ['config.json', 'model.safetensors', 'vocab.txt', 'tokenizer_config.json']) {
                await writeFile(path.join(dir, f), await readFile(path.join(GOLDEN_DIR, 'tiny', f)));
            }
            const map = path.join(dir, 'special_tokens_map.json');
            await writeFile(map, JSON.stringify({ unk_token: '<unk>' }));
            await rejectsWith(load(dir), 'BAD_TOKENIZER',
                              /^loading the tokenizer of .*: special_tokens_map\.json: unk_token '<unk>' is not in vocab\.txt \(1000 tokens\)/);
            // Any other special token gets the next id, as upstream; the tiny model's table ends before it.
            await writeFile(map, JSON.stringify({ cls_token: '<s>' }));
            await rejectsWith(load(dir), 'BAD_TOKENIZER',
                              /special_tokens_map\.json: cls_token '<s>' is not in vocab\.txt, so it got id 1000, past the model's vocab_size 1000/);
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });

    test('a backend this build lacks is refused before the weights are downloaded', async () => {
        const dir = `${server.base}fault/slow/full/`; // 72 MB at 64 KiB per 20 ms, were it read
        const before = server.requests.length;
        await rejectsWith(load(dir, { backend: 'xnnpack' }), 'UNSUPPORTED',
                          /^load: backend 'xnnpack' is not built into this binary \(available: auto, wasm/);
        assert.ok(!server.requests.slice(before).some((r) => r.endsWith('model.safetensors')), server.requests.slice(before).join());
    });

    test('100 load/dispose cycles leave the heap and wasm memory where they were', async () => {
        const url = `${server.base}golden/tiny/`;
        const warm = await load(url);
        warm.dispose();
        const start = warm.memoryStats();
        for (let i = 0; i < 100; i++) {
            const model = await load(url);
            await model.tag('Seen by Dr. Smith on 3/4/2021.');
            model.dispose();
        }
        assert.deepEqual(warm.memoryStats(), start);
    });
});

describe('memory', () => {
    test('forward() allocates nothing after a warm-up at the longest length', async () => {
        const model = await load(`${server.base}golden/full/`, { numThreads: 1 });
        try {
            const ids = (n) => Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % (model.info.vocab_size - 1)));
            await model.forward({ inputIds: [ids(128)] });
            const warm = model.memoryStats();
            for (const n of [128, 64, 1, 128, 100]) {
                await model.forward({ inputIds: [ids(n)] });
                assert.deepEqual(model.memoryStats(), warm, `after a forward of ${n} tokens`);
            }
        } finally {
            model.dispose();
        }
    });
});

describe('model', () => {
    let tiny;
    let full;
    let seqcls;
    before(async () => {
        [tiny, full, seqcls] = await Promise.all(['tiny', 'full', 'tiny-seqcls'].map((m) => load(`${server.base}golden/${m}/`)));
    });
    after(() => [tiny, full, seqcls].forEach((m) => m.dispose()));

    test('tokenize: tokens, ids and UTF-16 offsets of every golden tokenizer case', async () => {
        const cases = JSON.parse(await readFile(path.join(GOLDEN_DIR, 'tokenizer', 'cases.json'), 'utf8')).cases;
        assert.ok(cases.length > 0);
        for (const c of cases) {
            const text = new TextDecoder().decode(Buffer.from(c.text_utf8_hex, 'hex'));
            const got = await full.tokenize(text);
            assert.deepEqual(got.tokens, c.cased.tokens, JSON.stringify(text));
            assert.deepEqual(got.ids, c.cased.ids, JSON.stringify(text));
            assert.deepEqual(got.offsets, c.cased.offsets_utf16, JSON.stringify(text));
        }
    });

    test("tag {aggregation: 'simple', rules: false}: BIO spans of the argmax labels of forward()", async () => {
        const text = 'Pt John Smith (MRN 445-22-1901) seen 03/04/2021 at 12 Oak St.; call 555-0100. Ünïcode ☺ ok';
        const { entities } = await tiny.tag(text, { aggregation: 'simple', rules: false });
        // The same decoding written out here for one window: [CLS] ids [SEP] through forward().
        const tok = await tiny.tokenize(text);
        const withSpecial = await tiny.tokenize(`[CLS] ${text} [SEP]`);
        const { logits } = await tiny.forward({ inputIds: [withSpecial.ids] });
        const n = tiny.labels.length;
        const expected = [];
        tok.ids.forEach((_, t) => {
            const row = Array.from(logits.subarray((t + 1) * n, (t + 2) * n));
            const label = tiny.labels[row.indexOf(Math.max(...row))];
            const [start, end] = tok.offsets[t];
            const last = expected.at(-1);
            if (label === 'O') return expected.push(null);
            const type = label.slice(2);
            if (label.startsWith('I-') && last && last.type === type) last.end = end;
            else expected.push({ type, start, end });
        });
        // Aggregated entities without a letter or digit are dropped (non-ASCII counts as a letter), and
        // so are DATE entities inside a number that is no date (the MRN, the phone number).
        const inNoDate = (s) => s.type === 'DATE' && ['445-22-1901', '555-0100'].some((r) => {
            const at = text.indexOf(r);
            return s.start >= at && s.end <= at + r.length;
        });
        const spans = expected.filter((s) => s && /[A-Za-z0-9]|[^\x00-\x7f]/.test(text.slice(s.start, s.end)) && !inNoDate(s));
        assert.ok(spans.length < expected.filter(Boolean).length, 'the case has dropped spans');
        assert.ok(spans.length > 0);
        assert.deepEqual(entities.map(({ type, start, end }) => ({ type, start, end })), spans);
        for (const e of entities) {
            assert.equal(e.text, text.slice(e.start, e.end));
            assert.ok(e.score > 0 && e.score <= 1);
            assert.match(e.source, /^model:/);
        }
    });

    test('tag with the default pipeline: rules find what the random model cannot', async () => {
        const text = 'Call 617-555-0100 or write to jane.doe@example.org 🙂 today.';
        const { entities } = await tiny.tag(text, { model: false });
        const found = entities.map((e) => [e.type, e.text, e.source.split(':')[0]]);
        assert.deepEqual(found, [['CONTACT', '617-555-0100', 'rule'], ['CONTACT', 'jane.doe@example.org', 'rule']]);
        for (const e of entities) assert.equal(text.slice(e.start, e.end), e.text, 'UTF-16 offsets');
        await rejectsWith(tiny.tag(text, { noSuchOption: 1 }), 'INVALID_ARGUMENT', /noSuchOption/);
        const intro = await tiny.tag('Ms. José Núñez is a pleasant 64-year-old.', { model: false, rules: ['name'] });
        assert.deepEqual(intro.entities.map((e) => [e.type, e.subtype, e.text, e.start, e.source]),
            [['NAME', 'PATIENT', 'José Núñez', 4, 'rule:name']]);
    });

    test('a text past MAB_MAX_TEXT_BYTES (8 MiB of UTF-8) is refused by every call, and the model keeps working', async () => {
        // 4 Mi characters of 'é' are 8 MiB of UTF-8, and one more byte: the limit is in bytes, not characters.
        const huge = 'é'.repeat(4 << 20) + 'x';
        const refused = /the text has 8388609 bytes, more than the 8388608 supported: split it/;
        await rejectsWith(tiny.tokenize(huge), 'INVALID_ARGUMENT', refused);
        await rejectsWith(tiny.tag(huge), 'INVALID_ARGUMENT', refused);
        await rejectsWith(tiny.deidentify(huge, { model: false }), 'INVALID_ARGUMENT', refused);
        await rejectsWith(seqcls.classify(huge), 'INVALID_ARGUMENT', refused);
        const { entities } = await tiny.tag('Call 617-555-0100.', { model: false });
        assert.deepEqual(entities.map((e) => e.text), ['617-555-0100']);
    });

    test('deidentify: operators per type, replacements with old and new offsets, stable with a key', async () => {
        const text = 'Call 617-555-0100 or write to jane.doe@example.org 🙂 on 03/04/2021.';
        const opts = { model: false, operators: { CONTACT: 'tag', DATE: 'dateshift' }, key: 'k1' };
        const out = await tiny.deidentify(text, opts);
        assert.ok(!out.text.includes('617-555-0100') && !out.text.includes('jane.doe@example.org'));
        assert.ok(!out.text.includes('03/04/2021'));
        assert.deepEqual(out.replacements.map((r) => [r.type, r.operator]),
            [['CONTACT', 'tag'], ['CONTACT', 'tag'], ['DATE', 'dateshift']]);
        for (const r of out.replacements) {
            assert.equal(text.slice(r.start, r.end), r.original);
            assert.equal(out.text.slice(r.newStart, r.newEnd), r.replacement);
        }
        assert.match(out.replacements[2].replacement, /^\d\d\/\d\d\/\d{4}$/, 'date format kept');
        assert.deepEqual(await tiny.deidentify(text, opts), out, 'same key, same result');
        await rejectsWith(tiny.deidentify(text, { operators: { NAME: 'shred' } }), 'INVALID_ARGUMENT', /shred/);
        // A misspelled subtype would leave its entities to the fallback (here: kept in clear).
        await rejectsWith(tiny.deidentify(text, { operators: { 'CONTACT/PHNOE': 'mask', default: 'keep' } }), 'INVALID_ARGUMENT',
                          /no CONTACT entity has the subtype 'PHNOE' \(CONTACT subtypes: CONTACT, EMAIL, FAX, IP, IPADDR, PAGER, PHONE, URL\)/);
        await rejectsWith(tiny.deidentify(text, { operators: 'CONTACT=tag,CONTACT=keep' }), 'INVALID_ARGUMENT', /'CONTACT' is given twice/);
        await rejectsWith(tiny.deidentify(text, { maskChar: '\u0000' }), 'INVALID_ARGUMENT', /U\+0000 \(NUL\)/);
    });

    test('tag/deidentify: a label to ignore that is not what the aggregation compares is refused', async () => {
        const text = 'Seen by John Smith on 03/04/2021.';
        await rejectsWith(tiny.tag(text, { ignoreLabels: ['0'] }), 'INVALID_ARGUMENT',
                          /a label to ignore, '0', is not a group tag .* which aggregation 'first' compares: expected one of DATE, NAME, O$/);
        await rejectsWith(tiny.tag(text, { ignoreLabels: ['NAME'], aggregation: 'none' }), 'INVALID_ARGUMENT',
                          /is not a label of the model, which aggregation 'none' compares: expected one of B-DATE, B-NAME, I-DATE, I-NAME, O$/);
        await rejectsWith(tiny.deidentify(text, { ignoreLabels: ['O', 'B-NAM'] }), 'INVALID_ARGUMENT', /'B-NAM'/);
        for (const ignoreLabels of [[], ['O'], ['NAME', 'DATE']]) assert.ok(Array.isArray((await tiny.tag(text, { ignoreLabels })).entities));
        assert.ok(Array.isArray((await tiny.tag(text, { ignoreLabels: ['B-NAME'], aggregation: 'none' })).entities));
    });

    test('tag: text longer than one window is tagged to its end', async () => {
        const sentence = 'Mr. Jones was admitted on 2020-01-05 and discharged to 14 Elm Road. ';
        const text = sentence.repeat(80);
        const tokens = (await tiny.tokenize(text)).ids.length;
        assert.ok(tokens > 2 * tiny.maxLength, `${tokens} tokens`);
        const { entities } = await tiny.tag(text, { aggregation: 'simple', rules: false });
        for (let i = 1; i < entities.length; i++) assert.ok(entities[i].start >= entities[i - 1].end, 'spans are ordered and disjoint');
        for (const e of entities) assert.equal(e.text, text.slice(e.start, e.end));
        assert.ok(entities.at(-1).end > text.length - sentence.length, 'the last sentence is tagged');
    });

    test('tag/deidentify in windows: onProgress per window, the same result, the thread free between windows', async () => {
        const text = 'Mr. Jones was admitted on 2020-01-05 and discharged to 14 Elm Road; call 617-555-0100. '.repeat(40);
        const options = { maxLength: 32, stride: 8 };
        const plain = await tiny.tag(text, options);
        const events = [];
        // Queued before the call: it runs only if the call gives the thread back before it ends.
        let ranBetween = false;
        setImmediate(() => { ranBetween = true; });
        const tagged = await tiny.tag(text, { ...options, onProgress: (e) => events.push({ ...e, ranBetween }) });
        assert.deepEqual(tagged, plain);
        const total = events[0].total;
        assert.ok(total > 20, `${total} windows`);
        assert.deepEqual(events, Array.from({ length: total },
            (_, i) => ({ done: i + 1, total, progress: (100 * (i + 1)) / total, ranBetween: i > 0 })));
        const deidEvents = [];
        const deid = await tiny.deidentify(text, { ...options, key: 'k', onProgress: (e) => deidEvents.push(e.done) });
        assert.deepEqual(deid, await tiny.deidentify(text, { ...options, key: 'k' }));
        assert.equal(deidEvents.length, total);
        // Two calls at once take turns window by window, and each gets its own result.
        const other = 'Seen by Dr. Ann Lee on 2021-03-04. '.repeat(30);
        const [a, b] = await Promise.all([tiny.tag(text, options), tiny.tag(other, options)]);
        assert.deepEqual(a, plain);
        assert.deepEqual(b, await tiny.tag(other, options));
        // Rules and lists only: no window, no event.
        const none = [];
        await tiny.tag(text, { model: false, onProgress: (e) => none.push(e) });
        assert.deepEqual(none, []);
    });

    test('tag/deidentify: an AbortSignal cancels before the next window, dispose() ends a call, nothing leaks', async () => {
        const m = await load(`${server.base}golden/tiny/`);
        const text = 'Seen by Dr. Ann Lee on 2021-03-04 at 12 Oak St. '.repeat(60);
        const options = { maxLength: 32, stride: 8 };
        await m.tag(text, options);
        const warm = m.memoryStats();
        const controller = new AbortController();
        let last = 0;
        await rejectsWith(m.tag(text, {
            ...options, signal: controller.signal,
            onProgress: (e) => { last = e.done; if (e.done === 3) controller.abort(); },
        }), 'ABORTED', /tag was aborted/);
        assert.equal(last, 3, 'no window ran after the abort');
        const late = new AbortController();
        const running = m.deidentify(text, { ...options, signal: late.signal });
        setImmediate(() => late.abort(new Error('the note was edited')));
        await rejectsWith(running, 'ABORTED', /deidentify was aborted: the note was edited/);
        await rejectsWith(m.tag(text, { signal: AbortSignal.abort() }), 'ABORTED');
        const boom = new Error('progress bar gone');
        await assert.rejects(m.tag(text, { ...options, onProgress: () => { throw boom; } }), (e) => e === boom);
        await rejectsWith(m.tag(text, { onProgress: 'yes' }), 'INVALID_ARGUMENT', /options.onProgress must be a function/);
        await rejectsWith(m.tag(text, { signal: {} }), 'INVALID_ARGUMENT', /options.signal must be an AbortSignal/);
        assert.deepEqual(m.memoryStats(), warm, 'cancelled calls freed their jobs');
        assert.deepEqual(await m.tag(text, { ...options, signal: new AbortController().signal }), await m.tag(text, options));
        const pending = m.tag(text, options);
        await new Promise((resolve) => setImmediate(resolve));
        m.dispose();
        await rejectsWith(pending, 'DISPOSED');
    });

    test('tag/deidentify: dispose() from the last onProgress ends the call with DISPOSED, on the page and in a worker', async () => {
        const text = 'Seen by Dr. Ann Lee on 2021-03-04 at 12 Oak St. '.repeat(20);
        for (const [method, loader] of [['tag', load], ['deidentify', load], ['tag', loadInWorker], ['deidentify', loadInWorker]]) {
            for (const options of [{}, { maxLength: 32, stride: 8 }]) { // one window, then many
                const m = await loader(`${server.base}golden/tiny/`);
                let total = 0;
                await rejectsWith(m[method](text, { ...options, onProgress: (e) => {
                    total = e.total;
                    if (e.done === e.total) m.dispose();
                } }), 'DISPOSED', /this model was disposed/);
                assert.ok(options.maxLength ? total > 1 : total === 1, `${method}: ${total} windows`);
            }
        }
    });

    // The softmax of forward()'s logits on "[CLS] text [SEP]", cut to maxLength tokens.
    async function softmaxOfWindow(model, text, maxLength) {
        const { ids } = await model.tokenize(text);
        const { logits } = await model.forward({ inputIds: [[2, ...ids.slice(0, maxLength - 2), 3]] });
        const max = Math.max(...logits);
        const exps = Array.from(logits, (x) => Math.exp(x - max));
        const sum = exps.reduce((a, b) => a + b, 0);
        return { tokens: ids.length, scores: exps.map((e) => e / sum) };
    }

    test('classify: softmax of the sequence logits, best first, with the tokens read', async () => {
        const text = 'Chest pain radiating to the left arm.';
        const ranked = await seqcls.classify(text);
        assert.deepEqual(ranked.map((r) => r.label).sort(), [...seqcls.labels].sort());
        assert.ok(Math.abs(ranked.reduce((s, r) => s + r.score, 0) - 1) < 1e-6);
        for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1].score >= ranked[i].score);
        const want = await softmaxOfWindow(seqcls, text, 512);
        for (const r of ranked) assert.ok(Math.abs(r.score - want.scores[seqcls.labels.indexOf(r.label)]) < 1e-6, r.label);
        assert.equal(ranked.tokens, want.tokens);
        assert.equal(ranked.tokensRead, want.tokens);
    });

    test('classify: a text past the window is cut to it, and the counts say so', async () => {
        const text = 'Chest pain radiating to the left arm. '.repeat(80);
        for (const maxLength of [0, 16]) {
            const ranked = await seqcls.classify(text, { maxLength });
            const want = await softmaxOfWindow(seqcls, text, maxLength || seqcls.maxLength);
            assert.equal(ranked.tokens, want.tokens);
            assert.equal(ranked.tokensRead, (maxLength || seqcls.maxLength) - 2);
            for (const r of ranked) assert.ok(Math.abs(r.score - want.scores[seqcls.labels.indexOf(r.label)]) < 1e-6, r.label);
        }
        await rejectsWith(seqcls.classify(text, { maxLength: 513 }), 'INVALID_ARGUMENT',
                          /^classify: options\.maxLength must be a whole number of tokens from 0 \(the model's window\) to 512, got 513$/);
        await rejectsWith(seqcls.classify(text, { maxLength: -1 }), 'INVALID_ARGUMENT', /options\.maxLength must be a whole number/);
        await rejectsWith(seqcls.classify(text, { stride: 4 }), 'INVALID_ARGUMENT', /unknown option 'stride' \(classify takes maxLength\)/);
    });

    test('wrong head, bad input and use after dispose reject with codes', async () => {
        await rejectsWith(seqcls.tag('x'), 'NO_HEAD', /token-classification/);
        await rejectsWith(tiny.classify('x'), 'NO_HEAD', /sequence-classification/);
        await rejectsWith(tiny.forward({ inputIds: [[1, 2], [3]] }), 'BAD_INPUT', /row 1 has 1 values, expected 2/);
        await rejectsWith(tiny.forward({ inputIds: [[1, 5000]] }), 'BAD_INPUT', /5000/);
        await rejectsWith(tiny.forward({ inputIds: new Int32Array(6), dims: [4, 2] }), 'BAD_INPUT', /expected 4×2/);
        const m = await load(`${server.base}golden/tiny/`);
        m.dispose();
        await rejectsWith(m.tag('x'), 'DISPOSED');
    });
});

// wasm32's size_t is 32 bits: the default model's workspace for 13967 × 128 tokens is 4.3e9 floats,
// which used to wrap to a 658 kB buffer and trap (`memory access out of bounds`) for good.
test('forward: a batch too large for wasm32 rejects with BAD_INPUT and the model keeps working', async () => {
    const model = await load();
    try {
        const [batch, seqLen] = [13967, 128];
        await rejectsWith(model.forward({ inputIds: new Int32Array(batch * seqLen).fill(5), dims: [batch, seqLen] }),
            'BAD_INPUT', /batch 13967 x seq_len 128 is too large: .*32-bit address space/);
        const { entities } = await model.tag('Seen by Dr. Anna Smith on 12/16/2024.');
        assert.ok(entities.some((e) => e.type === 'DATE'), JSON.stringify(entities));
        const fresh = await load();
        fresh.dispose();
    } finally {
        model.dispose();
    }
});

test('classify(): a multi-label model ("problem_type") scores each label with its own sigmoid', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mab-multi-label-'));
    try {
        const src = path.join(GOLDEN_DIR, 'tiny-seqcls');
        for (const f of ['vocab.txt', 'tokenizer_config.json', 'model.safetensors']) await writeFile(path.join(dir, f), await readFile(path.join(src, f)));
        const config = JSON.parse(await readFile(path.join(src, 'config.json'), 'utf8'));
        await writeFile(path.join(dir, 'config.json'), JSON.stringify({ ...config, problem_type: 'multi_label_classification' }));
        const [multi, single] = [await load(dir, { numThreads: 1 }), await load(src, { numThreads: 1 })];
        try {
            const text = 'Sudden shortness of breath.';
            const { ids } = await single.tokenize(text);
            const { logits } = await single.forward({ inputIds: [[2, ...ids, 3]] });
            const ranked = await multi.classify(text);
            for (const r of ranked) {
                const want = 1 / (1 + Math.exp(-logits[multi.labels.indexOf(r.label)]));
                assert.ok(Math.abs(r.score - want) < 1e-6, `${r.label}: ${r.score} vs ${want}`);
            }
        } finally {
            multi.dispose();
            single.dispose();
        }
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
});

test('classify(): logits that overflow float32 are a BAD_WEIGHTS error, not NaN scores', async () => {
    // tiny-seqcls with every classifier weight 3e38: finite weights, logits past float32.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mab-overflow-'));
    try {
        const src = path.join(GOLDEN_DIR, 'tiny-seqcls');
        for (const f of ['config.json', 'vocab.txt', 'tokenizer_config.json']) await writeFile(path.join(dir, f), await readFile(path.join(src, f)));
        const bytes = await readFile(path.join(src, 'model.safetensors'));
        const headerLength = Number(bytes.readBigUInt64LE(0));
        const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8'));
        const [begin, end] = header['classifier.weight'].data_offsets;
        const w = new Float32Array(bytes.buffer.slice(bytes.byteOffset + 8 + headerLength + begin, bytes.byteOffset + 8 + headerLength + end));
        w.fill(3e38);
        Buffer.from(w.buffer).copy(bytes, 8 + headerLength + begin);
        await writeFile(path.join(dir, 'model.safetensors'), bytes);
        const model = await load(dir, { numThreads: 1 });
        try {
            await rejectsWith(model.classify('the patient is well'), 'BAD_WEIGHTS', /^classify: the model gave logit -?inf for label \d/);
        } finally {
            model.dispose();
        }
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
});
