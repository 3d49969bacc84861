// Side by side, same run, same weights: this engine (web/index.js) and onnxruntime-web (wasm
// backend, one thread) on the full-size golden model, batch 1, in Node and in headless Chromium
// (and, with --env firefox, headless Firefox).
//
//   npm run bench
//   node tests/web/bench/ort-vs-minialbert.mjs [--env node,chromium,firefox] [--node current,22,24] [--dtype f32,int8]
//        [--seq 128,512] [--runs 10] [--warmup 3] [--backend auto] [--build-dir build-bench] [--json out.json]
//        [--js-flags "--no-enable-avx-vnni"]
//
// The models are made from ../shared/golden/full with the project's own tools, and remade when a
// source is newer (the first run takes a few minutes):
//   <build-dir>/full-f32/        models/convert.py                 this engine, f32
//   <build-dir>/full-int8/       models/convert.py --dtype int8    this engine, int8
//   <build-dir>/full-f32.onnx    models/export_onnx.py full-f32/   onnxruntime-web, fp32
//   <build-dir>/full-int8.onnx   models/quantize_onnx.py           onnxruntime-web, int8 (quantize_dynamic)
// The inputs are the golden cases single_len128 (a clinical note) and single_len512; the last run's
// logits are checked against the upstream ones, so a fast wrong answer shows in the table.
// Chromium is Debian's /usr/bin/chromium via playwright-core, Firefox Debian's firefox-esr via
// puppeteer-core (never a downloaded browser, ../browsers.mjs), each with a fresh profile, and every
// file comes from a local server on 127.0.0.1 (no CDN). The Node rows run in
// every Node of --node (../node-runtime.mjs): this process's, then pinned Node 22 and 24 releases, each in
// a child process. --js-flags hands V8 flags to every runtime (each Node then runs as a child
// process, Chromium gets --js-flags=...; Firefox runs no V8), and the env column shows them: --no-enable-avx-vnni, for
// one, measures a CPU without AVX-VNNI on one that has it.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { GOLDEN_DIR, REPO_ROOT } from '../../../web/demo/serve.mjs';
import { benchmark } from './bench-core.mjs';
import { withBrowser } from './browser.mjs';
import { NODE_RELEASES, nodeRuntime } from '../node-runtime.mjs';

const PYTHON = '/usr/bin/python3';
// Issue 7: this engine's latency over onnxruntime-web's, per dtype.
const TARGET_RATIO = { f32: 0.8, int8: 0.6 };

function parseArgs(argv) {
    const opts = { env: 'node,chromium', node: 'current,22,24', dtype: 'f32,int8', seq: '128,512', runs: '10', warmup: '3',
                   backend: 'auto', 'build-dir': path.join(REPO_ROOT, 'build-bench'), json: '', 'js-flags': '' };
    for (let i = 0; i < argv.length; i += 2) {
        const key = argv[i].replace(/^--/, '');
        if (!(key in opts) || argv[i + 1] === undefined) throw new Error(`unknown or incomplete option ${argv[i]}`);
        opts[key] = argv[i + 1];
    }
    const list = (s) => s.split(',').filter(Boolean);
    const badNode = list(opts.node).filter((v) => v !== 'current' && !(v in NODE_RELEASES) && !v.includes('/'));
    if (badNode.length) {
        throw new Error(`--node ${badNode.join(',')}: expected current, ${Object.keys(NODE_RELEASES).join(', ')} or a path to a node binary`);
    }
    for (const [key, allowed] of [['env', ['node', 'chromium', 'firefox']], ['dtype', ['f32', 'int8']]]) {
        const bad = list(opts[key]).filter((v) => !allowed.includes(v));
        if (bad.length) throw new Error(`--${key} ${bad.join(',')}: expected some of ${allowed.join(',')}`);
    }
    return {
        envs: list(opts.env), nodes: list(opts.node), dtypes: list(opts.dtype), seqs: list(opts.seq).map(Number),
        runs: Number(opts.runs), warmup: Number(opts.warmup), backend: opts.backend,
        buildDir: path.resolve(opts['build-dir']), json: opts.json, jsFlags: opts['js-flags'].split(' ').filter(Boolean),
    };
}

// ---------------------------------------------------------------------------------------------
// Models.

async function mtime(file) {
    return (await stat(file).catch(() => null))?.mtimeMs ?? -1;
}

/** Runs `args` with python unless `output` exists and is newer than every input. */
async function make(output, inputs, args) {
    const built = await mtime(output);
    const newest = Math.max(...(await Promise.all(inputs.map(mtime))));
    if (built > newest) return;
    console.error(`bench: making ${path.relative(REPO_ROOT, output)}`);
    const r = spawnSync(PYTHON, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`${PYTHON} ${args.join(' ')} failed (status ${r.status})`);
}

