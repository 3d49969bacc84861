// bindings.js: the only file that touches the wasm module (Module._mab_*). It picks and instantiates
// one of the three builds, moves bytes in and out of wasm memory, and turns every non-OK mab_status
// into a MiniAlbertError carrying the core's status name and message.
import { describeValue } from './arguments.js';
import { MiniAlbertError } from './errors.js';
import { nodePath, watchingStalls } from './fetch.js';
import { workerScriptUrl } from './trusted-types.js';

/** Runtime flags, read when a build is first instantiated. */
export const env = {
    /**
     * Folder (URL; in Node also a filesystem path) holding minialbert-{simd,relaxed,threads,threads-relaxed}.*;
     * by default web/dist/ beside this package.
     */
    wasmPaths: new URL('../dist/', import.meta.url).href,
    /**
     * Threads for the forward pass when load() is not given `numThreads`: 0 = auto (the threads
     * build with min(hardware threads, 4) when shared memory is usable, else 1), 1 = never the
     * threads build, N = N threads (at most MAX_THREADS).
     */
    numThreads: 0,
};

const IS_NODE = typeof process === 'object' && typeof process.versions?.node === 'string';

/** Most threads one model may use (the calling thread included). */
export const MAX_THREADS = 8;
// What numThreads 0 picks: more than 4 threads gains little on this model's shapes and takes cores
// from the rest of the page.
const AUTO_THREADS_CAP = 4;

/**
 * Why the threads build cannot run here, or null when it can. It needs SharedArrayBuffer, which
 * browsers give only to cross-origin isolated pages (and their workers); Node always has it.
 */
export function threadsUnavailableReason() {
    const shared = typeof SharedArrayBuffer === 'function';
    if (IS_NODE) return shared ? null : 'SharedArrayBuffer is not available in this Node';
    if (globalThis.crossOriginIsolated !== true) {
        return 'the page is not cross-origin isolated (serve it with Cross-Origin-Opener-Policy: same-origin ' +
            'and Cross-Origin-Embedder-Policy: require-corp)';
    }
    // WebKitGTK's MiniBrowser, for one, isolates the page but gives it no SharedArrayBuffer.
    return shared ? null : 'this browser gives no SharedArrayBuffer, even to a cross-origin isolated page';
}

async function hardwareThreads() {
    if (globalThis.navigator?.hardwareConcurrency) return globalThis.navigator.hardwareConcurrency;
    if (IS_NODE) {
        const os = await import('node:os');
        return os.availableParallelism?.() ?? os.cpus().length;
    }
    return 1;
}

let hintShown = false;

/**
 * The thread count for a load: `requested` (load's numThreads, else env.numThreads; 0 = auto).
 * Auto falls back to 1 thread where the threads build cannot run, with a one-time console.info
 * saying why; an explicit count above 1 there is an error.
 */
export async function resolveThreads(requested = env.numThreads) {
    if (!Number.isInteger(requested) || requested < 0 || requested > MAX_THREADS) {
        throw new MiniAlbertError('INVALID_ARGUMENT', `numThreads must be an integer from 0 (auto) to ${MAX_THREADS}, got ${describeValue(requested)}`);
    }
    if (requested === 1) return 1;
    const reason = threadsUnavailableReason();
    if (reason !== null) {
        if (requested > 1) throw new MiniAlbertError('UNSUPPORTED', `numThreads ${requested} needs the threads build, but ${reason}`);
        if (!hintShown) {
            hintShown = true;
            console.info(`minialbert-web: running on 1 thread: ${reason}`);
        }
        return 1;
    }
    if (requested > 1) return requested;
    return Math.max(1, Math.min(await hardwareThreads(), AUTO_THREADS_CAP));
}

// f32x4.relaxed_madd in a minimal module: (func (result v128) v128.const 0 ×3, f32x4.relaxed_madd).
// Engines without relaxed SIMD reject it in WebAssembly.validate.
function relaxedProbe() {
    const zero = [0xfd, 0x0c, ...new Array(16).fill(0)];
    const body = [0x00, ...zero, ...zero, ...zero, 0xfd, 0x85, 0x02, 0x0b];
    return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
        0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b,                          // type: () -> v128
        0x03, 0x02, 0x01, 0x00,                                            // func 0 has type 0
        0x0a, body.length + 2, 0x01, body.length, ...body]);               // code
}

