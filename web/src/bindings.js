// bindings.js: the only file that touches the wasm module (Module._mab_*). It picks and instantiates
// one of the two builds, moves bytes in and out of wasm memory, and turns every non-OK mab_status
// into a MiniAlbertError carrying the core's status name and message.
import { MiniAlbertError } from './errors.js';

/** Runtime flags, read when a build is first instantiated. */
export const env = {
    /** Folder (URL) holding minialbert-{simd,relaxed}.{js,wasm}; by default web/dist/ beside this package. */
    wasmPaths: new URL('../dist/', import.meta.url).href,
};

const IS_NODE = typeof process === 'object' && typeof process.versions?.node === 'string';

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
 * The runtime for a core backend name. 'wasmrelaxedsimd' needs the relaxed build; 'auto' uses it
 * when the engine supports relaxed SIMD and the build compiles here, else the SIMD128 build; every
 * other backend runs in the SIMD128 build. One instance of each build is shared by all models.
 */
export async function openRuntime(backend) {
    if (backend === 'wasmrelaxedsimd' && !relaxedSimdSupported()) {
        throw new MiniAlbertError('UNSUPPORTED', "backend 'wasmrelaxedsimd' needs relaxed SIMD, which this " +
            'JavaScript engine does not support; use "auto" or "wasmsimd"');
    }
    if ((backend === 'auto' || backend === 'wasmrelaxedsimd') && relaxedSimdSupported()) {
        try {
            return await runtimeFor('relaxed');
        } catch (e) {
            // A relaxed build this engine cannot compile (its relaxed opcodes differ from the ones
            // the engine ships) still leaves the SIMD128 build for 'auto'.
            if (backend !== 'auto' || !(e.cause instanceof WebAssembly.CompileError)) throw e;
        }
    }
    return runtimeFor('simd');
}

function runtimeFor(build) {
    if (!runtimes.has(build)) {
        // A failed instantiation is forgotten, so a later load tries again.
        runtimes.set(build, instantiate(build).catch((e) => {
            runtimes.delete(build);
            throw e;
        }));
    }
    return runtimes.get(build);
}

async function instantiate(build) {
    const base = new URL(env.wasmPaths, globalThis.location?.href);
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    const glueUrl = new URL(`minialbert-${build}.js`, base);
    const wasmUrl = new URL(`minialbert-${build}.wasm`, base);
    let createMiniAlbert;
    let wasm;
    try {
        [{ default: createMiniAlbert }, wasm] = await Promise.all([import(glueUrl.href), compile(wasmUrl)]);
    } catch (e) {
        if (e instanceof MiniAlbertError) throw e;
        const code = e instanceof WebAssembly.CompileError ? 'UNSUPPORTED' : 'NETWORK';
        throw new MiniAlbertError(code, `cannot load the ${build} build from ${base.href} (set env.wasmPaths ` +
            `to the folder holding minialbert-${build}.{js,wasm}): ${e.message}`, { url: base.href, cause: e });
    }
    // The glue is handed the compiled module, so it never fetches or reads a file itself.
    const M = await createMiniAlbert({
        instantiateWasm(imports, receive) {
            WebAssembly.instantiate(wasm, imports).then((instance) => receive(instance, wasm));
            return {};
        },
    });
    return new Runtime(M, build);
}

async function compile(url) {
    if (IS_NODE && url.protocol === 'file:') {
        const { readFile } = await import('node:fs/promises');
        return WebAssembly.compile(await readFile(url));
    }
    const response = await fetch(url);
    if (!response.ok) {
        throw new MiniAlbertError('HTTP', `fetching ${url.href} failed: HTTP ${response.status}`, { url: url.href, status: response.status });
    }
    if (typeof WebAssembly.compileStreaming === 'function' &&
        (response.headers.get('content-type') || '').startsWith('application/wasm')) {
        return WebAssembly.compileStreaming(response);
    }
    return WebAssembly.compile(await response.arrayBuffer());
}

const utf8 = new TextEncoder();

class Runtime {
    constructor(M, build) {
        this.M = M;
        this.build = build; // 'simd' or 'relaxed'
    }

    /** Allocation in wasm memory for fetch.js, which streams the weights into it. */
    heap() {
        const M = this.M;
        return { alloc: (n) => M._malloc(n), free: (ptr) => M._free(ptr), bytes: () => M.HEAPU8 };
    }

