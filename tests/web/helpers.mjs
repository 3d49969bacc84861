// Shared by the web tests: an HTTP server on 127.0.0.1 for ../shared/golden (read in place) with
// fault injection, a reader for the golden cases (cases.json + cases.bin), and the check of an
// expected MiniAlbertError.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { GOLDEN_DIR, REPO_ROOT, createServer, listen } from '../../web/demo/serve.mjs';
import { MiniAlbertError } from '../../web/src/errors.js';
import { loadOutcomeInPage, tinyLogitsInPage } from './in-page.mjs';

export { GOLDEN_DIR, REPO_ROOT };
export const GOLDEN_MODELS = ['tiny', 'tiny-gelu-new', 'tiny-seqcls', 'full'];

/**
 * Serves the repository at / and the goldens at /golden/<model>/. Faulty variants of a model live at
 * /fault/<mode>/<model>/<file>; a mode changes model.safetensors (unless it says otherwise) and
 * serves the other files as they are:
 *   404             every file of the directory is missing
 *   html            served as text/html (a web page), as a server with an index fallback does
 *   truncate        full Content-Length, connection closed after half the bytes
 *   chunked         no Content-Length (chunked), complete
 *   chunked-short   no Content-Length, ends cleanly after half the bytes
 *   header-length   the u64 header length overwritten with 2^40
 *   header-json     the first byte of the JSON header overwritten with 'X'
 *   header-dtype    the first "F32" in the header renamed "F33" (only the core notices)
 *   longer          8 extra bytes after the data section
 *   slow            a 64 KiB chunk every 20 ms (for aborts)
 *   stall           headers and the first 1024 bytes, then nothing, the connection left open
 *   stall-config    config.json is never answered (the request is left open)
 *   stall-wasm      /fault/stall-wasm/dist/<file>: web/dist's glue as it is, its .wasm files stalled
 *                   as `stall` does (for env.wasmPaths)
 *   stall-glue      /fault/stall-glue/dist/<file>: web/dist's files, but the first request of each
 *                   glue script (.js) stalled as `stall` does; later ones are answered
 *   config-json     config.json is not JSON
 *   config-huge     config.json is 65 MiB of spaces, gzip-compressed (65 KiB on the wire), no length
 *   config-declared config.json's Content-Length says 100 GB; the connection closes after the headers
 *   label-types     config.json has "label_types": 5 (valid for the model, not for the tagger); the
 *                   weights as they are
 *   weights-of-<m>  model.safetensors of golden model <m> (a config/weights mismatch)
 * Every request path is recorded in `requests`; while `offline` is set, every request for /golden/
 * is dropped as a lost connection would be. `crossOriginIsolated` and `headers` are
 * createServer's (serve.mjs): response headers added to every answer. `before(req, res, url)` may
 * answer a request first, as createServer's hook does.
 */
export async function startGoldenServer({ crossOriginIsolated = false, headers = {}, before = () => false } = {}) {
    const requests = [];
    const stalledOnce = new Set(); // stall-glue: the files whose first request stalled
    let golden;
    const server = createServer({ '/': REPO_ROOT, '/golden/': GOLDEN_DIR }, {
        crossOriginIsolated,
        headers,
        before: async (req, res, url) => {
            requests.push(url.pathname);
            if (golden.offline && url.pathname.startsWith('/golden/')) {
                req.socket.destroy();
                return true;
            }
            if (await before(req, res, url)) return true;
            const m = url.pathname.match(/^\/fault\/([^/]+)\/([^/]+)\/([^/]+)$/);
            return m ? serveFault(res, m[1], m[2], m[3], stalledOnce) : false;
        },
    });
    // The tests run the model in this same process, and a long forward() blocks the event loop past
    // the default 5 s keep-alive; the server would then drop sockets that fetch is about to reuse.
    server.keepAliveTimeout = 120_000;
    const base = await listen(server);
    golden = {
        base,
        requests,
        offline: false,
        close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
    };
    return golden;
}