async function prepareModels(buildDir) {
    const source = path.join(GOLDEN_DIR, 'full');
    const weights = path.join(source, 'model.safetensors');
    const tool = (name) => path.join(REPO_ROOT, 'models', name);
    const f32 = path.join(buildDir, 'full-f32');
    const int8 = path.join(buildDir, 'full-int8');
    const f32Onnx = path.join(buildDir, 'full-f32.onnx');
    const int8Onnx = path.join(buildDir, 'full-int8.onnx');
    await make(path.join(f32, 'model.safetensors'), [weights, tool('convert.py')], [tool('convert.py'), source, f32]);
    await make(path.join(int8, 'model.safetensors'), [weights, tool('convert.py')],
               [tool('convert.py'), source, int8, '--dtype', 'int8']);
    await make(f32Onnx, [path.join(f32, 'model.safetensors'), tool('export_onnx.py')], [tool('export_onnx.py'), f32, f32Onnx]);
    await make(int8Onnx, [f32Onnx, tool('quantize_onnx.py')], [tool('quantize_onnx.py'), f32Onnx, int8Onnx]);
    return { f32: { onnx: f32Onnx, dir: f32 }, int8: { onnx: int8Onnx, dir: int8 } };
}

/** The golden inputs single_len<seq> of the full model, as plain arrays, with the expected logits. */
async function goldenInputs(seqs) {
    const dir = path.join(GOLDEN_DIR, 'full');
    const meta = JSON.parse(await readFile(path.join(dir, 'cases.json'), 'utf8'));
    const bin = await readFile(path.join(dir, meta.bin_file));
    const inputs = {};
    for (const seq of seqs) {
        const c = meta.cases.find((x) => x.name === `single_len${seq}`);
        if (!c) throw new Error(`no golden case single_len${seq} in ${dir}/cases.json (available: 128, 512)`);
        const a = c.arrays.find((x) => x.name === `${c.name}/logits`);
        inputs[seq] = {
            ids: c.input_ids[0], mask: c.attention_mask[0], types: c.token_type_ids?.[0] ?? c.input_ids[0].map(() => 0),
            expected: Array.from(new Float32Array(bin.buffer, bin.byteOffset + a.offset, a.nbytes / 4)),
            labels: a.shape[a.shape.length - 1],
        };
    }
    return inputs;
}

// ---------------------------------------------------------------------------------------------
// The two environments.

/** web/index.js's load(), or a load() that rejects with why the engine cannot be used. */
async function engineLoad() {
    try {
        return (await import('../../../web/index.js')).load;
    } catch (e) {
        return () => Promise.reject(new Error(`web/index.js does not import: ${e.message}`));
    }
}

async function runNode(plan, models, inputs) {
    const ort = await import('onnxruntime-web');
    const typed = Object.fromEntries(Object.entries(inputs).map(([seq, v]) => [seq, { ...v, expected: Float32Array.from(v.expected) }]));
    return benchmark({ ort, load: await engineLoad(), env: `node ${process.versions.node}`, models, inputs: typed, ...plan,
                       log: (m) => console.error(m) });
}

