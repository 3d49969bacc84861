// model.js: what load() returns. Wraps one model and its tokenizer in wasm memory; the methods are
// async so the same API can run in a worker (worker.js) without changing callers.
import { describeValue, hasLoneSurrogate, requireClassifyOptions, requirePipelineOptions, requireText } from './arguments.js';
import { MiniAlbertError, abortError } from './errors.js';
import { WasmTagger } from './bindings.js';

const HEAD_TOKEN_CLASSIFICATION = 1;
const HEAD_SEQUENCE_CLASSIFICATION = 2;
const HEAD_NAMES = ['none', 'token-classification', 'sequence-classification'];

export class MiniAlbertModel {
    /** @internal Use load(). */
    constructor(runtime, model, tokenizer, configBytes, config) {
        this._runtime = runtime;
        this._model = model;
        this._tokenizer = tokenizer;
        const info = model.info();
        // Made here, so that a bad tagger part of config.json (label_types, min_scores) fails the
        // load, not the first tag().
        this._tagger = info.head === HEAD_TOKEN_CLASSIFICATION ? new WasmTagger(model, tokenizer, configBytes) : null;
        /** config.json as loaded. */
        this.config = config;
        /** id2label, as an array indexed by label id. */
        this.labels = Array.from({ length: info.num_labels }, (_, i) => model.label(i));
        this._jobs = new Set(); // tag()/deidentify() calls between two windows, freed by dispose()
        /** What the core made of it: sizes, head, parameter count, bytes of weights, backend in use. */
        this.info = { ...info, head: HEAD_NAMES[info.head], build: runtime.build };
        const tok = tokenizer.info();
        // The longest window the model takes: its position table, or less if the tokenizer says so.
        this.maxLength = tok.model_max_length > 0 ? Math.min(tok.model_max_length, info.max_position_embeddings)
                                                  : info.max_position_embeddings;
    }

    /**
     * BertTokenizer.tokenize (no [CLS]/[SEP]), with [begin, end) offsets into `text` in UTF-16 code
     * units (JS string indices) and the index of the word each token belongs to.
     */
    async tokenize(text) {
        const enc = this._live()._tokenizer.tokenize(requireText(text, 'tokenize'));
        return { tokens: enc.tokens, ids: Array.from(enc.ids), offsets: pairs(enc.offsets), wordIds: Array.from(enc.wordIds) };
    }

