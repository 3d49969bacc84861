// worker-client.js: loadInWorker(), the page side of worker.js. The model lives in a dedicated
// worker, so tokenizing and inference never block the page; the returned object has the same
// methods as the one load() returns.
import { requireClassifyOptions, requireLoadOptions, requireModelDirectory, requirePipelineOptions, requireText } from './arguments.js';
import { env } from './bindings.js';
import { MiniAlbertError, abortError } from './errors.js';
import { DEFAULT_MODEL_URL, nodePath } from './fetch.js';
import { workerScriptUrl } from './trusted-types.js';

const IS_NODE = typeof process === 'object' && typeof process.versions?.node === 'string';

// A model worker that has not come back from constructing a pool worker of the threads build after
// POOL_WORKER_START_MS never will (a Firefox fault, bindings.js; it takes milliseconds otherwise):
// it is ended and the load starts again in a new one, WORKER_STARTS times in all.
const POOL_WORKER_START_MS = 5_000;
const WORKER_STARTS = 3;

/**
 * load() in a worker. Options are those of load() (except `fetch`: a function cannot be sent to a
 * worker), plus `workerUrl`: the worker script, for pages whose Content-Security-Policy only allows
 * workers from certain origins (default: src/worker.js of this package, a same-origin module worker;
 * no blob: URL is ever used). In Node it is a file: URL or a filesystem path.
 * @returns {Promise<WorkerModel>}
 */
export async function loadInWorker(baseUrl = DEFAULT_MODEL_URL, options = {}) {
    baseUrl = requireModelDirectory(baseUrl ?? DEFAULT_MODEL_URL, 'loadInWorker');
    const { workerUrl = new URL('./worker.js', import.meta.url), onProgress = () => {}, signal, fetch, ...rest } =
        requireLoadOptions(options, 'loadInWorker');
    if (fetch) {
        throw new MiniAlbertError('INVALID_ARGUMENT', 'loadInWorker: a custom fetch function cannot be passed to a worker; use load() on the page instead');
    }
    if (signal?.aborted) throw abortError(signal, `loading ${baseUrl}`);
    const page = globalThis.location?.href;
    // Resolved here, against the page: the worker's own location is another. A path in Node goes as it is.
    const absolute = (u, what) => {
        const text = String(u);
        if (IS_NODE && !/^[a-z][a-z0-9+.-]*:/i.test(text)) return text;
        try {
            return new URL(text, page).href;
        } catch (e) {
            throw new MiniAlbertError('INVALID_ARGUMENT', `loadInWorker: cannot use ${JSON.stringify(text)} as ${what}: ${e.message}`);
        }
    };
    const args = {
        // The page's env.numThreads is the worker's default too (the worker has its own env).
        // An explicit `numThreads: undefined` means the default too, as in load() (null does not).
        baseUrl: absolute(baseUrl, 'the model directory'), wasmPaths: absolute(env.wasmPaths, 'env.wasmPaths'),
        options: { ...rest, numThreads: rest.numThreads === undefined ? env.numThreads : rest.numThreads },
    };
    for (let start = 1; ; start++) {
        const port = await spawn(workerUrl);
        const model = new WorkerModel(port);
        const loadId = model._nextId; // the id _call('load') is about to take
        const onAbort = () => port.post({ id: 0, method: 'abort', args: { id: loadId } });
        signal?.addEventListener('abort', onAbort, { once: true });
        let stuck = false;
        let timer;
        const onPoolWorkerStart = (starting) => {
            clearTimeout(timer);
            if (!starting) return;
            timer = setTimeout(() => {
                stuck = true;
                model._fail(new MiniAlbertError('WORKER', `the model worker did not come back from starting a worker of ` +
                    `its thread pool, ${WORKER_STARTS} times in ${POOL_WORKER_START_MS / 1000} s each (a fault of ` +
                    'Firefox with workers started by workers); numThreads: 1 needs no pool worker'));
            }, POOL_WORKER_START_MS);
        };
        try {
            Object.assign(model, await model._call('load', args, onProgress, onPoolWorkerStart));
            return model;
        } catch (e) {
            model._end();
            if (!stuck || start === WORKER_STARTS) throw e;
            if (signal?.aborted) throw abortError(signal, `loading ${args.baseUrl}`);
        } finally {
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
        }
    }
}

class WorkerModel {
    constructor(port) {
        this._port = port;
        this._nextId = 1;
        this._pending = new Map(); // id -> {resolve, reject, onProgress, onPoolWorkerStart}
        this._disposing = false;
        port.onMessage(({ id, result, error, progress, poolWorkerStarting }) => {
            const call = this._pending.get(id);
            if (!call) return;
            if (poolWorkerStarting !== undefined) {
                call.onPoolWorkerStart?.(poolWorkerStarting);
                return;
            }
            if (progress) {
                // The caller's callback runs here, in a message handler: what it throws would be
                // uncaught (in Node: the end of the process), so it fails the load instead.
                try {
                    call.onProgress(progress);
                } catch (e) {
                    this._pending.delete(id);
                    this._port?.post({ id: 0, method: 'abort', args: { id } });
                    call.reject(e);
                }
                return;
            }
            this._pending.delete(id);
            if (error) call.reject(new MiniAlbertError(error.code, error.message, { url: error.url, status: error.status }));
            else call.resolve(result);
        });
        port.onError((message) => this._fail(new MiniAlbertError('WORKER', `the model worker failed: ${message}`)));
    }

