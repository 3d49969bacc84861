// minialbert-web: miniALBERT in the browser and in Node, on WebAssembly. Everything exported here is
// the public API; the rest of web/src/ is internal.
//
//   import { load } from 'minialbert-web';
//   const model = await load();   // the embedded default model; or load('https://example.org/models/deid/')
//   const { entities } = await model.tag('Seen by Dr. Smith on 3/4/2021.');
//   model.dispose();
import { requireLoadOptions } from './src/arguments.js';
import { env, openRuntime, resolveThreads } from './src/bindings.js';
import { MiniAlbertError, abortError } from './src/errors.js';
import { DEFAULT_MODEL_URL, modelSource, readFile, readWeights } from './src/fetch.js';
import { MiniAlbertModel } from './src/model.js';

export { DEFAULT_MODEL_URL, env, MiniAlbertError, MiniAlbertModel };
export { loadInWorker } from './src/worker-client.js';

/**
 * Loads the model directory at `baseUrl` (a URL; in Node also a filesystem path): config.json,
 * vocab.txt (+ tokenizer_config.json, special_tokens_map.json) or tokenizer.json, and
 * model.safetensors, streamed into wasm memory. Without `baseUrl` (undefined or null) it loads the
 * embedded default de-identification model, DEFAULT_MODEL_URL (models/deid-minialbert-small/).
 *
 * @param {string | URL | null} [baseUrl]
 * @param {object} [options]
 * @param {(event: object) => void} [options.onProgress] {status: 'initiate'|'progress'|'done', file,
 *        loaded, total, progress} per file, then {status: 'ready'}
 * @param {AbortSignal} [options.signal] aborts the load (rejects with code ABORTED)
 * @param {typeof fetch} [options.fetch] the fetch to use (default globalThis.fetch)
 * @param {boolean} [options.cache] keep the files in the Cache API and load from it next time
 * @param {string} [options.backend] 'auto' (default), 'wasmrelaxedsimd', 'wasmsimd' or 'reference'
 * @param {number} [options.numThreads] threads for inference (default env.numThreads): 0 = auto (the
 *        threads build where shared memory is usable: cross-origin isolated pages, Node), 1 = the
 *        single-threaded builds, N = N threads (throws UNSUPPORTED where the threads build cannot run)
 * @returns {Promise<MiniAlbertModel>}
 */
export async function load(baseUrl = DEFAULT_MODEL_URL, options = {}) {
    baseUrl ??= DEFAULT_MODEL_URL;
    const { onProgress = () => {}, signal, fetch, cache = false, backend = 'auto', numThreads = env.numThreads, stallTimeoutMs } =
        requireLoadOptions(options, 'load');
    const threads = await resolveThreads(numThreads);
    const source = await modelSource(baseUrl);
    const name = source.kind === 'url' ? source.base.href : source.base;
    const io = { onProgress, signal, fetch, cache, stallTimeoutMs };
    const optional = { ...io, optional: true };

    const [runtime, configBytes, vocab, tokenizerConfig, specialTokensMap] = await Promise.all([
        openRuntime(backend, threads, stallTimeoutMs),
        readFile(source, 'config.json', 'BAD_CONFIG', io),
        readFile(source, 'vocab.txt', 'BAD_TOKENIZER', optional),
        readFile(source, 'tokenizer_config.json', 'BAD_TOKENIZER', optional),
        readFile(source, 'special_tokens_map.json', 'BAD_TOKENIZER', optional),
    ]);
    const tokenizerJson = vocab ? null : await readFile(source, 'tokenizer.json', 'BAD_TOKENIZER', optional);
    if (!vocab && !tokenizerJson) {
        throw new MiniAlbertError('BAD_TOKENIZER', `${name} has no tokenizer: expected vocab.txt (BERT WordPiece) or tokenizer.json in it`);
    }
    let config;
    try {
        config = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(configBytes));
    } catch (e) {
        throw new MiniAlbertError('BAD_CONFIG', `config.json of ${name} is not JSON: ${e.message}`);
    }

    // Before the weights, the one large download.
    runtime.checkBackend(backend);
    const tokenizer = runtime.loadTokenizer({ vocab, tokenizerConfig, specialTokensMap, tokenizerJson }, name);
    let model = null, loaded = null;
    try {
        const weights = await readWeights(source, 'model.safetensors', runtime.heap(), io);
        // From here the core owns the weights buffer, and frees it if loading fails.
        model = runtime.loadModel(configBytes, weights, name, backend);
        if (signal?.aborted) throw abortError(signal, `loading ${name}`);
        loaded = new MiniAlbertModel(runtime, model, tokenizer, configBytes, config);
        onProgress({ status: 'ready' });
        return loaded;
    } catch (e) {
        if (loaded) {
            loaded.dispose();
        } else {
            model?.free();
            tokenizer.free();
        }
        throw e;
    }
}
