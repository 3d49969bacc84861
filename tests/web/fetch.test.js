// web/src/fetch.js: streaming model files into a heap, progress events, and every failure mode,
// against a local HTTP server. The heap here is a JS stand-in for wasm memory that grows (replacing
// its buffer) like wasm memory does, so the reader must take a fresh view for every chunk.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { modelSource, readFile as readModelFile, readWeights, safetensorsFileSize } from '../../web/src/fetch.js';
import { GOLDEN_DIR, rejectsWith, startGoldenServer } from './helpers.mjs';

function jsHeap() {
    let mem = new Uint8Array(64);
    let top = 8;
    const live = new Set();
    return {
        alloc(n) {
            const ptr = top;
            top += n;
            if (top > mem.length) {
                const grown = new Uint8Array(2 * top);
                grown.set(mem);
                mem = grown;
            }
            live.add(ptr);
            return ptr;
        },
        free(ptr) {
            assert.ok(live.delete(ptr), `free of ${ptr}, which is not allocated`);
        },
        bytes: () => mem,
        live,
    };
}

let server;
const tinyBytes = await readFile(path.join(GOLDEN_DIR, 'tiny', 'model.safetensors'));

before(async () => {
    server = await startGoldenServer();
});
after(() => server.close());

async function weightsFrom(base, opts = {}) {
    const heap = jsHeap();
    const events = [];
    try {
        const { ptr, size } = await readWeights(await modelSource(base), 'model.safetensors', heap,
            { onProgress: (e) => events.push(e), ...opts });
        return { bytes: heap.bytes().slice(ptr, ptr + size), events, heap };
    } catch (e) {
        assert.equal(heap.live.size, 0, 'a failed read must free its buffer');
        throw e;
    }
}

describe('readWeights', () => {
    test('streams the exact bytes over HTTP, with ordered progress events', async () => {
        const { bytes, events } = await weightsFrom(`${server.base}golden/tiny/`);
        assert.deepEqual(bytes, new Uint8Array(tinyBytes));
        assert.deepEqual(events[0], { status: 'initiate', file: 'model.safetensors' });
        assert.deepEqual(events.at(-1), { status: 'done', file: 'model.safetensors' });
        const progress = events.filter((e) => e.status === 'progress');
        assert.ok(progress.length >= 1);
        for (let i = 1; i < progress.length; i++) assert.ok(progress[i].loaded >= progress[i - 1].loaded, 'loaded never decreases');
        assert.ok(progress.every((e) => e.total === tinyBytes.length), 'total is constant and exact');
        assert.equal(progress.at(-1).progress, 100);
    });

    test('works without Content-Length (chunked)', async () => {
        const { bytes } = await weightsFrom(`${server.base}fault/chunked/tiny/`);
        assert.deepEqual(bytes, new Uint8Array(tinyBytes));
    });

    test('reads a filesystem path and a file: URL in Node', async () => {
        for (const base of [path.join(GOLDEN_DIR, 'tiny'), pathToFileURL(path.join(GOLDEN_DIR, 'tiny')).href]) {
            const { bytes, events } = await weightsFrom(base);
            assert.deepEqual(bytes, new Uint8Array(tinyBytes));
            assert.equal(events.filter((e) => e.status === 'progress').at(-1).loaded, tinyBytes.length);
        }
    });

    test('uses the fetch it is given', async () => {
        const urls = [];
        const { bytes } = await weightsFrom(`${server.base}golden/tiny/`, { fetch: (url, init) => { urls.push(url); return fetch(url, init); } });
        assert.equal(bytes.length, tinyBytes.length);
        assert.deepEqual(urls, [`${server.base}golden/tiny/model.safetensors`]);
    });

    test('404 -> HTTP with the status and URL', async () => {
        await assert.rejects(weightsFrom(`${server.base}fault/404/tiny/`), (e) => {
            assert.equal(e.code, 'HTTP');
            assert.equal(e.status, 404);
            assert.match(e.message, /fault\/404\/tiny\/model\.safetensors.*404/);
            // A checkpoint with only pytorch_model.bin is the usual cause: the message says how to convert it.
            assert.match(e.message, /models\/convert\.py/);
            return true;
        });
    });

    test('a web page instead of the file -> BAD_WEIGHTS naming the content type', async () => {
        await rejectsWith(weightsFrom(`${server.base}fault/html/tiny/`), 'BAD_WEIGHTS', /text\/html/);
    });

    test('connection closed halfway -> TRUNCATED with the byte counts', async () => {
        await rejectsWith(weightsFrom(`${server.base}fault/truncate/tiny/`), 'TRUNCATED', new RegExp(`of ${tinyBytes.length} bytes`));
    });

    test('chunked body ending early -> TRUNCATED', async () => {
        await rejectsWith(weightsFrom(`${server.base}fault/chunked-short/tiny/`), 'TRUNCATED', new RegExp(`of ${tinyBytes.length} bytes`));
    });

    test('absurd header length -> BAD_WEIGHTS before any allocation', async () => {
        await rejectsWith(weightsFrom(`${server.base}fault/header-length/tiny/`), 'BAD_WEIGHTS', /header length of 1099511627776/);
    });

    test('header that is not JSON -> BAD_WEIGHTS', async () => {
        await rejectsWith(weightsFrom(`${server.base}fault/header-json/tiny/`), 'BAD_WEIGHTS', /not UTF-8 JSON/);
    });

    test('more bytes than the header describes -> BAD_WEIGHTS', async () => {
        await rejectsWith(weightsFrom(`${server.base}fault/longer/tiny/`), 'BAD_WEIGHTS',
            new RegExp(`describes a ${tinyBytes.length}-byte file but ${tinyBytes.length + 8} bytes are served`));
    });

    test('abort mid-download -> ABORTED, buffer freed', async () => {
        const controller = new AbortController();
        const promise = weightsFrom(`${server.base}fault/slow/tiny/`, {
            signal: controller.signal,
            onProgress: (e) => { if (e.status === 'progress' && e.loaded > 100000) controller.abort(); },
        });
        await rejectsWith(promise, 'ABORTED');
    });

    test('already aborted -> ABORTED without a request', async () => {
        const before = server.requests.length;
        await rejectsWith(weightsFrom(`${server.base}golden/tiny/`, { signal: AbortSignal.abort() }), 'ABORTED');
        assert.equal(server.requests.length, before);
    });

    test('nothing listening -> NETWORK', async () => {
        const dead = await startGoldenServer();
        await dead.close();
        await rejectsWith(weightsFrom(`${dead.base}golden/tiny/`), 'NETWORK', /fetching http:\/\/127\.0\.0\.1/);
    });

    test('missing file on disk -> IO', async () => {
        await rejectsWith(weightsFrom(path.join(GOLDEN_DIR, 'no-such-model')), 'IO', /no-such-model.*models\/convert\.py/);
    });
});

