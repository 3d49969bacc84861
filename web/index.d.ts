// Type declarations of minialbert-web (web/index.js). Checked by tests/web/types.test.js: a strict
// consumer (tests/web/types/) compiles against them, and the objects the runtime returns have
// exactly the keys declared here.
//
// Optional inputs the runtime takes as absent when set to undefined say `| undefined`, so that
// they also type-check under exactOptionalPropertyTypes; tag()/deidentify() pipeline options do
// not, since a key set to undefined is refused there (it cannot travel as JSON); their onProgress
// and signal stay in JS and do.

/** Status names of the core (mab_status_name) plus the codes of the JS layer. */
export type MiniAlbertErrorCode =
    | 'INVALID_ARGUMENT' | 'IO' | 'BAD_CONFIG' | 'BAD_WEIGHTS' | 'BAD_INPUT' | 'NO_HEAD' | 'OUT_OF_MEMORY'
    | 'UNSUPPORTED' | 'ABORTED' | 'BAD_TOKENIZER'
    | 'HTTP' | 'NETWORK' | 'TRUNCATED' | 'DISPOSED' | 'WORKER' | 'WASM_TRAP';

/** What every method rejects with (also in worker mode, where the worker's error is rebuilt on this side). */
export class MiniAlbertError extends Error {
    constructor(code: MiniAlbertErrorCode, message: string, details?: { url?: string; status?: number; cause?: unknown });
    readonly name: 'MiniAlbertError';
    readonly code: MiniAlbertErrorCode;
    /** The file concerned, for fetch and file errors (present only then). */
    readonly url?: string;
    /** The HTTP status, for code 'HTTP' (present only then). */
    readonly status?: number;
}

export type ProgressEvent =
    | { status: 'initiate'; file: string }
    | { status: 'progress'; file: string; loaded: number; total: number; progress: number }
    | { status: 'done'; file: string }
    | { status: 'ready' };

/**
 * Kernel backend. 'auto' takes relaxed SIMD where the engine has it, else SIMD128; 'wasmrelaxedsimd'
 * rejects with UNSUPPORTED where it is missing; 'scalar' and 'scalar-qu7' are the packed scalar
 * kernels (the latter with relaxed SIMD's 7-bit int8 arithmetic); 'reference' the plain loops.
 */
export type Backend = 'auto' | 'wasmrelaxedsimd' | 'wasmsimd' | 'scalar' | 'scalar-qu7' | 'reference';

export interface LoadOptions {
    /** Called per file ('initiate', 'progress', 'done'), then once with 'ready'. */
    onProgress?: ((event: ProgressEvent) => void) | undefined;
    /** Aborts the load; the promise rejects with code 'ABORTED'. */
    signal?: AbortSignal | null | undefined;
    /** The fetch to use (default globalThis.fetch); called with each file's URL. Not available with loadInWorker. */
    fetch?: ((url: string, init: { signal?: AbortSignal | null }) => Promise<Response>) | undefined;
    /**
     * Keep the model files in the Cache API and use them on later loads (works offline). Where the
     * browser refuses the Cache API, the model loads from the network all the same. Default false.
     */
    cache?: boolean | undefined;
    /**
     * Milliseconds a download of a model file or of the build's .wasm may go without a byte (the build's
     * glue script: may take in all; a threads build's pool workers: may go without a word) before the
     * load rejects with code 'NETWORK' ("... stalled: no data for 30 s"). Default 30000; 0 waits for ever.
     */
    stallTimeoutMs?: number | undefined;
    /** Kernel backend. Default 'auto'. */
    backend?: Backend | undefined;
    /**
     * Threads for inference (default env.numThreads, itself 0). 0 = auto: the threads build with
     * min(hardware threads, 4) where shared memory is usable (a cross-origin isolated page or its
     * workers; Node), else one thread with a console.info saying why. 1 = the single-threaded builds.
     * 2..8 = that many threads; rejects with UNSUPPORTED where the threads build cannot run.
     */
    numThreads?: number | undefined;
}

export interface WorkerLoadOptions extends Omit<LoadOptions, 'fetch'> {
    /**
     * The worker script (default: src/worker.js of this package, a same-origin module worker). In Node,
     * a file: URL or a filesystem path.
     */
    workerUrl?: string | URL | undefined;
}

/** What the core made of the model (snake_case, as in config.json). */
export interface ModelInfo {
    vocab_size: number;
    embedding_size: number;
    hidden_size: number;
    num_hidden_layers: number;
    num_attention_heads: number;
    intermediate_size: number;
    max_position_embeddings: number;
    type_vocab_size: number;
    use_adapter: number;
    reduction_factor: number;
    num_labels: number;
    layer_norm_eps: number;
    hidden_act: string;
    head: 'none' | 'token-classification' | 'sequence-classification';
    /** Float parameters used by inference. */
    n_params: number;
    /** Bytes of weights held in wasm memory (the file plus packed copies). */
    weight_bytes: number;
    /** The kernel backend in use ('auto' resolved). */
    backend: Exclude<Backend, 'auto'>;
    /** The wasm build in use. */
    build: 'simd' | 'relaxed' | 'threads' | 'threads-relaxed';
    /** Threads the forward pass uses, the calling thread included. */
    n_threads: number;
    /** The int8 GEMM micro-kernel of an int8 model's layers (e.g.
     *  'qs8-qu7-gemm-4x8c4-wasmrelaxedsimd-dotadd'), null for an f32 model. */
    int8_gemm: string | null;
}

