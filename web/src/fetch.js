// fetch.js: gets the files of a model directory, from a URL (fetch, optionally through the Cache API)
// or, in Node, from a filesystem path.
//
// model.safetensors is streamed straight into a buffer inside wasm memory: the first bytes (the u64
// header length and the JSON header) are collected in JS, the header gives the exact file size, one
// buffer of that size is allocated in wasm memory, and every later chunk is copied into it as it
// arrives. Peak memory while loading is the final buffer plus one chunk; no second copy of the
// weights ever exists. The core re-validates the whole file when it takes the buffer over.
import { requireModelDirectory } from './arguments.js';
import { MiniAlbertError, abortError } from './errors.js';

const IS_NODE = typeof process === 'object' && typeof process.versions?.node === 'string';

// The largest safetensors header accepted (the reference implementation's limit).
export const SAFETENSORS_MAX_HEADER_BYTES = 100_000_000;
// The largest config.json, vocab.txt or tokenizer file accepted. Real ones are a few MB at most (a
// 250,000-token tokenizer.json is about 17 MB); a wrong file or a hostile server, of a body that
// gzip makes small on the wire, would otherwise fill the memory before anything looks at it.
export const SMALL_FILE_MAX_BYTES = 64 << 20;

/** The embedded default de-identification model, which load() and loadInWorker() use when given no URL. */
export const DEFAULT_MODEL_URL = new URL('../../models/deid-minialbert-small/', import.meta.url).href;
// Bytes read per step from a file, and the size of the scratch buffer for streams that support
// bring-your-own-buffer reads (so chunks do not pile up as garbage).
const CHUNK_BYTES = 1 << 20;
const CACHE_NAME = 'minialbert-web-v1';
/** How long a download may go without a byte before load() gives up on it (LoadOptions.stallTimeoutMs). */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;

/**
 * Where a model directory lives: {kind: 'url', base: URL} or, in Node, {kind: 'path', base: string}.
 * A string with a scheme is a URL (file: URLs become paths in Node); other strings are paths in Node
 * and URLs relative to the page elsewhere.
 */
export async function modelSource(baseUrl) {
    const text = String(requireModelDirectory(baseUrl, 'load'));
    try {
        const local = await nodePath(text);
        if (local !== null) return { kind: 'path', base: local };
        const base = withSlash(new URL(text, IS_NODE ? undefined : globalThis.location?.href));
        new URL('config.json', base); // a data: or blob: URL cannot hold the directory's files
        return { kind: 'url', base };
    } catch (e) {
        throw new MiniAlbertError('INVALID_ARGUMENT', `cannot use ${JSON.stringify(text)} as the model directory: ${e.message}`);
    }
}

/**
 * In Node, the absolute filesystem path that `location` names: a string without a scheme (relative to
 * the working directory) or a file: URL. null outside Node and for other URLs. Model directories,
 * env.wasmPaths and loadInWorker's workerUrl all take a location this way.
 */
export async function nodePath(location) {
    const text = String(location);
    const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[a-z]:[\\/]/i.test(text);
    if (!IS_NODE || (hasScheme && !text.startsWith('file:'))) return null;
    const { fileURLToPath } = await import('node:url');
    const path = await import('node:path');
    return path.resolve(hasScheme ? fileURLToPath(text) : text);
}

function withSlash(url) {
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return url;
}

/** The URL or path of `file` inside the model directory, for fetching and for messages. */
export async function fileLocation(source, file) {
    if (source.kind === 'url') return new URL(file, source.base).href;
    const path = await import('node:path');
    return path.join(source.base, file);
}

/**
 * Reads a small file (config.json, vocab.txt, ...) whole.
 * @returns {Promise<Uint8Array|null>} null when `optional` and the file does not exist
 */