/** Whether this engine runs relaxed SIMD (Chrome 114+, Node 22+ or Node 20 with --experimental-wasm-relaxed-simd). */
export function relaxedSimdSupported() {
    return WebAssembly.validate(relaxedProbe());
}

const runtimes = new Map(); // build name -> Promise<Runtime>

/**
 * The runtime for a core backend name and thread count (resolveThreads). 'auto' and
 * 'wasmrelaxedsimd' take a relaxed-SIMD build where the engine supports relaxed SIMD
 * ('threads-relaxed' for more than one thread, else 'relaxed'); 'auto' falls back to the SIMD128
 * build of the same kind if the relaxed one does not compile here. Every other backend ('wasmsimd',
 * 'scalar', 'reference') runs in the SIMD128 builds ('threads' or 'simd'). One instance of each
 * build (and of a threads build per thread count) is shared by all models. A download of the build
 * that goes stallTimeoutMs without a byte fails it (LoadOptions.stallTimeoutMs).
 */
export async function openRuntime(backend, threads = 1, stallTimeoutMs = undefined) {
    const threaded = threads > 1;
    if (backend === 'wasmrelaxedsimd' && !relaxedSimdSupported()) {
        throw new MiniAlbertError('UNSUPPORTED', "backend 'wasmrelaxedsimd' needs relaxed SIMD, which this " +
            'JavaScript engine does not support; use "auto" or "wasmsimd"');
    }
    if ((backend === 'auto' || backend === 'wasmrelaxedsimd') && relaxedSimdSupported()) {
        try {
            return await runtimeFor(threaded ? 'threads-relaxed' : 'relaxed', threads, stallTimeoutMs);
        } catch (e) {
            // A relaxed build this engine cannot compile (its relaxed opcodes differ from the ones
            // the engine ships) still leaves the SIMD128 build for 'auto'.
            if (backend !== 'auto' || !(e.cause instanceof WebAssembly.CompileError)) throw e;
        }
    }
    return runtimeFor(threaded ? 'threads' : 'simd', threads, stallTimeoutMs);
}

function runtimeFor(build, threads, stallTimeoutMs) {
    const key = threads > 1 ? `${build}-${threads}` : build;
    if (!runtimes.has(key)) {
        // A failed instantiation is forgotten, so a later load tries again; so is a runtime that
        // trapped, so a later load starts a new one.
        const forget = () => runtimes.delete(key);
        runtimes.set(key, instantiate(build, threads, stallTimeoutMs).then((runtime) => {
            runtime.onBroken = forget;
            return runtime;
        }, (e) => {
            forget();
            throw e;
        }));
    }
    return runtimes.get(key);
}

// Emscripten's pthread glue starts its workers with `new Worker(url)`, a Web Worker. Node has
// worker_threads instead: this class gives one the Web Worker surface the glue uses (onmessage,
// onerror, postMessage, terminate) and runs worker-node-pthread.js, which gives the worker side
// the globals the glue's worker script expects. Every worker is recorded in `pool.workers`, so that
// instantiate() can unref() them once the module is ready: idle pool threads must not keep Node
// alive, but until they have loaded they are what the module is waiting for. Once `pool.runtime`
// is set, a worker's error (a trap in its thread) goes to the runtime instead of the glue, whose
// handler rethrows it: uncaught in Node, that would end the process.
function nodeWorkerClass(NodeWorker, pool) {
    return class {
        constructor(url) {
            this.onmessage = null;
            this.onerror = null;
            this._worker = new NodeWorker(new URL('./worker-node-pthread.js', import.meta.url), {
                workerData: { url: String(url) },
                // No Node flags: a Worker given the parent's refuses to start with --input-type
                // (node -e) or any V8 flag (--experimental-wasm-relaxed-simd); V8 flags are
                // process-wide and reach the worker anyway.
                execArgv: [],
            });
            this._worker.on('message', (data) => this.onmessage?.({ data }));
            this._worker.on('error', (e) => (pool.runtime ? pool.runtime.poolThreadStopped(e) : this.onerror?.(e)));
            pool.workers.push(this._worker);
        }
        postMessage(message, transfer) { this._worker.postMessage(message, transfer); }
        terminate() { this._worker.terminate(); }
    };
}

