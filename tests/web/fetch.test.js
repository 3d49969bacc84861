// web/src/fetch.js: streaming model files into a heap, progress events, and every failure mode,
// against a local HTTP server. The heap here is a JS stand-in for wasm memory that grows (replacing
// its buffer) like wasm memory does, so the reader must take a fresh view for every chunk.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
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

    test('a download that stops sending -> NETWORK "stalled" after stallTimeoutMs, its buffer freed', async () => {
        const started = performance.now();
        await rejectsWith(weightsFrom(`${server.base}fault/stall/tiny/`, { stallTimeoutMs: 300 }), 'NETWORK',
            /fault\/stall\/tiny\/model\.safetensors stalled: no data after 1024 bytes for 0\.3 s; .*stallTimeoutMs/);
        assert.ok(performance.now() - started >= 290, 'not before the timeout');
    });

    test('a slow download that keeps sending is not a stall', async () => {
        // 16 pieces 30 ms apart: each restarts the clock, though the whole takes over three timeouts.
        const pieces = 16;
        const slowFetch = async () => {
            let next = 0;
            const body = new ReadableStream({
                async pull(controller) {
                    await new Promise((resolve) => setTimeout(resolve, 30));
                    const step = Math.ceil(tinyBytes.length / pieces);
                    controller.enqueue(new Uint8Array(tinyBytes.subarray(next, next + step)));
                    next += step;
                    if (next >= tinyBytes.length) controller.close();
                },
            });
            return new Response(body, { headers: { 'content-length': String(tinyBytes.length) } });
        };
        const started = performance.now();
        const { bytes } = await weightsFrom(`${server.base}golden/tiny/`, { stallTimeoutMs: 150, fetch: slowFetch });
        assert.deepEqual(bytes, new Uint8Array(tinyBytes));
        assert.ok(performance.now() - started > 450, 'the download outlasted the timeout');
    });

    test('the caller\'s abort during a stall is ABORTED, not NETWORK; stallTimeoutMs 0 waits until then', async () => {
        const controller = new AbortController();
        setTimeout(() => controller.abort(new Error('user cancelled')), 400);
        await rejectsWith(weightsFrom(`${server.base}fault/stall/tiny/`, { stallTimeoutMs: 0, signal: controller.signal }),
            'ABORTED', /user cancelled/);
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

    test('a directory named model.safetensors -> IO naming it', async () => {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'mab-dir-weights-'));
        try {
            await mkdir(path.join(dir, 'model.safetensors'));
            await rejectsWith(weightsFrom(dir), 'IO', /^cannot read \S+\/model\.safetensors: EISDIR/);
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });

    test('a header of many chunks: read whole over HTTP, and a body ending inside it -> TRUNCATED', async () => {
        // A 3 MB header (__metadata__ padding) before 16 bytes of data, so the header spans many reads.
        const json = Buffer.from(JSON.stringify({
            __metadata__: { pad: 'x'.repeat(3_000_000) },
            w: { dtype: 'F32', shape: [4], data_offsets: [0, 16] },
        }));
        const file = Buffer.alloc(8 + json.length + 16);
        file.writeBigUInt64LE(BigInt(json.length), 0);
        json.copy(file, 8);
        file.fill(7, 8 + json.length);
        const big = await startGoldenServer({
            before: (req, res, url) => {
                const [, mode] = url.pathname.match(/^\/big\/([^/]+)\/model\.safetensors$/) || [];
                if (mode === 'whole') res.writeHead(200, { 'content-length': file.length }).end(file);
                // No Content-Length, ending cleanly halfway through the header.
                else if (mode === 'chunked-short') res.writeHead(200, {}).end(file.subarray(0, file.length >> 1));
                // The full Content-Length, connection closed halfway through the header.
                else if (mode === 'cut') res.writeHead(200, { 'content-length': file.length }).write(file.subarray(0, file.length >> 1), () => res.destroy());
                else return false;
                return true;
            },
        });
        try {
            const { bytes } = await weightsFrom(`${big.base}big/whole/`);
            assert.deepEqual(bytes, new Uint8Array(file));
            await rejectsWith(weightsFrom(`${big.base}big/chunked-short/`), 'TRUNCATED',
                new RegExp(`ended after ${file.length >> 1} bytes, before the end of its safetensors header \\(8 \\+ ${json.length} bytes\\)`));
            await rejectsWith(weightsFrom(`${big.base}big/cut/`), 'TRUNCATED', new RegExp(`cut off after [1-9]\\d* of ${file.length} bytes`));
        } finally {
            await big.close();
        }
    });

    test('chunks split anywhere: inside the length, at the end of the header, past it', async () => {
        const { bytes: expected } = await weightsFrom(path.join(GOLDEN_DIR, 'tiny'));
        const headerEnd = 8 + Number(tinyBytes.readBigUInt64LE(0));
        for (const cuts of [[3, 8, headerEnd], [7, headerEnd + 5], [headerEnd - 1, headerEnd + 1], [1, 2, 9, 10, 4000]]) {
            // A custom fetch whose body arrives cut at `cuts`.
            const ends = [...cuts, tinyBytes.length];
            const stream = () => new ReadableStream({
                start(controller) {
                    ends.forEach((end, i) => controller.enqueue(new Uint8Array(tinyBytes.subarray(i ? ends[i - 1] : 0, end))));
                    controller.close();
                },
            });
            const { bytes } = await weightsFrom('http://127.0.0.1:9/tiny/', { fetch: async () => new Response(stream()) });
            assert.deepEqual(bytes, expected, JSON.stringify(cuts));
        }
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

    test('a request never answered -> NETWORK "stalled" after stallTimeoutMs', async () => {
        const source = await modelSource(`${server.base}fault/stall-config/tiny/`);
        await rejectsWith(readModelFile(source, 'config.json', 'BAD_CONFIG', { stallTimeoutMs: 200 }), 'NETWORK',
            /stall-config\/tiny\/config\.json stalled: no data for 0\.2 s/);
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
