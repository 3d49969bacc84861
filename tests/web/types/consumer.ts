// Every public element of minialbert-web as a strict TypeScript app uses it, imported by the package's
// name. Each result goes into a variable of the type the app expects, so a declaration that is
// missing, renamed or of another type fails to compile. Type-checked only, never run.
import {
    DEFAULT_MODEL_URL, MiniAlbertError, MiniAlbertModel, env, load, loadInWorker,
    type Backend, type Classification, type ClassifyOptions, type DeidOperator, type DeidOptions, type Entity, type EntitySource, type ForwardInputs,
    type ForwardOutput, type IdsInput, type LoadOptions, type MemoryStats, type MiniAlbertErrorCode, type Model,
    type ModelInfo, type ProgressEvent, type Replacement, type RuleFamily, type TagOptions, type TagProgressEvent,
    type Tokenization,
    type WorkerLoadOptions, type WorkerModel,
} from 'minialbert-web';

export async function useEveryExport(note: string): Promise<void> {
    const wasmPaths: string = env.wasmPaths;
    env.wasmPaths = `${wasmPaths}`;
    env.numThreads = 1;
    const defaultModel: string = DEFAULT_MODEL_URL;

    const progress: ProgressEvent[] = [];
    const backend: Backend = 'wasmsimd';
    const controller = new AbortController();
    const options: LoadOptions = {
        onProgress: (event: ProgressEvent) => {
            progress.push(event);
            if (event.status === 'progress') {
                const fraction: number = event.loaded / event.total;
                const percent: number = event.progress;
                const file: string = event.file;
                console.log(file, fraction, percent);
            }
        },
        signal: controller.signal,
        fetch: (url: string, init) => fetch(url, init),
        cache: true,
        backend,
        numThreads: 0,
    };
    const withGlobalFetch: LoadOptions = { fetch, signal: null, backend: undefined };
    const local: MiniAlbertModel = await load(defaultModel, options);
    const fromUrl: MiniAlbertModel = await load(new URL('https://example.org/models/deid/'), withGlobalFetch);
    const byDefault: MiniAlbertModel = await load();
    const byNull: MiniAlbertModel = await load(null, null);

    const workerOptions: WorkerLoadOptions = {
        workerUrl: new URL('https://example.org/worker.js'), onProgress: (e) => progress.push(e), signal: controller.signal,
        cache: false, backend: 'auto', numThreads: 2,
    };
    const remote: WorkerModel = await loadInWorker('https://example.org/models/deid/', workerOptions);
    const remoteByDefault: WorkerModel = await loadInWorker();

    // Both kinds are a Model.
    for (const model of [local, remote] satisfies Model[]) {
        const config: Record<string, unknown> = model.config;
        const labels: string[] = model.labels;
        const maxLength: number = model.maxLength;
        const info: ModelInfo = model.info;
        const sizes: number[] = [info.vocab_size, info.embedding_size, info.hidden_size, info.num_hidden_layers,
            info.num_attention_heads, info.intermediate_size, info.max_position_embeddings, info.type_vocab_size,
            info.use_adapter, info.reduction_factor, info.num_labels, info.layer_norm_eps, info.n_params,
            info.weight_bytes, info.n_threads];
        const hiddenAct: string = info.hidden_act;
        const head: 'none' | 'token-classification' | 'sequence-classification' = info.head;
        const inUse: 'wasmrelaxedsimd' | 'wasmsimd' | 'scalar' | 'scalar-qu7' | 'reference' = info.backend;
        const build: 'simd' | 'relaxed' | 'threads' | 'threads-relaxed' = info.build;
        const int8Gemm: string | null = info.int8_gemm;
        console.log(config, labels, maxLength, sizes, hiddenAct, head, inUse, build, int8Gemm);

        const tokens: Tokenization = await model.tokenize(note);
        const pieces: string[] = tokens.tokens;
        const ids: number[] = tokens.ids;
        const offsets: [number, number][] = tokens.offsets;
        const wordIds: number[] = tokens.wordIds;
        console.log(pieces, ids, offsets, wordIds);

        const rows: IdsInput = [[2, 30, 31, 3], [2, 40, 3, 0]];
        const inputs: ForwardInputs = { inputIds: rows, attentionMask: [[1, 1, 1, 1], [1, 1, 1, 0]], tokenTypeIds: null };
        const out: ForwardOutput = await model.forward(inputs);
        const logits: Float32Array = out.logits;
        const dims: [number, number, number] | [number, number] = out.dims;
        const [batch, seqLenOrLabels, labelsOfTokens] = out.dims;
        const third: number | undefined = labelsOfTokens;
        console.log(logits, dims, batch, seqLenOrLabels, third);
        await model.forward({ inputIds: [2n, 30n, 3n] as const });
        await model.forward({ inputIds: new Int32Array(8), attentionMask: new Uint8Array(8), dims: [2, 4] });
        await model.forward({ inputIds: new BigInt64Array(4), tokenTypeIds: new Uint32Array(4), dims: undefined });

        const rules: RuleFamily[] = ['phone', 'date'];
        const tagOptions: TagOptions = {
            aggregation: 'simple', maxLength: 128, stride: 32, ignoreLabels: ['O'], model: true, rules,
            dayFirst: true, minScore: 0.5, allowList: ['Dr. House'], denyList: ['NAME/PATIENT: Ann Lee'], offsets: 'utf16',
        };
        const tagged: { entities: Entity[] } = await model.tag(note, tagOptions);
        for (const entity of tagged.entities) {
            const spans: number[] = [entity.start, entity.end, entity.score];
            const strings: string[] = [entity.type, entity.subtype, entity.text];
            const source: EntitySource = entity.source;
            const fromRule: boolean = entity.source.startsWith('rule:');
            console.log(spans, strings, source, fromRule);
        }
        await model.tag(note, { rules: false, offsets: 'codepoints' });
        await model.tag(note);
        const windows: TagProgressEvent[] = [];
        await model.tag(note, {
            onProgress: (e) => {
                const counts: number[] = [e.done, e.total, e.progress];
                windows.push(e);
                console.log(counts);
            },
            signal: controller.signal,
        });
        await model.tag(note, { onProgress: undefined, signal: null });
        await model.deidentify(note, { signal: AbortSignal.timeout(1000) });

        const operator: DeidOperator = 'surrogate';
        const deidOptions: DeidOptions = {
            ...tagOptions, operators: { NAME: operator, 'ID/SSN': 'mask', DATE: 'dateshift', default: 'tag' },
            key: 'secret', maskChar: '#', maxShiftDays: 30,
        };
        const deid: { text: string; replacements: Replacement[] } = await model.deidentify(note, deidOptions);
        const newText: string = deid.text;
        for (const r of deid.replacements) {
            const numbers: number[] = [r.start, r.end, r.newStart, r.newEnd, r.score];
            const strings: string[] = [r.type, r.subtype, r.original, r.replacement];
            const op: DeidOperator = r.operator;
            const source: EntitySource = r.source;
            console.log(numbers, strings, op, source);
        }
        await model.deidentify(newText, { operators: 'NAME=surrogate,default=redact' });

        const classes: { label: string; score: number }[] = await model.classify(note);
        const best: string | undefined = classes[0]?.label;
        const classifyOptions: ClassifyOptions = { maxLength: 128 };
        const cut: Classification = await model.classify(note, classifyOptions);
        const counts: number[] = [cut.tokens, cut.tokensRead];
        console.log(best, counts);

        const stats: MemoryStats = await model.memoryStats();
        const bytes: number[] = [stats.heapBytes, stats.memoryBytes];
        console.log(bytes);
    }

    // In this thread memoryStats and dispose are synchronous; through the worker they are promises.
    const nowStats: MemoryStats = local.memoryStats();
    const later: Promise<MemoryStats> = remote.memoryStats();
    console.log(nowStats, await later);
    const freed: void = local.dispose();
    const ended: Promise<void> = remote.dispose();
    await ended;
    console.log(freed, local instanceof MiniAlbertModel);
    for (const m of [fromUrl, byDefault, byNull]) m.dispose();
    await remoteByDefault.dispose();

    try {
        await local.tag(note);
    } catch (e) {
        if (e instanceof MiniAlbertError) {
            const name: 'MiniAlbertError' = e.name;
            const code: MiniAlbertErrorCode = e.code;
            const url: string | undefined = e.url;
            const status: number | undefined = e.status;
            const message: string = e.message;
            if (e.code === 'HTTP' || e.code === 'WASM_TRAP') console.log(name, code, url, status, message);
        }
    }
    const made: MiniAlbertError = new MiniAlbertError('HTTP', 'fetching x failed: HTTP 404', { url: 'x', status: 404, cause: null });
    const plain: Error = new MiniAlbertError('DISPOSED', 'this model was disposed');
    console.log(made, plain);
}