async function instantiate(build, threads, stallTimeoutMs) {
    // Checked first, so that the error says why and no build is fetched only to be refused.
    if (!wasmCompileAllowed()) {
        throw new MiniAlbertError('UNSUPPORTED', 'WebAssembly may not be compiled here: the Content-Security-Policy ' +
            "needs 'wasm-unsafe-eval' in script-src (no 'unsafe-eval' is needed)");
    }
    const base = await wasmFolder();
    const glueUrl = new URL(`minialbert-${build}.js`, base);
    const wasmUrl = new URL(`minialbert-${build}.wasm`, base);
    let createMiniAlbert;
    let wasm;
    try {
        [{ default: createMiniAlbert }, wasm] = await Promise.all([importGlue(glueUrl, stallTimeoutMs), compile(wasmUrl, stallTimeoutMs)]);
    } catch (e) {
        if (e instanceof MiniAlbertError) throw e;
        const code = e instanceof WebAssembly.CompileError ? 'UNSUPPORTED' : 'NETWORK';
        // Browsers tell scripts no more than "Failed to fetch": name what else can refuse the folder.
        const page = IS_NODE ? '' : "; the page's Content-Security-Policy (script-src and connect-src) and, on " +
            'another origin, CORS must allow it';
        throw new MiniAlbertError(code, `cannot load the ${build} build from ${base.href} (set env.wasmPaths ` +
            `to the folder holding minialbert-${build}.{js,wasm}${page}): ${e.message}`, { url: base.href, cause: e });
    }
    // The glue is handed the compiled module, so it never fetches or reads a file itself.
    const options = {
        instantiateWasm(imports, receive) {
            WebAssembly.instantiate(wasm, imports).then((instance) => receive(instance, wasm));
            return {};
        },
    };
    if (!build.startsWith('threads')) return new Runtime(await createMiniAlbert(options), build, 1);
    // The glue starts `mabPoolSize` workers while createMiniAlbert runs (wasm/CMakeLists.txt,
    // PTHREAD_POOL_SIZE), so that pthread_create never waits for one to load.
    options.mabPoolSize = threads - 1;
    // The core's thread pool blocks the calling thread while the pool threads finish their share of
    // a step (the forward pass is synchronous anyway); Emscripten warns about any wait on the page's
    // thread. Everything else still reaches the console.
    options.printErr = (text) => {
        if (!text.startsWith('Blocking on the main thread')) console.warn(text);
    };
    const pool = { runtime: null, workers: [] }; // the glue's workers, and where their errors go once loaded
    if (!IS_NODE || typeof globalThis.Worker === 'function') {
        const workerUrl = new URL(`minialbert-${build}.worker.js`, base);
        const M = await createWatchingWorkers(createMiniAlbert, options, build, workerUrl, stallTimeoutMs, pool);
        return pool.runtime = new Runtime(M, build, threads, pool.workers);
    }
    const { Worker: NodeWorker } = await import('node:worker_threads');
    let ready;
    // Only for the synchronous part of createMiniAlbert, where the glue creates its workers; the
    // rest of the process (worker-client.js) keeps seeing no global Worker.
    globalThis.Worker = nodeWorkerClass(NodeWorker, pool);
    try {
        ready = createMiniAlbert(options);
    } finally {
        delete globalThis.Worker;
    }
    const M = await ready;
    for (const worker of pool.workers) worker.unref(); // after the listeners: adding one refs the worker again
    return pool.runtime = new Runtime(M, build, threads, pool.workers);
}

// env.wasmPaths as a URL ending in '/'. In Node a path or file: URL is read as for model directories.
async function wasmFolder() {
    const text = String(env.wasmPaths);
    let base;
    try {
        const local = await nodePath(text);
        if (local === null) {
            base = new URL(text, globalThis.location?.href);
        } else {
            const { pathToFileURL } = await import('node:url');
            base = pathToFileURL(local);
        }
    } catch (e) {
        throw new MiniAlbertError('INVALID_ARGUMENT', `env.wasmPaths ${JSON.stringify(text)} is not a URL` +
            `${IS_NODE ? ' or a path' : ''} (${e.message}); set it to the folder holding minialbert-*.{js,wasm}`);
    }
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    return base;
}