export async function readFile(source, file, kind, opts) {
    const where = await fileLocation(source, file);
    const progress = opts.onProgress || (() => {});
    progress({ status: 'initiate', file });
    let bytes;
    if (source.kind === 'path') {
        throwIfAborted(opts.signal, where);
        const fs = await import('node:fs/promises');
        try {
            const { size } = await fs.stat(where);
            if (size > SMALL_FILE_MAX_BYTES) throw tooLarge(where, file, kind, size);
            bytes = new Uint8Array(await fs.readFile(where));
        } catch (e) {
            if (e instanceof MiniAlbertError) throw e;
            if (e.code === 'ENOENT' && opts.optional) return null;
            const hint = e.code === 'ENOENT' ? missingFileHint(file) : '';
            throw new MiniAlbertError('IO', `cannot read ${where}: ${e.message}${hint}`, { url: where, cause: e });
        }
    } else {
        const parts = [];
        let loaded = 0;
        const found = await watchingStalls(where, opts, async (watched) => {
            const opened = await openUrl(where, file, kind, watched);
            if (!opened) return false;
            const total = contentLength(opened.response);
            if (total > SMALL_FILE_MAX_BYTES) throw tooLarge(where, file, kind, total);
            await withCache(opened, where, async () => {
                await readBody(opened.response, where, watched, () => ({ loaded, total }), (chunk) => {
                    if (loaded + chunk.length > SMALL_FILE_MAX_BYTES) throw tooLarge(where, file, kind, `over ${SMALL_FILE_MAX_BYTES}`);
                    parts.push(chunk.slice());
                    loaded += chunk.length;
                    if (total !== null) progress(progressEvent(file, loaded, total));
                });
                if (total !== null && loaded < total) throw truncated(where, loaded, total);
            });
            return true;
        });
        if (!found) return null;
        bytes = concat(parts, loaded);
    }
    progress(progressEvent(file, bytes.length, bytes.length));
    progress({ status: 'done', file });
    return bytes;
}

/**
 * Streams a safetensors file into a buffer allocated with heap.alloc (wasm memory).
 * @param {{alloc(n: number): number, free(ptr: number): void, bytes(): Uint8Array}} heap
 * @returns {Promise<{ptr: number, size: number}>} the caller owns ptr (hand it to the core or free it)
 */
export async function readWeights(source, file, heap, opts) {
    const where = await fileLocation(source, file);
    const progress = opts.onProgress || (() => {});
    progress({ status: 'initiate', file });
    const result = source.kind === 'path' ? await readWeightsFromPath(where, file, heap, opts)
                                          : await readWeightsFromUrl(where, file, heap, opts);
    try {
        progress({ status: 'done', file });
    } catch (e) {
        heap.free(result.ptr); // the caller never learns of the buffer
        throw e;
    }
    return result;
}

async function readWeightsFromUrl(url, file, heap, opts) {
    return watchingStalls(url, opts, async (watched) =>
        streamWeights(await openUrl(url, file, 'BAD_WEIGHTS', watched), url, file, heap, watched));
}

// The body of a safetensors file into one heap buffer.
async function streamWeights(opened, url, file, heap, opts) {
    const progress = opts.onProgress || (() => {});
    const declared = contentLength(opened.response);
    // The bytes before the buffer exists: the u64 header length, then the header. Allocated twice
    // only, at 8 bytes and at the size the length gives, as joining every chunk to what came before
    // takes quadratic time on a header of many chunks.
    let head = new Uint8Array(8);
    let received = 0;
    let ptr = 0;
    let size = 0;
    let loaded = 0;
    // Copies the start of `chunk` into what is missing of `head`; returns the rest of the chunk.
    const fillHead = (chunk) => {
        const n = Math.min(chunk.length, head.length - received);
        head.set(chunk.subarray(0, n), received);
        received += n;
        return chunk.subarray(n);
    };
    try {
        await withCache(opened, url, async () => {
            const state = () => ({ loaded: ptr ? loaded : received, total: size || declared });
            await readBody(opened.response, url, opts, state, (chunk) => {
                if (!ptr) {
                    chunk = fillHead(chunk);
                    if (received === 8 && head.length === 8) {
                        safetensorsFileSize(head, url, declared); // checks the length before it is allocated
                        const whole = new Uint8Array(8 + Number(headerLength(head)));
                        whole.set(head);
                        head = whole;
                        chunk = fillHead(chunk);
                    }
                    if (received < head.length) return;
                    size = safetensorsFileSize(head, url, declared);
                    ptr = heap.alloc(size);
                    if (!ptr) throw outOfMemory(url, size);
                    heap.bytes().set(head, ptr);
                    loaded = head.length;
                    head = null;
                }
                if (loaded + chunk.length > size) throw tooLong(url, size);
                heap.bytes().set(chunk, ptr + loaded);
                loaded += chunk.length;
                progress(progressEvent(file, loaded, size));
            });
            if (!ptr) {
                throw new MiniAlbertError('TRUNCATED', `${url} ended after ${received} bytes, before the end of ` +
                    `its safetensors header` + (received >= 8 ? ` (8 + ${head.length - 8} bytes)` : ''), { url });
            }
            if (loaded < size) throw truncated(url, loaded, size);
        });
    } catch (e) {
        if (ptr) heap.free(ptr);
        throw e;
    }
    return { ptr, size };
}