export interface Tokenization {
    tokens: string[];
    ids: number[];
    /** [begin, end) of each token in the text, in UTF-16 code units (JS string indices). */
    offsets: [number, number][];
    /** Index of the word (after whitespace/punctuation splitting) each token comes from. */
    wordIds: number[];
}

/**
 * Rows ([batch][seqLen], padded to one length), or a flat array or integer typed array: one row, or
 * with `dims` the rows one after another. Every value must be an integer that int32 holds (BAD_INPUT
 * otherwise); bigints count.
 */
export type IdsInput =
    | readonly (readonly (number | bigint)[])[]
    | readonly (number | bigint)[]
    | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array
    | BigInt64Array | BigUint64Array;

export interface ForwardInputs {
    inputIds: IdsInput;
    /** Default: all ones. Any form, in the shape of inputIds. */
    attentionMask?: IdsInput | null | undefined;
    /** Default: all zeros. Any form, in the shape of inputIds. */
    tokenTypeIds?: IdsInput | null | undefined;
    /** [batch, seqLen]: cuts a flat input into rows; rows must already have this shape (BAD_INPUT otherwise). */
    dims?: readonly [batch: number, seqLen: number] | null | undefined;
}

export interface ForwardOutput {
    logits: Float32Array;
    /** [batch, seqLen, numLabels] (token classification) or [batch, numLabels] (sequence classification). */
    dims: [batch: number, seqLen: number, numLabels: number] | [batch: number, numLabels: number];
}

/** Where an entity comes from: the model's label, the rule family, or the deny-list entry. */
export type EntitySource = `model:${string}` | `rule:${string}` | `deny-list:${string}`;

export interface Entity {
    /** NAME, DATE, AGE, LOCATION, CONTACT, ID, PROFESSION, or the model's own tag. */
    type: string;
    /** PATIENT, DOCTOR, HOSPITAL, PHONE, ... (= type when nothing finer). */
    subtype: string;
    /** [start, end) in the text, in UTF-16 code units (or code points with offsets: 'codepoints'). */
    start: number;
    end: number;
    text: string;
    /** Softmax probability (model), the rule's confidence, 1 for the deny-list. */
    score: number;
    source: EntitySource;
}

/** The rule recognizers tag() can run. */
export type RuleFamily = 'phone' | 'email' | 'url' | 'ip' | 'ssn' | 'id' | 'date' | 'zip' | 'age' | 'name' | 'repeat' | 'address' | 'street' | 'organization' | 'city' | 'profession' | 'room' | 'table';

/** Options of the core's tagging pipeline (minialbert.h, mab_tag_json). Unknown keys are an error. */
export interface TagOptions {
    /** How token labels become entities (default 'first'); 'simple' groups tokens by B-/I-. */
    aggregation?: 'none' | 'simple' | 'first' | 'average' | 'max';
    /** Tokens per window, [CLS]/[SEP] included (default: the model's maximum). */
    maxLength?: number;
    /** Tokens shared by neighbouring windows (default: a quarter of a window). */
    stride?: number;
    /** Labels (aggregation 'none') or group tags (the others) dropped (default ['O']); one that is not what the aggregation compares is INVALID_ARGUMENT ('O' is always taken). */
    ignoreLabels?: readonly string[];
    /** Run the model (default true); false: rules and lists only. */
    model?: boolean;
    /** Rule recognizers: true (default, all), false, or a list of families. */
    rules?: boolean | readonly RuleFamily[];
    /** 03/04/2021 is 3 April (default false: 4 March). */
    dayFirst?: boolean;
    /** Model entities scoring below are dropped (default 0). */
    minScore?: number;
    /** Phrases or /regex/(i) never flagged. */
    allowList?: readonly string[];
    /** '[TYPE[/SUBTYPE]: ] phrase' or /regex/(i), always flagged. */
    denyList?: readonly string[];
    /** Unit of start/end (default 'utf16', JS string indices). */
    offsets?: 'utf16' | 'codepoints';
    /** Called after each model window (not sent to the core). */
    onProgress?: ((event: TagProgressEvent) => void) | undefined;
    /** Cancels the call before its next window; it rejects with code 'ABORTED' (not sent to the core). */
    signal?: AbortSignal | null | undefined;
}

/** Progress of one tag() or deidentify() call: model windows run, of all, and as a percentage. */
export interface TagProgressEvent {
    done: number;
    total: number;
    progress: number;
}