// Emscripten's glue starts the pool's Web Workers while createMiniAlbert runs, then waits for each
// to load, for ever if one never does: a worker refused by the Content-Security-Policy (worker-src)
// or missing from env.wasmPaths only fires an `error` event, which the glue's onerror rethrows
// uncaught; so does a worker whose own policy refuses its import of the glue or (Firefox) the
// compiled module, through the handlers wasm/report-pthread-load-failure.py adds. Each worker gets
// a listener of its own before the glue's, which fails the load with WORKER instead; a worker the
// browser refuses at once (a cross-origin script) fails it too. A worker whose script or import of
// the glue stalls sends nothing: when no worker has sent a message for stallTimeoutMs, the load
// fails with NETWORK. Once loaded, a worker's error (a trap in its thread) goes to `pool.runtime`
// and no further: the glue's handler would rethrow it, uncaught, on the page. The workers are
// recorded in pool.workers.
const POOL_LOAD_FAILED = /^(Uncaught )?Error: minialbert-web pool worker: /;

// Firefox now and then never returns from `new Worker()` called in a worker (2 to 6 in 300 in
// tests/web/bench/nested-worker-start.mjs, with or without isolation and CSP), leaving that worker
// blocked for good, so nothing in it can notice. worker.js sets this watch, told `true` before
// each pool worker is constructed and `false` after, so that the page can end a model worker
// stuck there and start another.
let poolWorkerStartWatch = () => {};

/** Sets the function called with true before and false after each pool worker is constructed. */
export function watchPoolWorkerStarts(watch) {
    poolWorkerStartWatch = watch;
}

async function createWatchingWorkers(createMiniAlbert, options, build, workerUrl, stallTimeoutMs, pool) {
    const PageWorker = globalThis.Worker;
    const workerError = (url, detail) => new MiniAlbertError('WORKER', `the ${build} build could not start its worker ` +
        `${url}${detail}: the script must be beside minialbert-${build}.js, on the page's origin, and allowed by its ` +
        "Content-Security-Policy (worker-src 'self'; trusted-types minialbert-web where Trusted Types are enforced); " +
        'numThreads: 1 needs no worker');
    // The worker started but its own policy refused the glue or the module (wasm/report-pthread-load-failure.py).
    const loadError = (url, detail) => new MiniAlbertError('WORKER', `the ${build} build could not start its worker ` +
        `${url} (${detail}): the worker's own Content-Security-Policy must let it import the glue and take the module ` +
        "(script-src 'self' or 'strict-dynamic', and 'wasm-unsafe-eval'; a classic worker script carries no nonce); " +
        'numThreads: 1 needs no worker');
    let loading = true;
    let progress = () => {};
    let fail;
    const failed = new Promise((_, reject) => { fail = reject; });
    let ready;
    // Only for the synchronous part of createMiniAlbert, where the glue creates its workers.
    globalThis.Worker = class extends PageWorker {
        constructor(url, workerOptions) {
            poolWorkerStartWatch(true);
            try {
                super(workerScriptUrl(afterStalls(String(url))), workerOptions);
            } catch (e) {
                throw workerError(url, ` (${e.message})`);
            } finally {
                poolWorkerStartWatch(false);
            }
            pool.workers.push(this);
            this.addEventListener('message', () => progress(0));
            this.addEventListener('error', (e) => {
                // Handled here: not the glue's, and not an uncaught error of the page (Firefox reports one).
                e.stopImmediatePropagation();
                e.preventDefault();
                if (!loading) {
                    pool.runtime?.poolThreadStopped(e);
                    return;
                }
                fail(POOL_LOAD_FAILED.test(e.message) ? loadError(url, e.message.replace(POOL_LOAD_FAILED, '')) : workerError(url, ''));
            });
        }
    };
    try {
        ready = createMiniAlbert(options);
    } catch (e) {
        ready = Promise.reject(e);
    } finally {
        globalThis.Worker = PageWorker;
    }
    try {
        return await watchingStalls(workerUrl.href, { stallTimeoutMs }, ({ signal, onData }) => {
            progress = onData;
            return untilAborted(Promise.race([ready, failed]), signal);
        });
    } catch (e) {
        for (const worker of pool.workers) worker.terminate();
        noteStall(workerUrl.href, e);
        throw e;
    } finally {
        loading = false;
    }
}

// The smallest valid module (magic and version). Compiling it fails only where compiling any module
// is forbidden: under a Content-Security-Policy whose script-src lacks 'wasm-unsafe-eval'.
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

function wasmCompileAllowed() {
    try {
        new WebAssembly.Module(EMPTY_MODULE);
        return true;
    } catch {
        return false;
    }
}