    _call(method, args, onProgress = () => {}, onPoolWorkerStart = undefined) {
        if (!this._port || this._disposing) return Promise.reject(new MiniAlbertError('DISPOSED', 'this model was disposed'));
        const id = this._nextId++;
        return new Promise((resolve, reject) => {
            this._pending.set(id, { resolve, reject, onProgress, onPoolWorkerStart });
            try {
                this._port.post({ id, method, args });
            } catch (e) {
                this._pending.delete(id);
                reject(new MiniAlbertError('INVALID_ARGUMENT', `${method}: the arguments cannot be sent to the worker: ${e.message}`));
            }
        });
    }

    // Rejects every pending call with `error` (DISPOSED by default).
    _rejectPending(error = new MiniAlbertError('DISPOSED', 'this model was disposed')) {
        const pending = [...this._pending.values()];
        this._pending.clear();
        for (const call of pending) call.reject(error);
    }

    // Rejects every pending call with `error` and ends the worker.
    _fail(error) {
        this._rejectPending(error);
        this._end();
    }

    // Ends the worker; a call still pending (a tag between two windows when dispose() ran) rejects.
    _end() {
        this._port?.terminate();
        this._port = null;
        this._rejectPending();
    }

    // tag() or deidentify(): onProgress and signal stay on the page; an abort rejects at once, and
    // the worker stops before its next window.
    async _pipeline(what, text, options) {
        text = requireText(text, what);
        const { pipeline, onProgress, signal } = requirePipelineOptions(options, what);
        if (signal?.aborted) throw abortError(signal, what);
        const id = this._nextId; // the id _call is about to take
        const call = this._call(what, { text, options: pipeline, progress: onProgress !== undefined }, onProgress);
        if (!signal) return call;
        let onAbort;
        const aborted = new Promise((_, reject) => {
            onAbort = () => {
                this._pending.delete(id);
                this._port?.post({ id: 0, method: 'abort', args: { id } });
                reject(abortError(signal, what));
            };
            signal.addEventListener('abort', onAbort, { once: true });
        });
        try {
            return await Promise.race([call, aborted]);
        } finally {
            signal.removeEventListener('abort', onAbort);
        }
    }

    // async, so that a bad argument rejects like every other failure.
    async tokenize(text) { return this._call('tokenize', { text: requireText(text, 'tokenize') }); }
    async forward(inputs) { return this._call('forward', inputs); }
    async tag(text, options) { return this._pipeline('tag', text, options); }
    async deidentify(text, options) { return this._pipeline('deidentify', text, options); }
    async classify(text, options) {
        const args = { text: requireText(text, 'classify'), options: requireClassifyOptions(options, 'classify') };
        const { ranked, tokens, tokensRead } = await this._call('classify', args);
        return Object.assign(ranked, { tokens, tokensRead });
    }
    async memoryStats() { return this._call('memoryStats', {}); }

    /** Frees the model and ends the worker, also when freeing fails. */
    async dispose() {
        if (!this._port || this._disposing) return;
        // A call still pending ends now with DISPOSED, as on the page, although its answer may be on
        // its way already (dispose() from a tag's last onProgress).
        this._rejectPending();
        const freed = this._call('dispose', {});
        this._disposing = true; // calls made from now on are refused, as after the end
        try {
            await freed;
        } finally {
            this._end();
        }
    }
}

// A worker behind one small interface: Web Workers in browsers, worker_threads in Node.
async function spawn(url) {
    if (typeof Worker === 'function') {
        // The browser says no more than this to scripts, whether the file is missing or refused.
        const notLoaded = `the worker script ${url} could not be loaded: it must exist, be on the page's origin and be ` +
            "allowed by its Content-Security-Policy (worker-src 'self'; trusted-types minialbert-web where Trusted Types " +
            'are enforced); options.workerUrl sets it';
        let worker;
        try {
            worker = new Worker(workerScriptUrl(url), { type: 'module' });
        } catch (e) {
            throw new MiniAlbertError('WORKER', `${notLoaded} (${e.message})`);
        }
        return {
            post: (msg) => worker.postMessage(msg),
            onMessage: (handler) => worker.addEventListener('message', (e) => handler(e.data)),
            onError: (handler) => worker.addEventListener('error', (e) => {
                e.preventDefault(); // handled: not also an uncaught error of the page (Firefox reports one)
                handler(e.message || notLoaded);
            }),
            terminate: () => worker.terminate(),
        };
    }
    const { Worker: NodeWorker } = await import('node:worker_threads');
    const notStarted = (why) => new MiniAlbertError('WORKER', `the worker script ${url} could not be started: ${why}; ` +
        'options.workerUrl sets it, in Node a file: URL or a filesystem path');
    let script;
    try {
        script = await nodePath(url); // as for model directories: a path, or a file: URL
    } catch (e) {
        throw notStarted(e.message);
    }
    if (script === null) throw notStarted('Node runs worker scripts from files only');
    let worker;
    try {
        // No Node flags: a worker refuses some of its parent's (--input-type of `node -e`), and the V8
        // ones are the whole process's anyway.
        worker = new NodeWorker(script, { execArgv: [] });
    } catch (e) {
        throw notStarted(e.message);
    }
    return {
        post: (msg) => worker.postMessage(msg),
        onMessage: (handler) => worker.on('message', handler),
        onError: (handler) => {
            worker.on('error', (e) => handler(e.message));
            // A worker that ends without an error (process.exit in it, a script that returns) would
            // leave every pending call waiting for ever.
            worker.on('exit', (code) => handler(`it exited (code ${code})`));
            worker.on('messageerror', (e) => handler(`a message could not be read: ${e.message}`));
        },
        terminate: () => worker.terminate(),
    };
}
