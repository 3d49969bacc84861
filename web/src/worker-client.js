// worker-client.js: loadInWorker(), the page side of worker.js. The model lives in a dedicated
// worker, so tokenizing and inference never block the page; the returned object has the same
// methods as the one load() returns.
import { env } from './bindings.js';
import { MiniAlbertError, abortError } from './errors.js';
import { DEFAULT_MODEL_URL } from './fetch.js';

const IS_NODE = typeof process === 'object' && typeof process.versions?.node === 'string';

/**
 * load() in a worker. Options are those of load() (except `fetch`: a function cannot be sent to a
 * worker), plus `workerUrl`: the worker script, for pages whose Content-Security-Policy only allows
 * workers from certain origins (default: src/worker.js of this package, a same-origin module worker;
 * no blob: URL is ever used).
 * @returns {Promise<WorkerModel>}
 */
export async function loadInWorker(baseUrl = DEFAULT_MODEL_URL, options = {}) {
    baseUrl ??= DEFAULT_MODEL_URL;
    const { workerUrl = new URL('./worker.js', import.meta.url), onProgress = () => {}, signal, fetch, ...rest } = options;
    if (fetch) {
        throw new MiniAlbertError('INVALID_ARGUMENT', 'loadInWorker: a custom fetch function cannot be passed to a worker; use load() on the page instead');
    }
    if (signal?.aborted) throw abortError(signal, `loading ${baseUrl}`);
    const port = await spawn(workerUrl);
    const model = new WorkerModel(port);
    const page = globalThis.location?.href;
    const absolute = (u) => (IS_NODE && !/^[a-z][a-z0-9+.-]*:/i.test(String(u)) ? String(u) : new URL(String(u), page).href);
    const loadId = model._nextId; // the id _call('load') is about to take
    const onAbort = () => port.post({ id: 0, method: 'abort', args: { id: loadId } });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
        const info = await model._call('load', {
            // The page's env.numThreads is the worker's default too (the worker has its own env).
            baseUrl: absolute(baseUrl), wasmPaths: absolute(env.wasmPaths), options: { numThreads: env.numThreads, ...rest },
        }, onProgress);
        Object.assign(model, info);
        return model;
    } catch (e) {
        port.terminate();
        throw e;
    } finally {
        signal?.removeEventListener('abort', onAbort);
    }
}

class WorkerModel {
    constructor(port) {
        this._port = port;
        this._nextId = 1;
        this._pending = new Map(); // id -> {resolve, reject, onProgress}
        port.onMessage(({ id, result, error, progress }) => {
            const call = this._pending.get(id);
            if (!call) return;
            if (progress) return call.onProgress(progress);
            this._pending.delete(id);
            if (error) call.reject(new MiniAlbertError(error.code, error.message, { url: error.url, status: error.status }));
            else call.resolve(result);
        });
        port.onError((message) => {
            const error = new MiniAlbertError('WORKER', `the model worker failed: ${message}`);
            for (const call of this._pending.values()) call.reject(error);
            this._pending.clear();
            this._port = null;
        });
    }

    _call(method, args, onProgress = () => {}) {
        if (!this._port) return Promise.reject(new MiniAlbertError('DISPOSED', 'this model was disposed'));
        const id = this._nextId++;
        return new Promise((resolve, reject) => {
            this._pending.set(id, { resolve, reject, onProgress });
            this._port.post({ id, method, args });
        });
    }

    tokenize(text) { return this._call('tokenize', { text: String(text) }); }
    forward(inputs) { return this._call('forward', inputs); }
    tag(text, options = {}) { return this._call('tag', { text: String(text), options }); }
    deidentify(text, options = {}) { return this._call('deidentify', { text: String(text), options }); }
    classify(text) { return this._call('classify', { text: String(text) }); }
    memoryStats() { return this._call('memoryStats', {}); }

    /** Frees the model and ends the worker. */
    async dispose() {
        if (!this._port) return;
        await this._call('dispose', {});
        this._port.terminate();
        this._port = null;
    }
}

// A worker behind one small interface: Web Workers in browsers, worker_threads in Node.
async function spawn(url) {
    if (typeof Worker === 'function') {
        const worker = new Worker(url, { type: 'module' });
        return {
            post: (msg) => worker.postMessage(msg),
            onMessage: (handler) => worker.addEventListener('message', (e) => handler(e.data)),
            onError: (handler) => worker.addEventListener('error', (e) => handler(e.message || 'the worker script could not be loaded')),
            terminate: () => worker.terminate(),
        };
    }
    const { Worker: NodeWorker } = await import('node:worker_threads');
    const worker = new NodeWorker(new URL(url));
    return {
        post: (msg) => worker.postMessage(msg),
        onMessage: (handler) => worker.on('message', handler),
        onError: (handler) => worker.on('error', (e) => handler(e.message)),
        terminate: () => worker.terminate(),
    };
}
