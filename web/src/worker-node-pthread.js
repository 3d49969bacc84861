// worker-node-pthread.js: in Node, the worker_threads side of one Emscripten pthread of the threads
// build (bindings.js starts it). Emscripten's worker script (minialbert-threads.worker.js) is written
// for a Web Worker: it sets self.onmessage and calls postMessage. This file gives it those globals
// over parentPort, then runs it.
import { parentPort, workerData } from 'node:worker_threads';

globalThis.self = globalThis;
globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
await import(workerData.url);
// parentPort holds messages until a listener is attached, so none is lost while the script loads.
parentPort.on('message', (data) => globalThis.onmessage({ data }));