    /** Bytes currently malloc'd, and the size of wasm memory (which never shrinks). */
    memoryStats() {
        return { heapBytes: this.M._mab_wasm_heap_bytes() >>> 0, memoryBytes: this.M.HEAPU8.length };
    }

    // Throws the core's last error as a MiniAlbertError when status is not OK.
    check(status, context) {
        if (status === 0) return;
        const M = this.M;
        const code = M.UTF8ToString(M._mab_status_name(status));
        const message = M.UTF8ToString(M._mab_last_error());
        throw new MiniAlbertError(code, context ? `${context}: ${message}` : message);
    }

    // Copies bytes (plus a NUL) into wasm memory; the caller frees.
    copyIn(bytes) {
        const ptr = this.M._malloc(bytes.length + 1);
        if (!ptr) throw new MiniAlbertError('OUT_OF_MEMORY', `cannot allocate ${bytes.length + 1} bytes in wasm memory`);
        this.M.HEAPU8.set(bytes, ptr);
        this.M.HEAPU8[ptr + bytes.length] = 0;
        return ptr;
    }

    // Runs fn(pointers) with each argument copied into wasm memory, and frees them afterwards.
    withBuffers(args, fn) {
        const ptrs = [];
        try {
            for (const a of args) ptrs.push(a === null ? 0 : this.copyIn(typeof a === 'string' ? utf8.encode(a) : a));
            return fn(...ptrs);
        } finally {
            for (const p of ptrs) if (p) this.M._free(p);
        }
    }

    /**
     * Loads a model. weights.ptr must come from heap().alloc; the core owns it from here on (and
     * frees it on failure too).
     */
    loadModel(configBytes, weights, name, backend) {
        const M = this.M;
        const model = this.withBuffers([configBytes, name, backend, new Uint8Array(4)], (config, namePtr, backendPtr, out) => {
            const status = M._mab_wasm_model_load(config, configBytes.length, weights.ptr, weights.size, namePtr, backendPtr, out);
            this.check(status, `loading ${name}`);
            return M.HEAPU32[out >> 2];
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
                return M.HEAPU32[out >> 2];
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
            return M.HEAPU32[out >> 2];
        });
    }

    /** mab_tag_json: {entities: [...]} for `text`, with the pipeline options as a JSON object. */
    tag(text, options) {
        const M = this.runtime.M;
        return this._call('tag', M._mab_tag_json, M._mab_tag_result_json, M._mab_tag_result_free, text, options);
    }

    /** mab_deidentify_json: {text, replacements: [...]} for `text`, options as mab_tag_json's plus operators. */
    deidentify(text, options) {
        const M = this.runtime.M;
        return this._call('deidentify', M._mab_deidentify_json, M._mab_deid_result_json, M._mab_deid_result_free,
                          text, options);
    }

    // Runs one JSON-in, JSON-out pipeline call and frees its result.
    _call(what, run, resultJson, resultFree, text, options) {
        const rt = this.runtime;
        const M = rt.M;
        const textBytes = utf8.encode(text);
        const optionBytes = utf8.encode(JSON.stringify(options));
        return rt.withBuffers([textBytes, optionBytes, new Uint8Array(4)], (textPtr, optionsPtr, out) => {
            rt.check(run(this.ptr, textPtr, textBytes.length, optionsPtr, optionBytes.length, out), what);
            const result = M.HEAPU32[out >> 2];
            try {
                return JSON.parse(M.UTF8ToString(resultJson(result)));
            } finally {
                resultFree(result);
            }
        });
    }

    free() {
        this.runtime.M._mab_tagger_free(this.ptr);
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
            const enc = M.HEAPU32[out >> 2];
            try {
                return readEncoding(M, enc);
            } finally {
                M._mab_encoding_free(enc);
            }
        });
    }

    free() {
        this.runtime.M._mab_tokenizer_free(this.ptr);
        this.ptr = 0;
    }
}

// Copies everything out of a mab_encoding into plain JS values.
function readEncoding(M, enc) {
    const ints = (ptr, n) => (n === 0 ? new Int32Array(0) : M.HEAP32.slice(ptr >> 2, (ptr >> 2) + n));
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
                return new Float32Array(M.HEAPU8.slice(logits, logits + outputSize * 4).buffer);
            });
    }

    free() {
        this.runtime.M._mab_model_free(this.ptr);
        this.ptr = 0;
    }
}