/** The Node rows in another Node: this script, run by `bin` (with opts.jsFlags) with the same plan, hands its rows back as JSON. */
async function runNodeChild(bin, opts) {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'minialbert-bench-'));
    try {
        const json = path.join(tmp, 'rows.json');
        const args = [...opts.jsFlags, fileURLToPath(import.meta.url), '--env', 'node', '--node', 'current', '--dtype', opts.dtypes.join(','),
                      '--seq', opts.seqs.join(','), '--runs', String(opts.runs), '--warmup', String(opts.warmup),
                      '--backend', opts.backend, '--build-dir', opts.buildDir, '--json', json];
        const r = spawnSync(bin, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
        if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (status ${r.status})`);
        return labelled(JSON.parse(await readFile(json, 'utf8')).rows, opts.jsFlags);
    } finally {
        await rm(tmp, { recursive: true, force: true });
    }
}

// Runs inside the page: the same bench-core.mjs, with the browser builds of both runtimes.
async function runInPage({ env, plan, models, inputs }) {
    const { benchmark: run } = await import('/tests/web/bench/bench-core.mjs');
    const ort = await import('/node_modules/onnxruntime-web/dist/ort.wasm.min.mjs');
    ort.env.wasm.wasmPaths = '/node_modules/onnxruntime-web/dist/';
    let load;
    try {
        ({ load } = await import('/web/index.js'));
    } catch (e) {
        load = () => Promise.reject(new Error(`web/index.js does not import: ${e.message}`));
    }
    for (const v of Object.values(inputs)) v.expected = Float32Array.from(v.expected);
    const log = [];
    const rows = await run({ ort, load, env, models, inputs, ...plan, log: (m) => log.push(m) });
    return { rows, log };
}

/** rows with the V8 flags they ran under added to their env. */
function labelled(rows, jsFlags) {
    return jsFlags.length ? rows.map((r) => ({ ...r, env: `${r.env} ${jsFlags.join(' ')}` })) : rows;
}

async function runBrowser(env, plan, models, inputs, buildDir, jsFlags) {
    const url = (file) => `/bench-models/${path.relative(buildDir, file)}`;
    const pageModels = Object.fromEntries(Object.entries(models).map(([k, m]) => [k, { onnx: url(m.onnx), dir: url(m.dir) + '/' }]));
    const v8Flags = env === 'chromium' ? jsFlags : [];
    const chromiumArgs = v8Flags.length ? [`--js-flags=${v8Flags.join(' ')}`] : [];
    return withBrowser(env, { '/': REPO_ROOT, '/golden/': GOLDEN_DIR, '/bench-models/': buildDir }, {}, async (openPage) => {
        const page = await openPage();
        const { rows, log } = await page.evaluate(runInPage, { env, plan, models: pageModels, inputs });
        for (const m of log) console.error(m);
        return labelled(rows, v8Flags);
    }, chromiumArgs);
}

// ---------------------------------------------------------------------------------------------
// The table.

export function formatTable(unordered, order) {
    // Grouped by environment (in the order they ran), dtype and length in command-line order,
    // onnxruntime-web first.
    const envs = [...new Set(unordered.map((r) => r.env))];
    const rank = (r) => [envs.indexOf(r.env), order.dtypes.indexOf(r.dtype), order.seqs.indexOf(r.seq),
                         r.engine === 'onnxruntime-web' ? 0 : 1].reduce((acc, v) => acc * 100 + v, 0);
    const rows = [...unordered].sort((a, b) => rank(a) - rank(b));
    const ortOf = (r) => rows.find((o) => o.engine === 'onnxruntime-web' && o.dtype === r.dtype && o.env === r.env && o.seq === r.seq);
    const head = ['engine', 'dtype', 'env', 'seq', 'median ms', 'min ms', 'ratio vs ORT', 'issue 7 target', 'logits vs upstream f32'];
    const body = rows.map((r) => {
        if (r.error) return [r.engine, r.dtype, r.env, String(r.seq), '-', '-', '-', '-', `skipped (${r.error.split(':')[0]}, see the log above)`];
        const ort = ortOf(r);
        const isOrt = r.engine === 'onnxruntime-web';
        const ratio = ort && !ort.error ? r.median / ort.median : null;
        const target = isOrt || ratio === null ? '' : `<= ${TARGET_RATIO[r.dtype].toFixed(2)} ${ratio <= TARGET_RATIO[r.dtype] ? 'met' : 'MISSED'}`;
        const check = r.dtype === 'f32' ? `max abs diff ${r.maxDiff.toExponential(1)}` : `argmax ${(100 * r.agreement).toFixed(1)}%`;
        return [r.engine, r.dtype, r.env, String(r.seq), r.median.toFixed(1), r.min.toFixed(1),
                ratio === null ? '-' : ratio.toFixed(2), target, check];
    });
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main(argv) {
    const opts = parseArgs(argv);
    const plan = { dtypes: opts.dtypes, seqs: opts.seqs, runs: opts.runs, warmup: opts.warmup, backend: opts.backend };
    const models = await prepareModels(opts.buildDir);
    const inputs = await goldenInputs(opts.seqs);
    const ortVersion = JSON.parse(await readFile(path.join(REPO_ROOT, 'node_modules/onnxruntime-web/package.json'), 'utf8')).version;
    const rows = [];
    const loadBefore = os.loadavg()[0];
    const notRun = [];
    if (opts.envs.includes('node')) {
        for (const spec of opts.nodes) {
            // A Node that cannot be had (no registry, no such file) costs its rows, not the run.
            const node = await nodeRuntime(spec).catch((e) => {
                notRun.push(`node ${spec} (${e.message})`);
                console.error(`bench: not running node ${spec}: ${e.message}`);
                return null;
            });
            if (!node) continue;
            const child = node.bin ?? (opts.jsFlags.length ? process.execPath : null);
            rows.push(...(child ? await runNodeChild(child, opts) : await runNode(plan, models, inputs)));
        }
    }
    for (const env of ['chromium', 'firefox']) {
        if (opts.envs.includes(env)) rows.push(...(await runBrowser(env, plan, models, inputs, opts.buildDir, opts.jsFlags)));
    }
    console.log(`full golden model (E=312, H=768, 12 heads, FFN 3072, 6 recursions), batch 1, one thread; ` +
                `onnxruntime-web ${ortVersion} wasm; median of ${opts.runs} runs after ${opts.warmup} warm-up, ` +
                `the two engines alternating; ${os.cpus()[0].model}, ${os.cpus().length} cores, ` +
                `load average ${loadBefore.toFixed(1)} before and ${os.loadavg()[0].toFixed(1)} after`);
    console.log(formatTable(rows, opts));
    if (notRun.length) console.log(`not run: ${notRun.join('; ')}`);
    if (opts.json) await writeFile(opts.json, JSON.stringify({ ortVersion, node: process.version, rows }, null, 2));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