// A script whose download stalled keeps its URL busy: the module map holds a stalled glue, where a
// second import() would wait on it too, and Firefox holds a second request for a stalled pool
// worker script some 20 s. The next load asks for such a script under a new URL.
const stalledScripts = new Map(); // glue or pool worker script URL -> how many of its loads stalled

function afterStalls(href) {
    const stalls = stalledScripts.get(href) ?? 0;
    return stalls ? `${href}?retry=${stalls}` : href;
}

function noteStall(href, e) {
    if (e instanceof MiniAlbertError && e.code === 'NETWORK') stalledScripts.set(href, (stalledScripts.get(href) ?? 0) + 1);
}

// The glue script. import() reports no progress and cannot be cancelled, so a glue that has not
// arrived stallTimeoutMs after the request fails the load (it is a few tens of KB).
async function importGlue(url, stallTimeoutMs) {
    if (IS_NODE && url.protocol === 'file:') return import(url.href);
    const href = afterStalls(url.href);
    try {
        return await watchingStalls(href, { stallTimeoutMs }, ({ signal }) => untilAborted(import(href), signal));
    } catch (e) {
        noteStall(url.href, e);
        throw e;
    }
}

// `promise`, or a rejection with the signal's reason once it aborts (for what cannot be cancelled).
// No signal (stallTimeoutMs 0): `promise` itself.
function untilAborted(promise, signal) {
    if (!signal) return promise;
    return new Promise((resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        promise.then(resolve, reject);
    });
}

async function compile(url, stallTimeoutMs) {
    if (IS_NODE && url.protocol === 'file:') {
        const { readFile } = await import('node:fs/promises');
        return WebAssembly.compile(await readFile(url));
    }
    // A stalled download would otherwise hold this build's runtime, which every later load awaits.
    return watchingStalls(url.href, { stallTimeoutMs }, async ({ signal, onData }) => {
        const response = await fetch(url, { signal });
        onData(0);
        if (!response.ok) {
            throw new MiniAlbertError('HTTP', `fetching ${url.href} failed: HTTP ${response.status}`, { url: url.href, status: response.status });
        }
        // The bytes are counted on their way into the compiler.
        const counted = new Response(response.body.pipeThrough(new TransformStream({
            transform(chunk, controller) {
                onData(chunk.length);
                controller.enqueue(chunk);
            },
        })), { headers: response.headers });
        if (typeof WebAssembly.compileStreaming === 'function' &&
            (response.headers.get('content-type') || '').startsWith('application/wasm')) {
            return WebAssembly.compileStreaming(counted);
        }
        return WebAssembly.compile(await counted.arrayBuffer());
    });
}

const utf8 = new TextEncoder();

class Runtime {
    constructor(M, build, threads, workers = []) {
        this.M = M;
        this.build = build; // 'simd', 'relaxed', 'threads' or 'threads-relaxed'
        this.threads = threads; // n_threads of every model loaded here
        this.workers = workers; // the threads build's pool workers
        this._buffer = null;
        this.broken = null; // the WASM_TRAP error once the module has trapped
        this.onBroken = null;
    }

    // A trap (WebAssembly.RuntimeError: an out-of-bounds access, an abort) leaves the module's memory
    // in an unknown state: the runtime is marked broken, every later call of its models rejects with
    // the same WASM_TRAP error without touching it, its pool workers are ended (they hold its memory),
    // and the next load() starts a new one. The page and the caller's text are unaffected.
    _trapped(e) {
        if (e instanceof WebAssembly.RuntimeError) return this._break(e.message, e);
        // A pool thread trapped: Emscripten unwinds the calling thread out of its next wait with this.
        if (e === 'unwind' && this.workers.length) return this._break('a thread of its pool stopped');
        return e;
    }

    /** A pool worker's error event: its thread trapped (the first trap seen is the one reported). */
    poolThreadStopped(e) {
        this._break(`a thread of its pool stopped (${e.message})`, e.error ?? e);
    }

    _break(reason, cause) {
        if (!this.broken) {
            this.broken = new MiniAlbertError('WASM_TRAP', `the WebAssembly runtime (${this.build} build) stopped: ${reason}. ` +
                'Every model loaded in it is unusable; load the model again, which starts a new runtime', { cause });
            this.onBroken?.();
            for (const worker of this.workers) worker.terminate();
        }
        return this.broken;
    }