    /**
     * Runs the model on a right-padded batch. Each input is number[][] ([batch][seqLen]), or a flat
     * number[] or typed array: one sequence, or with `dims: [batch, seqLen]` the rows one after
     * another. attentionMask and tokenTypeIds take the shape of inputIds; they default to all ones
     * and all zeros.
     * @returns {{logits: Float32Array, dims: number[]}} [batch, seqLen, numLabels] or [batch, numLabels]
     */
    async forward(inputs) {
        this._live();
        if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) {
            throw new MiniAlbertError('INVALID_ARGUMENT', `forward: expected {inputIds, attentionMask?, tokenTypeIds?, dims?}, got ${describeValue(inputs)}`);
        }
        const { inputIds, attentionMask = null, tokenTypeIds = null, dims = null } = inputs;
        if (dims !== null && !(Array.isArray(dims) && dims.length === 2 && dims.every((d) => Number.isSafeInteger(d) && d > 0))) {
            throw new MiniAlbertError('BAD_INPUT', `forward: dims must be [batch, seqLen], two positive integers, got ${JSON.stringify(dims) ?? describeValue(dims)}`);
        }
        const ids = toInt32Batch(inputIds, dims, 'inputIds', 'dims');
        const [batch, seqLen] = ids.dims;
        const mask = attentionMask === null ? null : toInt32Batch(attentionMask, ids.dims, 'attentionMask', 'the shape of inputIds');
        const types = tokenTypeIds === null ? null : toInt32Batch(tokenTypeIds, ids.dims, 'tokenTypeIds', 'the shape of inputIds');
        const outDims = this._outputDims(batch, seqLen);
        const logits = this._model.forward(ids.data, mask && mask.data, types && types.data, batch, seqLen,
            outDims.reduce((a, b) => a * b, 1));
        return { logits, dims: outDims };
    }

    /**
     * Named entities in `text`, from the core's tagging pipeline: the model's token labels decoded as
     * transformers' TokenClassificationPipeline does, long text in overlapping windows, plus rule
     * recognizers and allow/deny lists. Offsets are into `text` (UTF-16 code units). `options` are
     * the pipeline's (minialbert.h, mab_tag_json): e.g. {aggregation: 'simple', rules: false} is the
     * plain BIO decoding of the argmax labels; and for this call, onProgress ({done, total, progress}
     * after each model window) and signal (an AbortSignal: the call rejects with ABORTED before the
     * next window). Between windows the thread is free: the page stays responsive on a long note.
     * @returns {{entities: {type: string, subtype: string, start: number, end: number, text: string,
     *            score: number, source: string}[]}}
     */
    async tag(text, options) {
        text = requireText(text, 'tag');
        const { pipeline, onProgress, signal } = requirePipelineOptions(options, 'tag');
        return quoteTagged(text, pipeline, await this._runJob('tag', text, pipeline, onProgress, signal));
    }

    /**
     * De-identifies `text` with the core's pipeline (mab_deidentify_json): the entities tag() finds,
     * rewritten with an operator per type (redact, mask, tag, surrogate, dateshift). Options are
     * tag()'s (onProgress and signal included) plus operators ({NAME: 'surrogate', DATE: 'dateshift',
     * default: 'tag'}), key (surrogates and date shifts stay the same across documents with the same
     * key), maskChar, maxShiftDays.
     * @returns {{text: string, replacements: {type: string, subtype: string, operator: string,
     *            start: number, end: number, newStart: number, newEnd: number, original: string,
     *            replacement: string, score: number, source: string}[]}}
     */
    async deidentify(text, options) {
        text = requireText(text, 'deidentify');
        const { pipeline, onProgress, signal } = requirePipelineOptions(options, 'deidentify');
        return quoteDeidentified(text, pipeline, await this._runJob('deidentify', text, pipeline, onProgress, signal));
    }

    // One tag or de-identification, a model window at a time. Before every window but the first the
    // call gives the thread back (the page can render, a worker can read an abort message), then
    // checks that it may go on.
    async _runJob(what, text, options, onProgress, signal) {
        if (signal?.aborted) throw abortError(signal, what);
        const job = this._taggerFor(what).begin(what, text, options);
        this._jobs.add(job);
        try {
            while (job.done < job.total) {
                if (job.done > 0) {
                    await nextTask();
                    this._live();
                    if (signal?.aborted) throw abortError(signal, what);
                }
                job.step();
                onProgress?.({ done: job.done, total: job.total, progress: (100 * job.done) / job.total });
            }
            this._live(); // the last onProgress may have disposed the model, and the job with it
            return job.finish();
        } finally {
            this._jobs.delete(job);
            job.free();
        }
    }

    _taggerFor(what) {
        this._live()._requireHead(HEAD_TOKEN_CLASSIFICATION, what);
        return this._tagger;
    }

    /**
     * Sequence classification of `text`, as transformers' TextClassificationPipeline with truncation:
     * "[CLS] text [SEP]" cut to one window (options.maxLength tokens, default the model's), then a
     * softmax over the labels, or one sigmoid per label for a multi-label or one-label model.
     * @returns {{label: string, score: number}[]} every label, best first, with `tokens` (the text's)
     *          and `tokensRead` (the ones the model read) on the array
     */
    async classify(text, options) {
        this._live()._requireHead(HEAD_SEQUENCE_CLASSIFICATION, 'classify');
        const { maxLength } = requireClassifyOptions(options, 'classify');
        // Checked here, in the option's own name (the core says max_length).
        if (maxLength > this.maxLength) {
            throw new MiniAlbertError('INVALID_ARGUMENT', `classify: options.maxLength must be a whole number of tokens from 0 ` +
                `(the model's window) to ${this.maxLength}, got ${maxLength}`);
        }
        const { scores, tokens, tokensRead } = this._model.classify(this._tokenizer, requireText(text, 'classify'), maxLength,
            this.labels.length);
        const ranked = this.labels.map((label, i) => ({ label, score: scores[i] })).sort((a, b) => b.score - a.score);
        return Object.assign(ranked, { tokens, tokensRead });
    }

    /** Bytes malloc'd in wasm memory and the size of wasm memory (shared by every model of this build). */
    memoryStats() {
        return this._runtime.memoryStats();
    }

    /** Frees the model and its tokenizer. Later calls, and calls between two windows, reject with code DISPOSED. */
    dispose() {
        if (!this._model) return;
        for (const job of this._jobs) job.free();
        this._tagger?.free();
        this._model.free();
        this._tokenizer.free();
        this._model = null;
        this._tokenizer = null;
        this._tagger = null;
    }

    _live() {
        if (!this._model) throw new MiniAlbertError('DISPOSED', 'this model was disposed');
        return this;
    }

    _requireHead(head, what) {
        if (this.info.head !== HEAD_NAMES[head]) {
            throw new MiniAlbertError('NO_HEAD', `${what}() needs a ${HEAD_NAMES[head]} model; this one has head '${this.info.head}'`);
        }
    }

    _outputDims(batch, seqLen) {
        if (this.info.head === HEAD_NAMES[HEAD_TOKEN_CLASSIFICATION]) return [batch, seqLen, this.labels.length];
        if (this.info.head === HEAD_NAMES[HEAD_SEQUENCE_CLASSIFICATION]) return [batch, this.labels.length];
        throw new MiniAlbertError('NO_HEAD', 'forward() returns logits, and this model has no classification head');
    }
}