/** What deidentify() does with an entity; 'keep' leaves it as it is. */
export type DeidOperator = 'redact' | 'mask' | 'tag' | 'surrogate' | 'dateshift' | 'keep';

/** Options of mab_deidentify_json: tag()'s options plus the operators. */
export interface DeidOptions extends TagOptions {
    /** One operator for every type, one per type or type/subtype ({NAME: 'surrogate', 'ID/SSN': 'mask',
     *  default: 'tag'}), or the same as a string ('NAME=surrogate,default=tag'). */
    operators?: string | Readonly<Record<string, DeidOperator>>;
    /** Secret that makes surrogates and date shifts the same across documents. */
    key?: string;
    /** Character used by 'mask' (default '*'). */
    maskChar?: string;
    /** Largest date shift in days. */
    maxShiftDays?: number;
}

export interface Replacement {
    type: string;
    subtype: string;
    operator: DeidOperator;
    /** [start, end) in the original text. */
    start: number;
    end: number;
    /** [newStart, newEnd) in the new text. */
    newStart: number;
    newEnd: number;
    original: string;
    replacement: string;
    score: number;
    source: EntitySource;
}

export interface MemoryStats {
    /** Bytes malloc'd in wasm memory. */
    heapBytes: number;
    /** Size of wasm memory (it never shrinks). */
    memoryBytes: number;
}

export interface ClassifyOptions {
    /** Tokens of the window, [CLS]/[SEP] included (default 0: the model's maximum). */
    maxLength?: number;
}

/** Every label with its score, best first; the array also says how much of the text was read. */
export type Classification = { label: string; score: number }[] & {
    /** Tokens of the whole text ([CLS]/[SEP] not counted). */
    tokens: number;
    /** Of those, the ones the model read: fewer when the text was cut to the window. */
    tokensRead: number;
};

/** What load() and loadInWorker() both return; MiniAlbertModel and WorkerModel say which of memoryStats
 *  and dispose are synchronous. */
export interface Model {
    /** config.json as loaded. */
    readonly config: Record<string, unknown>;
    /** id2label as an array indexed by label id. */
    readonly labels: string[];
    /** A plain property, set when the load resolves. */
    readonly info: ModelInfo;
    /** The longest window the model takes, [CLS] and [SEP] included. */
    readonly maxLength: number;
    tokenize(text: string): Promise<Tokenization>;
    forward(inputs: ForwardInputs): Promise<ForwardOutput>;
    /** Token classification through the core's pipeline; long text runs in overlapping windows. */
    tag(text: string, options?: TagOptions): Promise<{ entities: Entity[] }>;
    /** The text with its entities rewritten by the operators, and the list of replacements. */
    deidentify(text: string, options?: DeidOptions): Promise<{ text: string; replacements: Replacement[] }>;
    /** Sequence classification as transformers' pipeline: every label with its score, best first
     *  (a softmax; one sigmoid per label for a multi-label or one-label model). A text longer than
     *  the window is cut to it: `tokensRead < tokens` says so. */
    classify(text: string, options?: ClassifyOptions): Promise<Classification>;
    memoryStats(): MemoryStats | Promise<MemoryStats>;
    /** Frees the model (and ends the worker of loadInWorker). */
    dispose(): void | Promise<void>;
}

/** The model of load(): every member of Model (merged in from the interface below), with memoryStats
 *  and dispose synchronous because it runs in this thread. */
export class MiniAlbertModel implements Model {
    private constructor();
    memoryStats(): MemoryStats;
    dispose(): void;
}
export interface MiniAlbertModel extends Model {}

/** The model of loadInWorker() (no runtime class is exported): memoryStats and dispose go to the worker. */
export interface WorkerModel extends Model {
    memoryStats(): Promise<MemoryStats>;
    /** Ends the worker too, also when freeing fails. */
    dispose(): Promise<void>;
}

/** Runtime flags, read when a wasm build is first instantiated. */
export const env: {
    /**
     * Folder (URL; in Node also a filesystem path) holding minialbert-{simd,relaxed,threads,threads-relaxed}.*;
     * default: dist/ beside web/index.js.
     */
    wasmPaths: string;
    /** LoadOptions.numThreads when a load does not give it: 0 = auto (default), 1 = no threads, N = N threads. */
    numThreads: number;
};

/** The embedded default de-identification model (models/deid-minialbert-small/ of this package). */
export const DEFAULT_MODEL_URL: string;

/**
 * Loads a model directory (URL, or in Node a filesystem path): config.json, tokenizer files, model.safetensors.
 * Without baseUrl (undefined or null): the embedded default model, DEFAULT_MODEL_URL.
 */
export function load(baseUrl?: string | URL | null, options?: LoadOptions | null): Promise<MiniAlbertModel>;

/** load() inside a dedicated worker; the page never blocks. Without baseUrl: the default model. */
export function loadInWorker(baseUrl?: string | URL | null, options?: WorkerLoadOptions | null): Promise<WorkerModel>;