    // Views of wasm memory. In the threads build another thread may grow the memory (malloc in a
    // pool thread), and the glue refreshes its M.HEAP* views only when its own code runs, so the
    // views are rebuilt here whenever the memory's buffer has changed.
    _views() {
        const buffer = this.M.wasmMemory ? this.M.wasmMemory.buffer : this.M.HEAPU8.buffer;
        if (buffer !== this._buffer) {
            this._buffer = buffer;
            this._u8 = new Uint8Array(buffer);
            this._u32 = new Uint32Array(buffer);
            this._i32 = new Int32Array(buffer);
        }
        return this;
    }

    u8() { return this._views()._u8; }
    u32() { return this._views()._u32; }
    i32() { return this._views()._i32; }

    /** Allocation in wasm memory for fetch.js, which streams the weights into it. */
    heap() {
        const M = this.M;
        return { alloc: (n) => M._malloc(n), free: (ptr) => M._free(ptr), bytes: () => this.u8() };
    }

    /** Bytes currently malloc'd, and the size of wasm memory (which never shrinks). */
    memoryStats() {
        return { heapBytes: this.M._mab_wasm_heap_bytes() >>> 0, memoryBytes: this.u8().length };
    }

    // Throws the core's last error as a MiniAlbertError when status is not OK.
    check(status, context) {
        if (status === 0) return;
        const M = this.M;
        const code = M.UTF8ToString(M._mab_status_name(status));
        const message = M.UTF8ToString(M._mab_last_error());
        // The core's messages name their function already ("forward: ..."); say it once.
        throw new MiniAlbertError(code, context && !message.startsWith(`${context}:`) ? `${context}: ${message}` : message);
    }

    // Copies bytes (plus a NUL) into wasm memory; the caller frees.
    copyIn(bytes) {
        const ptr = this.M._malloc(bytes.length + 1);
        if (!ptr) throw new MiniAlbertError('OUT_OF_MEMORY', `cannot allocate ${bytes.length + 1} bytes in wasm memory`);
        const u8 = this.u8();
        u8.set(bytes, ptr);
        u8[ptr + bytes.length] = 0;
        return ptr;
    }

    // Runs fn(pointers) with each argument copied into wasm memory, and frees them afterwards. Every
    // call into the core goes through here (or through free()), which is where traps are caught.
    withBuffers(args, fn) {
        if (this.broken) throw this.broken;
        const ptrs = [];
        try {
            for (const a of args) ptrs.push(a === null ? 0 : this.copyIn(typeof a === 'string' ? utf8.encode(a) : a));
            return fn(...ptrs);
        } catch (e) {
            throw this._trapped(e);
        } finally {
            if (!this.broken) for (const p of ptrs) if (p) this.M._free(p);
        }
    }

    /** Throws UNSUPPORTED, naming those there are, when this build has no backend `backend`. */
    checkBackend(backend) {
        this.withBuffers([backend], (backendPtr) => this.check(this.M._mab_backend_check(backendPtr), 'load'));
    }

    /**
     * Loads a model, with this runtime's thread count. weights.ptr must come from heap().alloc; the
     * core owns it from here on (and frees it on failure too).
     */
    loadModel(configBytes, weights, name, backend) {
        const M = this.M;
        const model = this.withBuffers([configBytes, name, backend, new Uint8Array(4)], (config, namePtr, backendPtr, out) => {
            const status = M._mab_wasm_model_load(config, configBytes.length, weights.ptr, weights.size, namePtr, backendPtr,
                this.threads, out);
            this.check(status, `loading ${name}`);
            return this.u32()[out >> 2];
        });
        return new WasmModel(this, model);
    }

    /**
     * Loads a tokenizer from the files of a model directory (each a Uint8Array or null): vocab.txt
     * with tokenizer_config.json and special_tokens_map.json, or tokenizer.json.
     */
    loadTokenizer({ vocab, tokenizerConfig, specialTokensMap, tokenizerJson }, name) {
        const M = this.M;
        const len = (b) => (b === null ? 0 : b.length);
        const tokenizer = this.withBuffers([vocab, tokenizerConfig, specialTokensMap, tokenizerJson, new Uint8Array(4)],
            (v, tc, stm, tj, out) => {
                const status = M._mab_tokenizer_load_from_buffers(v, len(vocab), tc, len(tokenizerConfig), stm,
                    len(specialTokensMap), tj, len(tokenizerJson), out);
                this.check(status, `loading the tokenizer of ${name}`);
                return this.u32()[out >> 2];
            });
        return new WasmTokenizer(this, tokenizer);
    }
}

