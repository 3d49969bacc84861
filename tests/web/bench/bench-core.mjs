// The measuring loop of the side-by-side benchmark, shared by Node (ort-vs-minialbert.mjs) and the
// Chromium page (page.html): it only gets the two runtimes and the inputs handed to it, so both
// environments run exactly the same code.
//
// For every (dtype, sequence length): open onnxruntime-web's session and this engine's model, warm
// both up, then alternate one timed forward of each, `runs` times, so that both see the same load
// from whatever else runs on the machine. Reports the median and the minimum, and checks the
// logits of the last run against the upstream float32 ones (max |diff| for f32, argmax agreement
// over the tokens for int8).

/** Median of an array of numbers. */
export function median(values) {
    const s = [...values].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function argmax(logits, row, labels) {
    let best = 0;
    for (let j = 1; j < labels; j++) if (logits[row * labels + j] > logits[row * labels + best]) best = j;
    return best;
}

/** {maxDiff, agreement} of `got` against `expected`, both [seq, labels], over all rows. */
export function compare(got, expected, labels) {
    let maxDiff = 0;
    for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i] - expected[i]));
    const rows = expected.length / labels;
    let agree = 0;
    for (let r = 0; r < rows; r++) if (argmax(got, r, labels) === argmax(expected, r, labels)) agree++;
    return { maxDiff, agreement: agree / rows };
}

/**
 * The two contestants for one dtype: `ort` is the onnxruntime-web module, `onnx` the model file
 * (a path in Node, a URL in the page); `load` is this engine's load() and `dir` its model directory.
 * Each returns {name, run(input) -> Float32Array logits, close()}, or throws.
 */
async function openOrt(ort, onnx) {
    const session = await ort.InferenceSession.create(onnx, { executionProviders: ['wasm'] });
    return {
        name: 'onnxruntime-web',
        async run(input) {
            const dims = [1, input.ids.length];
            const tensor = (v) => new ort.Tensor('int64', BigInt64Array.from(v, (x) => BigInt(x)), dims);
            const feeds = { input_ids: tensor(input.ids), attention_mask: tensor(input.mask), token_type_ids: tensor(input.types) };
            const { logits } = await session.run(feeds);
            return logits.data;
        },
        close: () => session.release(),
    };
}

async function openEngine(load, dir, backend) {
    const model = await load(dir, { backend, numThreads: 1 }); // onnxruntime-web runs with numThreads 1 too
    // The int8 GEMM's variant too ("dotadd", "dot", "dot16"): which one runs depends on the engine.
    const gemm = model.info.int8_gemm ? `, ${model.info.int8_gemm.split('-').pop()}` : '';
    return {
        name: `minialbert-web (${model.info.backend}${gemm})`,
        async run(input) {
            const { logits } = await model.forward({ inputIds: [input.ids], attentionMask: [input.mask], tokenTypeIds: [input.types] });
            return logits;
        },
        close: () => model.dispose(),
    };
}

async function timeOne(contestant, input) {
    const t0 = performance.now();
    const logits = await contestant.run(input);
    return { ms: performance.now() - t0, logits };
}

/**
 * Runs the plan and returns one row per (contestant, dtype, seq):
 *   {engine, dtype, env, seq, median, min, runs, maxDiff, agreement} or {…, error} when it could not run.
 * `models` = {f32: {onnx, dir}, int8: {onnx, dir}}; `inputs` = {[seq]: {ids, mask, types, expected, labels}}.
 */
export async function benchmark({ ort, load, env, models, inputs, dtypes, seqs, runs, warmup, backend = 'auto', log = () => {} }) {
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.simd = true;   // a feature check only: 1.30 ships nothing but the SIMD128 build
    const rows = [];
    for (const dtype of dtypes) {
        const contestants = [];
        for (const [open, what] of [[() => openOrt(ort, models[dtype].onnx), 'onnxruntime-web'],
                                     [() => openEngine(load, models[dtype].dir, backend), 'minialbert-web']]) {
            try {
                contestants.push(await open());
            } catch (e) {
                log(`${env} ${dtype}: ${what} could not load: ${e.message}`);
                for (const seq of seqs) rows.push({ engine: what, dtype, env, seq, error: `load failed: ${e.message}` });
            }
        }
        for (const seq of seqs) {
            const input = inputs[seq];
            const live = [];
            for (const c of contestants) {
                try {
                    for (let i = 0; i < warmup; i++) await c.run(input);
                    live.push({ c, times: [], logits: null });
                } catch (e) {
                    log(`${env} ${dtype} seq ${seq}: ${c.name} failed: ${e.message}`);
                    rows.push({ engine: c.name, dtype, env, seq, error: `forward failed: ${e.message}` });
                }
            }
            for (let i = 0; i < runs; i++) {
                for (const l of live) {
                    const { ms, logits } = await timeOne(l.c, input);
                    l.times.push(ms);
                    l.logits = logits;
                }
            }
            for (const l of live) {
                const check = compare(l.logits, input.expected, input.labels);
                rows.push({ engine: l.c.name, dtype, env, seq, median: median(l.times), min: Math.min(...l.times),
                            runs: l.times.length, ...check });
                log(`${env} ${dtype} seq ${seq}: ${l.c.name} median ${median(l.times).toFixed(1)} ms`);
            }
        }
        for (const c of contestants) await c.close();
    }
    return rows;
}
