// Type declarations of minialbert-web (web/index.js).

/** Status names of the core (mab_status_name) plus the codes of the JS layer. */
export type MiniAlbertErrorCode =
    | 'INVALID_ARGUMENT' | 'IO' | 'BAD_CONFIG' | 'BAD_WEIGHTS' | 'BAD_INPUT' | 'NO_HEAD' | 'OUT_OF_MEMORY'
    | 'UNSUPPORTED' | 'ABORTED' | 'BAD_TOKENIZER'
    | 'HTTP' | 'NETWORK' | 'TRUNCATED' | 'DISPOSED' | 'WORKER' | 'WASM_TRAP';

export class MiniAlbertError extends Error {
    readonly name: 'MiniAlbertError';
    readonly code: MiniAlbertErrorCode;
    /** The file concerned, for fetch and file errors. */
    readonly url?: string;
    /** The HTTP status, for code 'HTTP'. */
    readonly status?: number;
}

export type ProgressEvent =
    | { status: 'initiate'; file: string }
    | { status: 'progress'; file: string; loaded: number; total: number; progress: number }
    | { status: 'done'; file: string }
    | { status: 'ready' };

export type Backend = 'auto' | 'wasmrelaxedsimd' | 'wasmsimd' | 'reference';

export interface LoadOptions {
    /** Called per file ('initiate', 'progress', 'done'), then once with 'ready'. */
    onProgress?: (event: ProgressEvent) => void;
    /** Aborts the load; the promise rejects with code 'ABORTED'. */
    signal?: AbortSignal;
    /** The fetch to use (default globalThis.fetch). Not available with loadInWorker. */
    fetch?: typeof fetch;
    /** Keep the model files in the Cache API and use them on later loads (works offline). Default false. */
    cache?: boolean;
    /** Kernel backend; 'auto' takes relaxed SIMD where the engine has it. Default 'auto'. */
    backend?: Backend;
    /**
     * Threads for inference (default env.numThreads, itself 0). 0 = auto: the threads build with
     * min(hardware threads, 4) where shared memory is usable (a cross-origin isolated page or its
     * workers; Node), else one thread with a console.info saying why. 1 = the single-threaded builds.
     * 2..8 = that many threads; rejects with UNSUPPORTED where the threads build cannot run.
     */
    numThreads?: number;
}

export interface WorkerLoadOptions extends Omit<LoadOptions, 'fetch'> {
    /** The worker script (default: src/worker.js of this package, a same-origin module worker). */
    workerUrl?: string | URL;
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
    /** The kernel backend in use. */
    backend: string;
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

/** number[][] ([batch][seqLen]), number[] (batch 1), or a typed array with `dims`. */
export type IdsInput = number[][] | number[] | Int32Array | BigInt64Array | Uint32Array;

export interface ForwardInputs {
    inputIds: IdsInput;
    /** Default: all ones. */
    attentionMask?: IdsInput | null;
    /** Default: all zeros. */
    tokenTypeIds?: IdsInput | null;
    /** [batch, seqLen], for typed-array inputs. */
    dims?: [number, number] | null;
}

export interface ForwardOutput {
    logits: Float32Array;
    /** [batch, seqLen, numLabels] (token classification) or [batch, numLabels] (sequence classification). */
    dims: number[];
}

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
    /** 'model:<label>', 'rule:<name>' or 'deny-list:<entry>'. */
    source: string;
}

/** Options of the core's tagging pipeline (minialbert.h, mab_tag_json). Unknown keys are an error. */
export interface TagOptions {
    /** How token labels become entities (default 'first'); 'simple' groups tokens by B-/I-. */
    aggregation?: 'none' | 'simple' | 'first' | 'average' | 'max';
    /** Tokens per window, [CLS]/[SEP] included (default: the model's maximum). */
    maxLength?: number;
    /** Tokens shared by neighbouring windows (default: a quarter of a window). */
    stride?: number;
    /** Labels or group tags dropped (default ['O']). */
    ignoreLabels?: string[];
    /** Run the model (default true); false: rules and lists only. */
    model?: boolean;
    /** Rule recognizers: true (default, all), false, or a list: phone, email, url, ip, ssn, id, date, zip, age. */
    rules?: boolean | string[];
    /** 03/04/2021 is 3 April (default false: 4 March). */
    dayFirst?: boolean;
    /** Model entities scoring below are dropped (default 0). */
    minScore?: number;
    /** Phrases or /regex/(i) never flagged. */
    allowList?: string[];
    /** '[TYPE[/SUBTYPE]: ] phrase' or /regex/(i), always flagged. */
    denyList?: string[];
    /** Unit of start/end (default 'utf16', JS string indices). */
    offsets?: 'utf16' | 'codepoints';
}

/** Options of mab_deidentify_json: tag()'s options plus the operators. */
export interface DeidOptions extends TagOptions {
    /** One operator for every type ('redact' | 'mask' | 'tag' | 'surrogate' | 'dateshift'), or one per
     *  type or type/subtype: {NAME: 'surrogate', 'ID/SSN': 'mask', default: 'tag'}. */
    operators?: string | Record<string, string>;
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
    operator: string;
    /** [start, end) in the original text. */
    start: number;
    end: number;
    /** [newStart, newEnd) in the new text. */
    newStart: number;
    newEnd: number;
    original: string;
    replacement: string;
    score: number;
    source: string;
}

export interface MemoryStats {
    /** Bytes malloc'd in wasm memory. */
    heapBytes: number;
    /** Size of wasm memory (it never shrinks). */
    memoryBytes: number;
}

export interface Model {
    /** config.json as loaded. */
    readonly config: Record<string, unknown>;
    /** id2label as an array indexed by label id. */
    readonly labels: string[];
    readonly info: ModelInfo;
    /** The longest window the model takes, [CLS] and [SEP] included. */
    readonly maxLength: number;
    tokenize(text: string): Promise<Tokenization>;
    forward(inputs: ForwardInputs): Promise<ForwardOutput>;
    /** Token classification through the core's pipeline; long text runs in overlapping windows. */
    tag(text: string, options?: TagOptions): Promise<{ entities: Entity[] }>;
    /** The text with its entities rewritten by the operators, and the list of replacements. */
    deidentify(text: string, options?: DeidOptions): Promise<{ text: string; replacements: Replacement[] }>;
    /** Sequence classification: every label with its probability, best first. */
    classify(text: string): Promise<{ label: string; score: number }[]>;
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

/** Runtime flags, read when a wasm build is first instantiated. */
export const env: {
    /** Folder (URL) holding minialbert-{simd,relaxed,threads,threads-relaxed}.*; default: dist/ beside web/index.js. */
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
export function load(baseUrl?: string | URL | null, options?: LoadOptions): Promise<MiniAlbertModel>;

/** load() inside a dedicated worker; the page never blocks. Without baseUrl: the default model. */
export function loadInWorker(baseUrl?: string | URL | null, options?: WorkerLoadOptions): Promise<Model>;