/** The core's tagging pipeline over a model and its tokenizer, which it borrows (free it first). */
export class WasmTagger {
    constructor(model, tokenizer, configBytes) {
        const rt = model.runtime;
        const M = rt.M;
        this.runtime = rt;
        this.ptr = rt.withBuffers([configBytes, new Uint8Array(4)], (config, out) => {
            rt.check(M._mab_tagger_init(model.ptr, tokenizer.ptr, config, configBytes.length, out), 'creating the tagger');
            return rt.u32()[out >> 2];
        });
    }

    /**
     * mab_tag_begin_json ('tag') or mab_deidentify_begin_json ('deidentify'): a job that runs the model
     * one window per step() and gives {entities} or {text, replacements} at finish().
     */
    begin(what, text, options) {
        const rt = this.runtime;
        const M = rt.M;
        const textBytes = utf8.encode(text);
        const optionBytes = utf8.encode(JSON.stringify(options));
        const begin = what === 'tag' ? M._mab_tag_begin_json : M._mab_deidentify_begin_json;
        return rt.withBuffers([textBytes, optionBytes, new Uint8Array(4)], (textPtr, optionsPtr, out) => {
            rt.check(begin(this.ptr, textPtr, textBytes.length, optionsPtr, optionBytes.length, out), what);
            return new WasmTagJob(rt, rt.u32()[out >> 2], what);
        });
    }

    free() {
        if (!this.runtime.broken) this.runtime.M._mab_tagger_free(this.ptr);
        this.ptr = 0;
    }
}

// One stepwise tag or de-identification (minialbert.h, "Stepwise tagging").
class WasmTagJob {
    constructor(runtime, ptr, what) {
        this.runtime = runtime;
        this.ptr = ptr;
        this.what = what;
        /** Model windows in all, and how many have run. */
        this.total = runtime.M._mab_tag_job_n_steps(ptr);
        this.done = 0;
    }

    /** Runs the next window. */
    step() {
        const rt = this.runtime;
        rt.withBuffers([], () => rt.check(rt.M._mab_tag_job_step(this.ptr), this.what));
        this.done++;
    }

    /** The result as a plain object; the job is spent afterwards. */
    finish() {
        const rt = this.runtime;
        const M = rt.M;
        const [finish, resultJson, resultFree] = this.what === 'tag'
            ? [M._mab_tag_job_finish, M._mab_tag_result_json, M._mab_tag_result_free]
            : [M._mab_tag_job_finish_deid, M._mab_deid_result_json, M._mab_deid_result_free];
        return rt.withBuffers([new Uint8Array(4)], (out) => {
            rt.check(finish(this.ptr, out), this.what);
            const result = rt.u32()[out >> 2];
            try {
                return JSON.parse(M.UTF8ToString(resultJson(result)));
            } finally {
                resultFree(result);
            }
        });
    }

    /** Frees the job, finished or not (freeing an unfinished one is how a call is cancelled). */
    free() {
        if (this.ptr && !this.runtime.broken) this.runtime.M._mab_tag_job_free(this.ptr);
        this.ptr = 0;
    }
}

class WasmTokenizer {
    constructor(runtime, ptr) {
        this.runtime = runtime;
        this.ptr = ptr;
    }

    /** mab_tokenizer_info as a plain object. */
    info() {
        const M = this.runtime.M;
        return JSON.parse(M.UTF8ToString(M._mab_wasm_tokenizer_info_json(this.ptr)));
    }

    /**
     * BertTokenizer.tokenize, without [CLS]/[SEP]: tokens, ids, offsets as [begin, end) pairs in
     * UTF-16 code units (indices into the JS string) and the word each token comes from.
     */
    tokenize(text) {
        return this.run(text, (textPtr, len, out) => this.runtime.M._mab_tokenizer_tokenize(this.ptr, textPtr, len, out), 'tokenize');
    }

    /**
     * The tokenization cut into model windows ([CLS] ... [SEP] each, `stride` tokens shared between
     * neighbours); adds `windows: [{ids, offsets, firstToken}]` to what tokenize() returns.
     */
    encode(text, { maxLength, stride, maxWindows, addSpecialTokens }) {
        return this.run(text, (textPtr, len, out) => this.runtime.M._mab_wasm_tokenizer_encode(this.ptr, textPtr, len,
            maxLength, stride, maxWindows, addSpecialTokens ? 1 : 0, out), 'encode');
    }