async function serveFault(res, mode, model, file, stalledOnce) {
    if (mode === 'stall-wasm' || mode === 'stall-glue') {
        const bytes = await readFile(path.join(REPO_ROOT, 'web', 'dist', path.basename(file))).catch(() => null);
        if (!bytes) return send(res, 404, 'text/plain', Buffer.from('not found'));
        const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
        const stall = mode === 'stall-wasm' ? file.endsWith('.wasm') : file.endsWith('.js') && !stalledOnce.has(file);
        if (!stall) return send(res, 200, type, bytes);
        stalledOnce.add(file);
        res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
        res.write(bytes.subarray(0, 1024));
        return true;
    }
    const dir = path.join(GOLDEN_DIR, model);
    if (mode === '404') return send(res, 404, 'text/plain', Buffer.from('not found'));
    if (mode === 'stall-config' && file === 'config.json') return true;
    if (mode === 'config-json' && file === 'config.json') return send(res, 200, 'application/json', Buffer.from('{"hidden_size": 64,'));
    if (mode === 'config-huge' && file === 'config.json') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(Buffer.alloc(65 << 20, 32)));
        return true;
    }
    if (mode === 'config-declared' && file === 'config.json') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 100e9 });
        res.flushHeaders();
        setTimeout(() => res.destroy(), 200);
        return true;
    }
    if (mode === 'label-types' && file === 'config.json') {
        const config = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
        return send(res, 200, 'application/json', Buffer.from(JSON.stringify({ ...config, label_types: 5 })));
    }
    if (file !== 'model.safetensors') {
        const bytes = await readFile(path.join(dir, file)).catch(() => null);
        return bytes ? send(res, 200, file.endsWith('.json') ? 'application/json' : 'text/plain', bytes)
                     : send(res, 404, 'text/plain', Buffer.from('not found'));
    }
    if (mode.startsWith('weights-of-')) {
        return send(res, 200, 'application/octet-stream', await readFile(path.join(GOLDEN_DIR, mode.slice(11), file)));
    }
    let bytes = await readFile(path.join(dir, file));
    const type = 'application/octet-stream';
    switch (mode) {
    case 'html':
        return send(res, 200, 'text/html; charset=utf-8', Buffer.from('<!doctype html><title>App</title><p>Welcome'));
    case 'truncate':
        res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
        res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy());
        return true;
    case 'chunked':
        res.writeHead(200, { 'content-type': type });
        res.end(bytes);
        return true;
    case 'chunked-short':
        res.writeHead(200, { 'content-type': type });
        res.end(bytes.subarray(0, bytes.length >> 1));
        return true;
    case 'header-length':
        bytes = Buffer.from(bytes);
        bytes.writeBigUInt64LE(1n << 40n, 0);
        break;
    case 'header-json':
        bytes = Buffer.from(bytes);
        bytes[8] = 'X'.charCodeAt(0);
        break;
    case 'header-dtype': {
        bytes = Buffer.from(bytes);
        const at = bytes.indexOf('"F32"');
        bytes.write('"F33"', at);
        break;
    }
    case 'longer':
        bytes = Buffer.concat([bytes, Buffer.alloc(8)]);
        break;
    case 'label-types':
        break;
    case 'slow': {
        res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
        let off = 0;
        const timer = setInterval(() => {
            if (res.destroyed || off >= bytes.length) return clearInterval(timer);
            res.write(bytes.subarray(off, off + 65536));
            off += 65536;
        }, 20);
        res.on('close', () => clearInterval(timer));
        return true;
    }
    case 'stall':
        res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
        res.write(bytes.subarray(0, 1024));
        return true;
    case 'stall-config':
        break;
    default:
        return send(res, 400, 'text/plain', Buffer.from(`unknown fault mode ${mode}`));
    }
    return send(res, 200, type, bytes);
}

function send(res, status, type, bytes) {
    res.writeHead(status, { 'content-type': type, 'content-length': bytes.length });
    res.end(bytes);
    return true;
}

/** cases.json of a golden model, with `array(case, name)` returning the expected Float32Array. */
export async function goldenCases(model) {
    const dir = path.join(GOLDEN_DIR, model);
    const meta = JSON.parse(await readFile(path.join(dir, 'cases.json'), 'utf8'));
    const bin = await readFile(path.join(dir, meta.bin_file));
    const buf = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
    meta.array = (c, name) => {
        const a = c.arrays.find((x) => x.name === `${c.name}/${name}`);
        return a ? { data: new Float32Array(buf, a.offset, a.nbytes / 4), shape: a.shape } : null;
    };
    return meta;
}

/** The tolerance of the logits of a golden model (golden README: 1e-4 full, 2e-5 tiny). */
export function logitsTolerance(model) {
    return model === 'full' ? 1e-4 : 2e-5;
}

/** Largest |a[i] - b[i]|. */
export function maxAbsDiff(actual, expected) {
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    return worst;
}

/** Asserts that `promise` rejects with a MiniAlbertError of `code` whose message matches `pattern` (if given). */
export async function rejectsWith(promise, code, pattern) {
    await assert.rejects(promise, (e) => {
        assert.ok(e instanceof MiniAlbertError, `expected a MiniAlbertError, got ${e}`);
        assert.equal(e.code, code, e.message);
        if (pattern) assert.match(e.message, pattern);
        return true;
    });
}

/**
 * cache: true in `page`, served by `server` (startGoldenServer): once the tiny golden model is
 * loaded, a second load gives the same logits with the server offline, and a load of another
 * model fails with NETWORK.
 */
export async function assertCacheWorksOffline(page, server) {
    const input = { inputIds: [[2, 40, 41, 400, 3]], cache: true };
    const first = await page.evaluate(tinyLogitsInPage, input);
    server.offline = true;
    try {
        assert.deepEqual(await page.evaluate(tinyLogitsInPage, input), first);
        assert.equal(await page.evaluate(loadOutcomeInPage, '/golden/tiny-gelu-new/'), 'NETWORK', 'without the cache the same load fails');
    } finally {
        server.offline = false;
    }
}