async function readWeightsFromPath(path, file, heap, opts) {
    const progress = opts.onProgress || (() => {});
    const fs = await import('node:fs/promises');
    let fh;
    try {
        fh = await fs.open(path, 'r');
    } catch (e) {
        const hint = e.code === 'ENOENT' ? missingFileHint(file) : '';
        throw new MiniAlbertError('IO', `cannot open ${path}: ${e.message}${hint}`, { url: path, cause: e });
    }
    let ptr = 0;
    let size = 0;
    try {
        const fileSize = (await fh.stat()).size;
        const first = new Uint8Array(Math.min(fileSize, 8));
        await readExactly(fh, first, 0, path);
        size = safetensorsFileSize(first, path, fileSize);
        if (!size) {
            if (first.length < 8) throw new MiniAlbertError('BAD_WEIGHTS', `${path} is ${fileSize} bytes, too short for a safetensors file`, { url: path });
            const head = new Uint8Array(8 + Number(headerLength(first)));
            head.set(first);
            await readExactly(fh, head.subarray(8), 8, path);
            size = safetensorsFileSize(head, path, fileSize);
        }
        ptr = heap.alloc(size);
        if (!ptr) throw outOfMemory(path, size);
        for (let off = 0; off < size; ) {
            throwIfAborted(opts.signal, path);
            const n = Math.min(CHUNK_BYTES, size - off);
            // Read straight into wasm memory; the view is taken afresh as memory may have grown.
            await readExactly(fh, heap.bytes().subarray(ptr + off, ptr + off + n), off, path);
            off += n;
            progress(progressEvent(file, off, size));
        }
    } catch (e) {
        if (ptr) heap.free(ptr);
        throw e;
    } finally {
        await fh.close();
    }
    return { ptr, size };
}

async function readExactly(fh, view, position, path) {
    let done = 0;
    while (done < view.length) {
        let bytesRead;
        try {
            ({ bytesRead } = await fh.read(view, done, view.length - done, position + done));
        } catch (e) {
            // EISDIR (a directory of that name), EIO, ...: an IO error like those of the other files.
            throw new MiniAlbertError('IO', `cannot read ${path}: ${e.message}`, { url: path, cause: e });
        }
        if (bytesRead === 0) throw truncated(path, position + done, position + view.length);
        done += bytesRead;
    }
}

function headerLength(bytes) {
    return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
}

/**
 * The total file size a safetensors file's header implies, or 0 while more bytes are needed.
 * Checks what can be checked before the data arrives: the header length, that the header is a
 * JSON object of tensors with sane data_offsets, and that the size agrees with `declared`
 * (Content-Length or the file size) when that is known. The core checks the rest.
 */
export function safetensorsFileSize(head, where, declared) {
    if (head.length < 8) return 0;
    const n = headerLength(head);
    if (n < 2n || n > BigInt(SAFETENSORS_MAX_HEADER_BYTES)) {
        throw new MiniAlbertError('BAD_WEIGHTS', `${where} is not a safetensors file: its first 8 bytes give a header ` +
            `length of ${n}, expected 2..${SAFETENSORS_MAX_HEADER_BYTES}`, { url: where });
    }
    const headerBytes = Number(n);
    if (declared !== null && 8 + headerBytes > declared) {
        throw new MiniAlbertError('BAD_WEIGHTS', `${where}: safetensors header length ${headerBytes} does not fit in ` +
            `the ${declared}-byte file`, { url: where });
    }
    if (head.length < 8 + headerBytes) return 0;
    let header;
    try {
        header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(8, 8 + headerBytes)));
    } catch (e) {
        throw new MiniAlbertError('BAD_WEIGHTS', `${where}: the safetensors header is not UTF-8 JSON (${e.message})`, { url: where });
    }
    if (header === null || typeof header !== 'object' || Array.isArray(header)) {
        throw new MiniAlbertError('BAD_WEIGHTS', `${where}: the safetensors header is not a JSON object`, { url: where });
    }
    let dataBytes = 0;
    for (const [name, info] of Object.entries(header)) {
        if (name === '__metadata__') continue;
        const offsets = info?.data_offsets;
        if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(Number.isSafeInteger) ||
            offsets[0] < 0 || offsets[1] < offsets[0]) {
            throw new MiniAlbertError('BAD_WEIGHTS', `${where}: tensor '${name}' has data_offsets ` +
                `${JSON.stringify(offsets)}, expected [begin, end] with 0 <= begin <= end`, { url: where });
        }
        dataBytes = Math.max(dataBytes, offsets[1]);
    }
    const size = 8 + headerBytes + dataBytes;
    if (declared !== null && size !== declared) {
        throw new MiniAlbertError('BAD_WEIGHTS', `${where}: the safetensors header describes a ${size}-byte file ` +
            `but ${declared} bytes are ${where.includes('://') ? 'served' : 'on disk'}`, { url: where });
    }
    return size;
}