    run(text, call, what) {
        const rt = this.runtime;
        const M = rt.M;
        const bytes = utf8.encode(text);
        return rt.withBuffers([bytes, new Uint8Array(4)], (textPtr, out) => {
            rt.check(call(textPtr, bytes.length, out), what);
            const enc = rt.u32()[out >> 2];
            try {
                return readEncoding(rt, enc);
            } finally {
                M._mab_encoding_free(enc);
            }
        });
    }

    free() {
        if (!this.runtime.broken) this.runtime.M._mab_tokenizer_free(this.ptr);
        this.ptr = 0;
    }
}

// Copies everything out of a mab_encoding into plain JS values.
function readEncoding(rt, enc) {
    const M = rt.M;
    const ints = (ptr, n) => (n === 0 ? new Int32Array(0) : rt.i32().slice(ptr >> 2, (ptr >> 2) + n));
    const n = M._mab_encoding_n_tokens(enc);
    const tokens = new Array(n);
    for (let i = 0; i < n; i++) tokens[i] = M.UTF8ToString(M._mab_encoding_token(enc, i));
    const windows = [];
    for (let w = 0, nw = M._mab_encoding_n_windows(enc); w < nw; w++) {
        const len = M._mab_encoding_window_length(enc, w);
        windows.push({
            ids: ints(M._mab_encoding_window_ids(enc, w), len),
            offsets: ints(M._mab_encoding_window_offsets_utf16(enc, w), 2 * len),
            firstToken: M._mab_encoding_window_first_token(enc, w),
        });
    }
    return {
        tokens,
        ids: ints(M._mab_encoding_ids(enc), n),
        offsets: ints(M._mab_encoding_offsets_utf16(enc), 2 * n),
        wordIds: ints(M._mab_encoding_word_ids(enc), n),
        windows,
    };
}

class WasmModel {
    constructor(runtime, ptr) {
        this.runtime = runtime;
        this.ptr = ptr;
    }

    /** mab_model_info as a plain object (snake_case, as in config.json). */
    info() {
        const M = this.runtime.M;
        return JSON.parse(M.UTF8ToString(M._mab_wasm_model_info_json(this.ptr)));
    }

    label(i) {
        const M = this.runtime.M;
        const ptr = M._mab_model_label(this.ptr, i);
        return ptr ? M.UTF8ToString(ptr) : null;
    }

    workspaceBytes(batch, seqLen) {
        return this.runtime.M._mab_model_workspace_bytes(this.ptr, batch, seqLen) >>> 0;
    }

    /**
     * mab_forward on Int32Array inputs of batch×seqLen (mask and types may be null); returns a copy
     * of the logits (outputSize floats).
     */
    forward(inputIds, attentionMask, tokenTypeIds, batch, seqLen, outputSize) {
        const rt = this.runtime;
        const M = rt.M;
        const asBytes = (a) => (a === null ? null : new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
        const logitsBytes = new Uint8Array(outputSize * 4);
        return rt.withBuffers([asBytes(inputIds), asBytes(attentionMask), asBytes(tokenTypeIds), logitsBytes],
            (ids, mask, types, logits) => {
                const status = M._mab_wasm_forward(this.ptr, ids, mask, types, batch, seqLen, logits);
                rt.check(status, 'forward');
                return new Float32Array(rt.u8().slice(logits, logits + outputSize * 4).buffer);
            });
    }

    /**
     * mab_classify on `text` with `tokenizer`: every label's score in label order, the text's tokens
     * and the ones the model read (fewer when the text was cut to the window).
     */
    classify(tokenizer, text, maxLength, numLabels) {
        const rt = this.runtime;
        const M = rt.M;
        const bytes = utf8.encode(text);
        return rt.withBuffers([bytes, new Uint8Array(4 * numLabels), new Uint8Array(8)], (textPtr, scores, read) => {
            rt.check(M._mab_classify(this.ptr, tokenizer.ptr, textPtr, bytes.length, maxLength, scores, read), 'classify');
            const i32 = rt.i32();
            return {
                scores: new Float32Array(rt.u8().slice(scores, scores + 4 * numLabels).buffer),
                tokens: i32[read >> 2],
                tokensRead: i32[(read >> 2) + 1],
            };
        });
    }

    free() {
        if (!this.runtime.broken) this.runtime.M._mab_model_free(this.ptr);
        this.ptr = 0;
    }
}