describe('readFile', () => {
    test('returns the bytes; an optional 404 is null; a required one is HTTP', async () => {
        const source = await modelSource(`${server.base}golden/tiny/`);
        const config = await readModelFile(source, 'config.json', 'BAD_CONFIG', {});
        assert.deepEqual(config, new Uint8Array(await readFile(path.join(GOLDEN_DIR, 'tiny', 'config.json'))));
        assert.equal(await readModelFile(source, 'tokenizer.json', 'BAD_TOKENIZER', { optional: true }), null);
        await rejectsWith(readModelFile(source, 'tokenizer.json', 'BAD_TOKENIZER', {}), 'HTTP', /tokenizer\.json.*404.*the directory that holds config\.json/);
    });
});

describe('safetensorsFileSize', () => {
    const header = (json) => {
        const text = Buffer.from(json);
        const out = Buffer.alloc(8 + text.length);
        out.writeBigUInt64LE(BigInt(text.length), 0);
        text.copy(out, 8);
        return new Uint8Array(out);
    };

    test('needs the whole header before it answers', () => {
        const h = header('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}');
        assert.equal(safetensorsFileSize(h.subarray(0, 5), 'x', null), 0);
        assert.equal(safetensorsFileSize(h.subarray(0, 20), 'x', null), 0);
        assert.equal(safetensorsFileSize(h, 'x', null), h.length + 8);
    });

    test('rejects bad data_offsets, naming the tensor', () => {
        const h = header('{"w":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}');
        assert.throws(() => safetensorsFileSize(h, 'x', null), /tensor 'w' has data_offsets \[8,0\]/);
    });

    test('rejects a header that does not fit in the declared size', () => {
        const h = header('{}');
        assert.throws(() => safetensorsFileSize(h.subarray(0, 8), 'x', 9), /does not fit in the 9-byte file/);
    });
});