// What to do when a required model file is missing: a Hugging Face checkpoint often has only
// pytorch_model.bin, which the engine does not read (it runs no pickle code).
function missingFileHint(file) {
    return file === 'model.safetensors'
        ? '; the engine reads model.safetensors: convert a checkpoint that has only pytorch_model.bin with ' +
          '`python3 models/convert.py CHECKPOINT_DIR OUT_DIR` (README, "Converting a checkpoint")'
        : '; is the model URL the directory that holds config.json, model.safetensors and vocab.txt?';
}

// fetch (or the Cache API) with every failure turned into a MiniAlbertError. Returns null for a 404
// of an optional file.
async function openUrl(url, file, kind, opts) {
    const { signal, cache } = opts;
    const fetchFn = opts.fetch || globalThis.fetch;
    throwIfAborted(signal, url);
    let store = null;
    if (cache && typeof caches !== 'undefined') {
        try {
            store = await caches.open(CACHE_NAME);
            const hit = await store.match(url);
            if (hit?.status === 404 && opts.optional) return null;
            if (hit?.ok) return { response: hit, store: null, put: null };
        } catch (e) {
            cacheRefused(e);
            store = null;
        }
    }
    let response;
    try {
        response = await fetchFn(url, { signal });
        opts.onData?.(0);
    } catch (e) {
        if (signal?.aborted) throw abortError(signal, `loading ${url}`);
        // Browsers tell scripts only "Failed to fetch"; the console has the reason.
        const why = e.cause ? ` (${e.cause.message || e.cause})` : IS_NODE ? '' : " (the server is unreachable, CORS " +
            "refuses the answer, or the page's Content-Security-Policy connect-src does not allow the URL)";
        throw new MiniAlbertError('NETWORK', `fetching ${url} failed: ${e.message}${why}`, { url, cause: e });
    }
    if (!response.ok) {
        response.body?.cancel().catch(() => {});
        if (response.status === 404 && opts.optional) {
            // Remembered too, so that a cached model also loads offline without the file.
            if (store) await store.put(url, new Response(null, { status: 404, statusText: 'Not Found' })).catch(cacheRefused);
            return null;
        }
        const hint = response.status === 404 ? missingFileHint(file) : '';
        throw new MiniAlbertError('HTTP', `fetching ${url} failed: HTTP ${response.status} ${response.statusText}`.trimEnd() + hint,
            { url, status: response.status });
    }
    // A web page where a model file should be is the usual sign of a wrong URL behind a server that
    // answers every path with its index page.
    const type = response.headers.get('content-type') || '';
    if (/^text\/html\b/i.test(type)) {
        response.body?.cancel().catch(() => {});
        throw new MiniAlbertError(kind, `${url} is served as ${type}, a web page, not ${file}; is the model URL right?`, { url });
    }
    // The cache receives a tee of the body; the entry is removed again if the file turns out bad.
    // `put` says whether the cache took it, and never rejects (a refusal is no failure of the load).
    const put = store ? store.put(url, response.clone()).then(() => true, (e) => { cacheRefused(e); return false; }) : null;
    return { response, store, put };
}

// The Cache API is only a copy for next time: where it is refused (storage blocked by the browser's
// settings or a policy, a private window, a full quota), the model loads from the network all the
// same, and the console says once why it will not be there offline.
let cacheHintShown = false;

function cacheRefused(e) {
    if (cacheHintShown) return;
    cacheHintShown = true;
    console.info(`minialbert-web: cache: true, but the browser's Cache API refused (${e?.name ?? 'Error'}: ${e?.message ?? e}); ` +
        'the model loads from the network and is not kept for offline use');
}

async function withCache(opened, url, read) {
    let complete = false;
    try {
        await read();
        complete = true;
    } finally {
        // Only a whole, good file stays in the cache.
        if (opened.store) {
            const kept = await opened.put;
            if (!(kept && complete)) await opened.store.delete(url).catch(() => {});
        }
    }
}

// Content-Length, when it counts the bytes the body will deliver. With a Content-Encoding it counts
// the compressed bytes instead, so it is not used.
function contentLength(response) {
    const encoding = response.headers.get('content-encoding');
    if (encoding && encoding.toLowerCase() !== 'identity') return null;
    const text = response.headers.get('content-length');
    if (text === null || !/^\d+$/.test(text.trim())) return null;
    return Number(text);
}

