// The measuring loop of gemm-vs-xnnpack.mjs, shared by Node and the Chromium page: it only gets the
// two runtimes handed to it, so both environments run the same code.
//
// For every shape (M N K: y[M][N] = x[M][K]·wᵀ + b): the same random x, w and b (w normal, like
// the model's weights) go to
//   ours f32   gemm_bench_create(backend, 0, ...): this engine's packed weights and GEMM driver
//   ours int8  gemm_bench_create(backend, 1, ...): the int8 path (weights per-channel int8, rows of
//              x quantized at run time, included in the time)
//   XNNPACK    tf.fused.matMul({a: x, b: wᵀ, bias: b}) on tfjs-backend-wasm, which runs XNNPACK's
//              f32 fully-connected operator (weights packed once, cached on the tensor)
// then rounds in which each contestant runs a batch of calls in turn, so all three see the same
// load; per-call medians over the rounds, of wall time and (where the host has it) process CPU time.

/** Median of an array of numbers. */
export function median(values) {
    const s = [...values].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// Deterministic uniform values in [-1, 1) (xorshift32), so every run and host measures the same data.
function randomArray(n, seed) {
    const a = new Float32Array(n);
    let s = seed >>> 0 || 1;
    for (let i = 0; i < n; i++) {
        s ^= s << 13; s >>>= 0;
        s ^= s >>> 17;
        s ^= s << 5; s >>>= 0;
        a[i] = s / 2147483648 - 1;
    }
    return a;
}

// Deterministic normal values of standard deviation `std` (Box–Muller over randomArray), for the
// weights: trained and freshly initialised Linear weights are bell-shaped, and the int8 `dot2`
// kernels' cost depends on it (a lane whose 4 weights of one sign sum past 258 after quantizing
// needs a fix: 0.03–0.2% of the lanes on the model's weights, about one in eight on uniform ones).
function normalArray(n, seed, std) {
    const u = randomArray(n + (n & 1), seed);
    const a = new Float32Array(n);
    for (let i = 0; i < n; i += 2) {
        const r = std * Math.sqrt(-2 * Math.log((u[i] + 1.0000001) / 2.0000001));
        const t = Math.PI * (u[i + 1] + 1);
        a[i] = r * Math.cos(t);
        if (i + 1 < n) a[i + 1] = r * Math.sin(t);
    }
    return a;
}

/**
 * Loads one build of gemm-bench.cpp: `factory` is the glue's default export, `wasm` a compiled
 * WebAssembly.Module. Returns {create(int8, n, k, w, b), run(h, m, x, y, reps), free(h), ...}.
 */
export async function loadOurs(factory, wasm, backend) {
    const M = await factory({
        instantiateWasm(imports, receive) {
            WebAssembly.instantiate(wasm, imports).then((inst) => receive(inst, wasm));
            return {};
        },
    });
    const name = M.ccall('gemm_bench_backend', 'string', ['string'], [backend]);
    if (!name) throw new Error(`this build has no backend '${backend}'`);
    const copy = (array) => {
        const p = M._malloc(array.byteLength);
        if (!p) throw new Error('out of wasm memory');
        new Float32Array(M.HEAPF32.buffer, p, array.length).set(array);
        return p;
    };
    return {
        backend: name,
        M,
        copy,
        create(int8, n, k, wPtr, bPtr) {
            const h = M.ccall('gemm_bench_create', 'number', ['string', 'number', 'number', 'number', 'number', 'number'],
                              [backend, int8 ? 1 : 0, n, k, wPtr, bPtr]);
            if (!h) throw new Error(`gemm_bench_create(${backend}, int8=${int8}, ${n}, ${k}) failed`);
            return h;
        },
        run: (h, m, xPtr, yPtr, reps) => M._gemm_bench_run(h, m, xPtr, yPtr, reps),
        dot16Ceiling: (operandsPtr, iters) => M._gemm_bench_dot16_ceiling(operandsPtr, iters, 1),
        free: (h) => M._gemm_bench_free(h),
        read: (p, n) => new Float32Array(M.HEAPF32.buffer, p, n).slice(),
    };
}

// gemm_bench_dot16_ceiling's two operand sets of 64 int16, and its 6 dots of 8 multiply-adds a round.
const CEILING_OPERANDS = 2 * 64;
const CEILING_MACS_PER_ROUND = 6 * 8;

// What gemm_bench_dot16_ceiling returns after `iters` rounds on `values` (int32 arithmetic, wrapping
// as wasm's does): lanes 0 and 3 of the sum of its 6 accumulators. Round r adds, to each lane l,
// the pair sums a_i[2l]·b_j[2l] + a_i[2l+1]·b_j[2l+1] of set r & 1 (rows a_0, a_1 at vectors 0-1,
// columns b_0..b_2 at vectors 2-4).
function dot16CeilingChecksum(values, iters) {
    const lanes = [0, 0, 0, 0];
    for (let set = 0; set < 2; set++) {
        const rounds = set === 0 ? Math.ceil(iters / 2) : Math.floor(iters / 2);
        const v = (vec, e) => values[64 * set + 8 * vec + e];
        for (let l = 0; l < 4; l++) {
            let d = 0;
            for (let i = 0; i < 2; i++) {
                for (let j = 2; j < 5; j++) d += v(i, 2 * l) * v(j, 2 * l) + v(i, 2 * l + 1) * v(j, 2 * l + 1);
            }
            lanes[l] = (lanes[l] + Math.imul(d, rounds)) | 0;
        }
    }
    return (lanes[0] + lanes[3]) | 0;
}

// GOP/s (2 per multiply-add) of gemm_bench_dot16_ceiling: median of `rounds` runs of ~batchMs each,
// of wall time and (where the host has it) process CPU time. Its checksum is checked first, so that
// the loop timed is known to do the multiply-adds it is credited with.
function dot16Ceiling(ours, rounds, batchMs, cpu) {
    const operands = ours.M._malloc(2 * CEILING_OPERANDS);
    if (!operands) throw new Error('out of wasm memory');
    const values = Int16Array.from({ length: CEILING_OPERANDS }, (_, i) => (i * 37) % 255 - 127);
    new Int16Array(ours.M.HEAP16.buffer, operands, CEILING_OPERANDS).set(values);
    for (const iters of [1, 2, 7]) {
        const got = ours.dot16Ceiling(operands, iters), want = dot16CeilingChecksum(values, iters);
        if (got !== want) throw new Error(`gemm_bench_dot16_ceiling: checksum ${got} after ${iters} rounds, expected ${want}`);
    }
    ours.dot16Ceiling(operands, 1e5);
    let t0 = performance.now();
    ours.dot16Ceiling(operands, 1e6);
    const iters = Math.max(1e5, Math.round(1e6 * batchMs / Math.max(performance.now() - t0, 0.01)));
    const wall = [], cpuSeconds = [];
    for (let r = 0; r < rounds; r++) {
        const c0 = cpu ? cpu() : 0;
        t0 = performance.now();
        ours.dot16Ceiling(operands, iters);
        wall.push((performance.now() - t0) / 1e3);
        cpuSeconds.push((cpu ? cpu() : 0) - c0);
    }
    ours.M._free(operands);
    const rate = (seconds) => 2 * CEILING_MACS_PER_ROUND * iters / median(seconds) / 1e9;
    return { gops: rate(wall), gops_cpu: cpu ? rate(cpuSeconds) : null };
}

/**
 * Runs the comparison. `tf` is tfjs-core with the wasm backend already active; `builds` is a list
 * of {build, ours} (ours from loadOurs); `cpu` returns process CPU seconds, or null when the host
 * cannot tell. Returns one row per (build, shape).
 */
export async function gemmBenchmark({ tf, builds, shapes, rounds = 7, batchMs = 100, cpu = null, env, log = () => {} }) {
    const rows = [];
    const ceilings = {};
    for (const { build, ours } of builds) ceilings[build] = dot16Ceiling(ours, rounds, batchMs, cpu);
    for (const [m, n, k] of shapes) {
        const flops = 2 * m * n * k;
        const x = randomArray(m * k, 1 + m + n + k), w = normalArray(n * k, 2 + n * k, 0.02), b = randomArray(n, 3 + n);
        // XNNPACK wants wᵀ [k][n]: tfjs passes its fully-connected operator XNN_FLAG_TRANSPOSE_WEIGHTS,
        // and only a matMul without transposes reaches XNNPACK (the transposed ones take a scalar loop).
        const wt = new Float32Array(k * n);
        for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) wt[p * n + j] = w[j * k + p];
        const ta = tf.tensor2d(x, [m, k]), tb = tf.tensor2d(wt, [k, n]), tbias = tf.tensor1d(b);
        const xnnCall = () => tf.fused.matMul({ a: ta, b: tb, bias: tbias });
        const xnnOut = xnnCall();
        const expected = xnnOut.dataSync().slice();
        xnnOut.dispose();

        for (const { build, ours } of builds) {
            const xp = ours.copy(x), wp = ours.copy(w), bp = ours.copy(b), yp = ours.copy(new Float32Array(m * n));
            const hf = ours.create(false, n, k, wp, bp), hq = ours.create(true, n, k, wp, bp);
            // Agreement with XNNPACK on this very shape (f32: max |diff| over max |y|; int8: the same,
            // which is the quantization error).
            const relDiff = (h) => {
                ours.run(h, m, xp, yp, 1);
                const y = ours.read(yp, m * n);
                let d = 0, ymax = 0;
                for (let i = 0; i < y.length; i++) {
                    d = Math.max(d, Math.abs(y[i] - expected[i]));
                    ymax = Math.max(ymax, Math.abs(expected[i]));
                }
                return d / ymax;
            };
            const contestants = {
                ours_f32: { diff: relDiff(hf), batch: (reps) => ours.run(hf, m, xp, yp, reps) },
                ours_int8: { diff: relDiff(hq), batch: (reps) => ours.run(hq, m, xp, yp, reps) },
                xnnpack_f32: { diff: 0, batch: (reps) => { for (let r = 0; r < reps; r++) xnnCall().dispose(); } },
            };
            // Warm-up (tiering up to the optimizing compiler), then calls per batch for ~batchMs.
            for (const c of Object.values(contestants)) {
                c.batch(2);
                const t0 = performance.now();
                c.batch(1);
                c.reps = Math.max(1, Math.round(batchMs / Math.max(performance.now() - t0, 0.01)));
                c.wall = [];
                c.cpu = [];
            }
            for (let r = 0; r < rounds; r++) {
                for (const c of Object.values(contestants)) {
                    const c0 = cpu ? cpu() : 0, t0 = performance.now();
                    c.batch(c.reps);
                    const t1 = performance.now(), c1 = cpu ? cpu() : 0;
                    c.wall.push((t1 - t0) / 1e3 / c.reps);
                    c.cpu.push((c1 - c0) / c.reps);
                }
            }
            const rate = (c, key) => flops / median(c[key]) / 1e9;
            // A copy per row: puppeteer (Firefox) returns a second reference to one object as undefined.
            const row = { env, build, backend: ours.backend, m, n, k, int8_ceiling: { ...ceilings[build] } };
            for (const [name, c] of Object.entries(contestants)) {
                row[name] = { ms: median(c.wall) * 1e3, gflops: rate(c, 'wall'), gflops_cpu: cpu ? rate(c, 'cpu') : null,
                              rel_diff_vs_xnnpack: c.diff };
            }
            rows.push(row);
            log(`gemm: ${env} ${build} ${m}x${n}x${k}: ours f32 ${row.ours_f32.gflops.toFixed(1)}, ` +
                `XNNPACK ${row.xnnpack_f32.gflops.toFixed(1)}, ours int8 ${row.ours_int8.gflops.toFixed(1)} G/s`);
            ours.free(hf);
            ours.free(hq);
            for (const p of [xp, wp, bp, yp]) ours.M._free(p);
        }
        tf.dispose([ta, tb, tbias]);
    }
    return rows;
}