// A task, not a microtask, so that input, rendering and messages get their turn; a MessageChannel
// has no 4 ms clamp, as nested setTimeouts have. Node has setImmediate for the same.
function nextTask() {
    if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => {
        const { port1, port2 } = new MessageChannel();
        port1.onmessage = () => {
            port1.close();
            resolve();
        };
        port2.postMessage(null);
    });
}

// The core reads text as UTF-8, where a lone surrogate has no form (the encoder writes U+FFFD in
// its place, one unit as well, so offsets still hold). Where the text has one, the strings that
// quote it are cut again from the caller's own text, so that an entity's text is the text at its
// offsets and nothing outside a replacement differs from the input.
function slicerOf(text, offsets) {
    if (offsets !== 'codepoints') return { cut: (b, e) => text.slice(b, e), length: text.length };
    const cps = Array.from(text);
    return { cut: (b, e) => cps.slice(b, e).join(''), length: cps.length };
}

function quoteTagged(text, options, result) {
    if (!hasLoneSurrogate(text)) return result;
    const { cut } = slicerOf(text, options.offsets);
    for (const e of result.entities) e.text = cut(e.start, e.end);
    return result;
}

function quoteDeidentified(text, options, result) {
    if (!hasLoneSurrogate(text)) return result;
    const { cut, length } = slicerOf(text, options.offsets);
    let out = '', prev = 0;
    for (const r of result.replacements) {
        r.original = cut(r.start, r.end);
        if (r.operator === 'keep') r.replacement = r.original;
        out += cut(prev, r.start) + r.replacement;
        prev = r.end;
    }
    result.text = out + cut(prev, length);
    return result;
}

function pairs(flat) {
    const out = new Array(flat.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = [flat[2 * i], flat[2 * i + 1]];
    return out;
}

// number[][] / number[] / typed array -> {data: Int32Array, dims: [batch, seqLen]}. `shape` (null or
// [batch, seqLen], named `shapeName` in messages) is the shape the input must have: a flat input is
// cut into rows of it, rows must have it already. Without it, rows give their own shape and a flat
// input is one row. Every value must be an integer that int32 holds: NaN, 100.7 or 2**32 + 5 would
// otherwise become some other token id without a word.
function toInt32Batch(x, shape, name, shapeName) {
    const bad = (why) => new MiniAlbertError('BAD_INPUT', `forward: ${name} ${why}`);
    const int32 = (v, where) => {
        if (typeof v === 'bigint' ? v >= -(2n ** 31n) && v < 2n ** 31n : Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31) return Number(v);
        throw bad(`${where} is ${describeValue(v)}, expected an integer`);
    };
    if (!(Array.isArray(x) || ArrayBuffer.isView(x)) || x instanceof DataView) {
        throw bad(`must be an array of rows, an array of ids or a typed array, got ${describeValue(x)}`);
    }
    if (!Array.isArray(x[0])) {
        const [batch, seqLen] = shape || [1, x.length];
        if (batch * seqLen !== x.length) throw bad(`has ${x.length} values, expected ${batch}×${seqLen} (${shapeName})`);
        const data = new Int32Array(x.length);
        for (let i = 0; i < x.length; i++) data[i] = int32(x[i], `[${i}]`);
        return { data, dims: [batch, seqLen] };
    }
    const seqLen = x[0].length;
    if (shape && (shape[0] !== x.length || shape[1] !== seqLen)) {
        throw bad(`is ${x.length}×${seqLen} as rows, expected ${shape[0]}×${shape[1]} (${shapeName}); only a flat array or ` +
            'typed array is cut into rows');
    }
    const data = new Int32Array(x.length * seqLen);
    // A for loop, not forEach, which would skip a missing row ([[2, 3], , [4, 5]]) and leave it zeros.
    for (let b = 0; b < x.length; b++) {
        const row = x[b];
        if (!Array.isArray(row) || row.length !== seqLen) {
            throw bad(`row ${b} has ${Array.isArray(row) ? row.length : 'no'} values, expected ${seqLen} (rows must be padded to one length)`);
        }
        for (let i = 0; i < seqLen; i++) data[b * seqLen + i] = int32(row[i], `[${b}][${i}]`);
    }
    return { data, dims: [x.length, seqLen] };
}