// Runs read(watched) with `watched` = opts whose signal also fires when no byte has arrived for
// opts.stallTimeoutMs (default DEFAULT_STALL_TIMEOUT_MS; 0 = never), and whose onData(bytes)
// restarts that clock. A server that accepts the connection and then sends nothing would otherwise
// hold the load forever, with the page showing a progress bar that never moves.
export async function watchingStalls(url, opts, read) {
    const ms = opts.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    if (!ms) return read({ ...opts, onData: () => {} });
    const controller = new AbortController();
    const outer = opts.signal;
    const onOuterAbort = () => controller.abort(outer.reason);
    if (outer?.aborted) onOuterAbort();
    outer?.addEventListener('abort', onOuterAbort);
    let stalled = false;
    let timer = null;
    let received = 0;
    const onData = (bytes) => {
        received += bytes;
        clearTimeout(timer);
        timer = setTimeout(() => {
            stalled = true;
            controller.abort(new Error(`no data for ${ms} ms`));
        }, ms);
    };
    onData(0);
    try {
        return await read({ ...opts, signal: controller.signal, onData });
    } catch (e) {
        if (!stalled) throw e;
        const after = received ? `after ${received} bytes ` : '';
        throw new MiniAlbertError('NETWORK', `the download of ${url} stalled: no data ${after}for ${ms / 1000} s; check ` +
            'the connection and load again (LoadOptions.stallTimeoutMs sets how long to wait, 0 for ever)', { url, cause: e });
    } finally {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onOuterAbort);
    }
}

// Calls onChunk for every piece of the body, in order, and opts.onData (the stall clock) after every
// read. The chunk view is only valid during the call (with a bring-your-own-buffer reader it is the
// one scratch buffer, reused for the next read).
async function readBody(response, url, opts, state, onChunk) {
    const { signal, onData = () => {} } = opts;
    if (!response.body) {
        onChunk(new Uint8Array(await response.arrayBuffer()));
        return;
    }
    let reader;
    let scratch = null;
    try {
        reader = response.body.getReader({ mode: 'byob' });
        scratch = new Uint8Array(CHUNK_BYTES);
    } catch {
        reader = response.body.getReader();
    }
    // A fetch given the signal aborts its own body; a cached response needs the cancel.
    const onAbort = () => reader.cancel().catch(() => {});
    signal?.addEventListener('abort', onAbort);
    try {
        for (;;) {
            let step;
            try {
                step = scratch ? await reader.read(scratch) : await reader.read();
            } catch (e) {
                if (signal?.aborted) throw abortError(signal, `loading ${url}`);
                const { loaded, total } = state();
                if (total && loaded < total) throw truncated(url, loaded, total, e);
                throw new MiniAlbertError('NETWORK', `reading ${url} failed after ${loaded} bytes: ${e.message}`, { url, cause: e });
            }
            if (signal?.aborted) throw abortError(signal, `loading ${url}`);
            if (step.done) break;
            onData(step.value.length);
            onChunk(step.value);
            if (scratch) scratch = new Uint8Array(step.value.buffer);
        }
    } catch (e) {
        reader.cancel().catch(() => {});
        throw e;
    } finally {
        signal?.removeEventListener('abort', onAbort);
    }
}

function progressEvent(file, loaded, total) {
    return { status: 'progress', file, loaded, total, progress: total ? (100 * loaded) / total : 100 };
}

function throwIfAborted(signal, where) {
    if (signal?.aborted) throw abortError(signal, `loading ${where}`);
}

function truncated(url, loaded, total, cause) {
    return new MiniAlbertError('TRUNCATED', `${url} was cut off after ${loaded} of ${total} bytes` +
        (cause ? ` (${cause.message}${cause.cause ? `: ${cause.cause.message || cause.cause}` : ''})` : ''), { url, cause });
}

function tooLong(url, size) {
    return new MiniAlbertError('BAD_WEIGHTS', `${url} is longer than the ${size} bytes its safetensors header describes`, { url });
}

function tooLarge(url, file, kind, size) {
    return new MiniAlbertError(kind, `${url} is ${size} bytes, more than the ${SMALL_FILE_MAX_BYTES} a model's ${file} may ` +
        'have: is it the right file?', { url });
}

function outOfMemory(url, size) {
    return new MiniAlbertError('OUT_OF_MEMORY', `cannot allocate ${size} bytes in wasm memory for ${url}`, { url });
}

function concat(parts, length) {
    if (parts.length === 1 && parts[0].length === length) return parts[0];
    const out = new Uint8Array(length);
    let off = 0;
    for (const p of parts) {
        out.set(p, off);
        off += p.length;
    }
    return out;
}
