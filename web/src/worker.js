// worker.js: the worker side of loadInWorker(). Holds one model and answers the calls that
// worker-client.js posts: {id, method, args} -> {id, result} | {id, error} | {id, progress} | {id, poolWorkerStarting}.
// Runs as a module Web Worker in browsers and as a worker_threads worker in Node.
import { MiniAlbertError, env, load } from '../index.js';
import { watchPoolWorkerStarts } from './bindings.js';

// In browsers the listener is attached synchronously, during the module's evaluation, so no early
// message can be missed; Node queues messages until a listener exists.
const port = typeof self !== 'undefined' && typeof self.postMessage === 'function' ? webPort() : await nodePort();
const aborts = new Map(); // id of a running load, tag or deidentify -> its AbortController
let model = null;

port.onMessage(async ({ id, method, args }) => {
    if (method === 'abort') {
        aborts.get(args.id)?.abort(new Error('aborted by the page'));
        return;
    }
    try {
        const { result, transfer } = await call(id, method, args);
        port.post({ id, result }, transfer);
    } catch (e) {
        // Only our own codes cross: a Node system error or a DOMException has a code of another kind.
        const code = e instanceof MiniAlbertError ? e.code : 'WORKER';
        port.post({ id, error: { code, message: e.message, url: e.url, status: e.status } });
    } finally {
        aborts.delete(id);
    }
});

async function call(id, method, args) {
    // A call that was on its way while the page disposed the model.
    if (!model && method !== 'load' && method !== 'dispose') throw new MiniAlbertError('DISPOSED', 'this model was disposed');
    switch (method) {
    case 'load': {
        const controller = new AbortController();
        aborts.set(id, controller);
        if (args.wasmPaths) env.wasmPaths = args.wasmPaths;
        // The page ends this worker if it does not come back from starting a pool worker (bindings.js).
        watchPoolWorkerStarts((starting) => port.post({ id, poolWorkerStarting: starting }));
        model = await load(args.baseUrl, {
            ...args.options, signal: controller.signal, onProgress: (event) => port.post({ id, progress: event }),
        });
        return { result: { config: model.config, labels: model.labels, info: model.info, maxLength: model.maxLength }, transfer: [] };
    }
    case 'forward': {
        const out = await model.forward(args);
        return { result: out, transfer: [out.logits.buffer] };
    }
    case 'tokenize':
        return { result: await model.tokenize(args.text), transfer: [] };
    case 'classify': {
        // A structured clone keeps an array's elements only: the counts travel beside them.
        const ranked = await model.classify(args.text, args.options);
        return { result: { ranked: [...ranked], tokens: ranked.tokens, tokensRead: ranked.tokensRead }, transfer: [] };
    }
    case 'tag':
    case 'deidentify': {
        // The model gives the thread back between windows, so an abort message is read mid-call.
        const controller = new AbortController();
        aborts.set(id, controller);
        const onProgress = args.progress ? (event) => port.post({ id, progress: event }) : undefined;
        return { result: await model[method](args.text, { ...args.options, onProgress, signal: controller.signal }), transfer: [] };
    }
    case 'memoryStats':
        return { result: model.memoryStats(), transfer: [] };
    case 'dispose':
        model?.dispose();
        model = null;
        return { result: null, transfer: [] };
    default:
        throw new Error(`unknown method '${method}'`);
    }
}

function webPort() {
    return {
        post: (msg, transfer = []) => self.postMessage(msg, transfer),
        onMessage: (handler) => self.addEventListener('message', (e) => handler(e.data)),
    };
}

async function nodePort() {
    const { parentPort } = await import('node:worker_threads');
    return {
        post: (msg, transfer = []) => parentPort.postMessage(msg, transfer),
        onMessage: (handler) => parentPort.on('message', handler),
    };
}
