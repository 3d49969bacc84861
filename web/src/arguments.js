// arguments.js: checks of what callers hand the public API. A wrong value is an error naming it,
// never a coercion that computes on something else: String(undefined) tagged as text would answer
// "no PHI" for a note that was never read.
import { MiniAlbertError } from './errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` holds a UTF-16 surrogate without its pair (no UTF-8 form: encoders write U+FFFD). */
export function hasLoneSurrogate(s) {
    return LONE_SURROGATE.test(s);
}

/** What `value` is, for messages: 'undefined', 'null', 'a number (5)', 'an array', ... */
export function describeValue(value) {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'an array';
    switch (typeof value) {
    case 'undefined': return 'undefined';
    case 'string': return `a string (${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)})`;
    case 'number': case 'bigint': case 'boolean': return `a ${typeof value} (${String(value)})`;
    case 'symbol': return 'a symbol';
    case 'function': return 'a function';
    default: return ArrayBuffer.isView(value) ? `a ${value.constructor.name}` : 'an object';
    }
}

function invalid(message) {
    return new MiniAlbertError('INVALID_ARGUMENT', message);
}

/** The model directory given to load() or loadInWorker(): a string (URL or, in Node, path) or a URL. */
export function requireModelDirectory(baseUrl, what) {
    if (typeof baseUrl === 'string' || baseUrl instanceof URL) return baseUrl;
    throw invalid(`${what}: the model directory must be a URL or a string, got ${describeValue(baseUrl)}`);
}

/** The text argument of tokenize/tag/deidentify/classify: a string (or String object). */
export function requireText(text, what) {
    if (typeof text === 'string') return text;
    if (text instanceof String) return text.valueOf();
    throw invalid(`${what}: text must be a string, got ${describeValue(text)}`);
}

/**
 * The options of tag/deidentify: undefined or a plain object. onProgress and signal are for this call
 * and stay in JS; the rest are the pipeline's, a plain object of JSON values, because they travel to
 * the core (and to a worker) as JSON, where a function or undefined would silently vanish and a lone
 * surrogate has no UTF-8 form. Returns {pipeline, onProgress, signal} (pipeline {} for undefined).
 */
export function requirePipelineOptions(options, what) {
    if (options === undefined) return { pipeline: {}, onProgress: undefined, signal: undefined };
    if (!isPlainObject(options)) throw invalid(`${what}: options must be an object, got ${describeValue(options)}`);
    const { onProgress, signal, ...pipeline } = options;
    checkCallOptions(options, what);
    checkJson(pipeline, 'options', what);
    return { pipeline, onProgress, signal: signal ?? undefined };
}

function expectOption(ok, what, key, type, value) {
    if (!ok) throw invalid(`${what}: options.${key} must be ${type}, got ${describeValue(value)}`);
}

// The options every long call takes: a progress callback and an AbortSignal.
function checkCallOptions({ onProgress, signal }, what) {
    expectOption(onProgress === undefined || typeof onProgress === 'function', what, 'onProgress', 'a function', onProgress);
    expectOption(signal === undefined || signal === null || (typeof signal === 'object' && typeof signal.aborted === 'boolean' &&
                 typeof signal.addEventListener === 'function' && typeof signal.removeEventListener === 'function'),
                 what, 'signal', 'an AbortSignal', signal);
}

function isPlainObject(v) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
}

function checkJson(v, path, what) {
    const bad = (why) => invalid(`${what}: ${path} ${why}`);
    if (v === null || typeof v === 'boolean') return;
    if (typeof v === 'number') {
        if (!Number.isFinite(v)) throw bad(`must be a finite number, got ${v}`);
        return;
    }
    if (typeof v === 'string') {
        if (hasLoneSurrogate(v)) throw bad('holds a lone UTF-16 surrogate (half of a pair), which has no UTF-8 form');
        return;
    }
    if (Array.isArray(v)) {
        v.forEach((e, i) => checkJson(e, `${path}[${i}]`, what));
        return;
    }
    if (isPlainObject(v)) {
        for (const [k, e] of Object.entries(v)) checkJson(e, `${path}.${k}`, what);
        return;
    }
    throw bad(`must be a JSON value (string, number, boolean, null, array or plain object), got ${describeValue(v)}`);
}

/**
 * The options of classify(): undefined or a plain object with at most maxLength, a whole number of
 * tokens (0: the model's window; the core checks the upper bound). Returns {maxLength}.
 */
export function requireClassifyOptions(options, what) {
    if (options === undefined) return { maxLength: 0 };
    if (!isPlainObject(options)) throw invalid(`${what}: options must be an object, got ${describeValue(options)}`);
    const { maxLength = 0, ...rest } = options;
    const unknown = Object.keys(rest);
    if (unknown.length) throw invalid(`${what}: unknown option '${unknown[0]}' (classify takes maxLength)`);
    expectOption(Number.isSafeInteger(maxLength) && maxLength >= 0, what, 'maxLength', 'a whole number of tokens', maxLength);
    return { maxLength };
}

const LOAD_OPTIONS = ['onProgress', 'signal', 'fetch', 'cache', 'backend', 'numThreads', 'stallTimeoutMs', 'workerUrl'];

/**
 * The options object of load() and loadInWorker(): undefined, null or an object whose known keys
 * have the right types (numThreads is checked where it is resolved). Returns it ({} for none).
 */
export function requireLoadOptions(options, what) {
    if (options === undefined || options === null) return {};
    if (typeof options !== 'object' || Array.isArray(options)) throw invalid(`${what}: options must be an object, got ${describeValue(options)}`);
    const { fetch, cache, backend, workerUrl, stallTimeoutMs } = options;
    // A misspelled option (numthreads, stallTimeout) would be silently left at its default.
    const unknown = Object.keys(options).filter((k) => !LOAD_OPTIONS.includes(k));
    if (unknown.length) throw invalid(`${what}: unknown option '${unknown[0]}' (options are ${LOAD_OPTIONS.join(', ')})`);
    const expect = (ok, key, type, value) => expectOption(ok, what, key, type, value);
    checkCallOptions(options, what);
    expect(fetch === undefined || typeof fetch === 'function', 'fetch', 'a function', fetch);
    expect(cache === undefined || typeof cache === 'boolean', 'cache', 'true or false', cache);
    expect(backend === undefined || (typeof backend === 'string' && backend !== ''), 'backend',
           "a backend's name ('auto', 'wasmrelaxedsimd', 'wasmsimd', 'reference')", backend);
    // setTimeout's limit: a longer delay would fire at once.
    expect(stallTimeoutMs === undefined || (Number.isSafeInteger(stallTimeoutMs) && stallTimeoutMs >= 0 && stallTimeoutMs <= 2 ** 31 - 1),
           'stallTimeoutMs', 'a whole number of milliseconds from 0 (never) to 2147483647', stallTimeoutMs);
    expect(workerUrl === undefined || typeof workerUrl === 'string' || workerUrl instanceof URL, 'workerUrl', 'a string or URL', workerUrl);
    return options;
}
