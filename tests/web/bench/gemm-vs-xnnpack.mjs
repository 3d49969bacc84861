// GEMM micro-kernels vs XNNPACK, same run, same data: this engine's Linear layer (packed weights +
// micro-kernels + cache-blocked driver, f32 and int8) against XNNPACK's f32 fully-connected
// operator as tfjs-backend-wasm ships it, one thread, in Node (SIMD128 build; relaxed too when the
// engine has relaxed SIMD) and in headless Chromium (both builds; with --env firefox, headless
// Firefox too).
//
//   npm run bench:gemm
//   node tests/web/bench/gemm-vs-xnnpack.mjs [--env node,chromium,firefox] [--shapes 128x768x768,...] [--rounds 7]
//        [--batch-ms 100] [--build-dir build-gemm-bench] [--json out.json]
//
// gemm-bench.cpp is built with em++ into <build-dir> (again when a source is newer). Every file
// comes from this repository or node_modules: Node reads the .wasm files from disk, the browsers get
// them from a local server on 127.0.0.1. Rates are 2·M·N·K per call (int8: the same multiply-adds,
// "GOP/s"); "cpu" columns divide by the process CPU time instead of the wall time (Node only), which
// is what the kernel took when the machine's other jobs make it wait for a core. "int8 ceiling" is
// the rate of a loop of i32x4.dot_i16x8_s + i32x4.add alone (gemm_bench_dot16_ceiling), the most an
// int8 GEMM built on that instruction can reach on this CPU; the share is the int8 GEMM's part of it,
// shown for the SIMD128 build only: the relaxed build's int8 GEMMs use relaxed SIMD's int8 dot
// products, which that pair does not bound.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { REPO_ROOT } from '../../../web/demo/serve.mjs';
import { withBrowser } from './browser.mjs';
import { gemmBenchmark, loadOurs } from './gemm-bench-core.mjs';

// The model's weight GEMMs at 128 tokens (issue 7): Q/K/V/output, FFN up, FFN down.
const DEFAULT_SHAPES = '128x768x768,128x3072x768,128x768x3072';
const TFJS_WASM_DIR = path.join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
// The two builds: file stem, em++ flags, backend.
const BUILDS = [
    { build: 'simd128', flags: ['-msimd128'], backend: 'wasmsimd' },
    { build: 'relaxed', flags: ['-msimd128', '-mrelaxed-simd'], backend: 'wasmrelaxedsimd' },
];

function parseArgs(argv) {
    const opts = { env: 'node,chromium', shapes: DEFAULT_SHAPES, rounds: '7', 'batch-ms': '100',
                   'build-dir': path.join(REPO_ROOT, 'build-gemm-bench'), json: '' };
    for (let i = 0; i < argv.length; i += 2) {
        const key = argv[i].replace(/^--/, '');
        if (!(key in opts) || argv[i + 1] === undefined) throw new Error(`unknown or incomplete option ${argv[i]}`);
        opts[key] = argv[i + 1];
    }
    const envs = opts.env.split(',').filter(Boolean);
    const bad = envs.filter((e) => !['node', 'chromium', 'firefox'].includes(e));
    if (bad.length) throw new Error(`--env ${bad.join(',')}: expected some of node,chromium,firefox`);
    const shapes = opts.shapes.split(',').filter(Boolean).map((s) => {
        const v = s.split('x').map(Number);
        if (v.length !== 3 || !v.every((d) => Number.isInteger(d) && d > 0)) throw new Error(`--shapes: '${s}' is not MxNxK`);
        return v;
    });
    return { envs, shapes, rounds: Number(opts.rounds), batchMs: Number(opts['batch-ms']),
             buildDir: path.resolve(opts['build-dir']), json: opts.json };
}

// ---------------------------------------------------------------------------------------------
// Building gemm-bench.cpp.

async function mtime(file) {
    return (await stat(file).catch(() => null))?.mtimeMs ?? -1;
}

// The kernel layer, as kernels.cmake builds it for test-kernels-wasm: every source under
// core/kernels but the native-only XNNPACK backend.
async function kernelSources() {
    const kernels = path.join(REPO_ROOT, 'core', 'kernels');
    const files = [path.join(REPO_ROOT, 'core', 'status.cpp')];
    const cpp = async (dir) => (await readdir(dir)).filter((f) => f.endsWith('.cpp')).sort().map((f) => path.join(dir, f));
    files.push(...(await cpp(kernels)));
    for (const entry of (await readdir(kernels, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.isDirectory() && entry.name !== 'xnnpack') files.push(...(await cpp(path.join(kernels, entry.name))));
    }
    return files;
}

/** Builds <build-dir>/gemm-bench-<build>.{js,wasm} unless they are newer than every source and header. */
export async function buildModules(buildDir) {
    await mkdir(buildDir, { recursive: true });
    const sources = [...(await kernelSources()), path.join(REPO_ROOT, 'tests/web/bench/gemm-bench.cpp')];
    const headers = [];
    for (const dir of ['core/kernels', ...sources.map((s) => path.relative(REPO_ROOT, path.dirname(s)))]) {
        for (const f of await readdir(path.join(REPO_ROOT, dir))) if (/\.(h|inc)$/.test(f)) headers.push(path.join(REPO_ROOT, dir, f));
    }
    const newest = Math.max(...(await Promise.all([...sources, ...headers].map(mtime))));
    for (const b of BUILDS) {
        const out = path.join(buildDir, `gemm-bench-${b.build}.js`);
        if ((await mtime(out)) > newest) continue;
        console.error(`bench:gemm: building ${path.relative(REPO_ROOT, out)}`);
        const args = ['-std=c++20', '-O3', '-fno-exceptions', `-I${REPO_ROOT}/core/include`, `-I${REPO_ROOT}/core`, ...b.flags,
                      ...sources, '-o', out, '-sMODULARIZE=1', '-sEXPORT_ES6=1', '-sEXPORT_NAME=createGemmBench',
                      '-sENVIRONMENT=web,worker', '-sFILESYSTEM=0', '-sALLOW_MEMORY_GROWTH=1', '-sMAXIMUM_MEMORY=2GB',
                      '-sEXPORTED_FUNCTIONS=_malloc,_free', '-sEXPORTED_RUNTIME_METHODS=ccall'];
        const r = spawnSync('em++', args, { stdio: ['ignore', 'inherit', 'inherit'],
                                            env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
        if (r.status !== 0) throw new Error(`em++ failed (status ${r.status}) building ${out}`);
        if (b.build === 'relaxed') {
            const fix = spawnSync('/usr/bin/python3', [path.join(REPO_ROOT, 'core/kernels/wasmsimd/fix-relaxed-simd.py'),
                                                        out.replace(/\.js$/, '.wasm')], { stdio: ['ignore', 'ignore', 'inherit'] });
            if (fix.status !== 0) throw new Error(`fix-relaxed-simd.py failed on ${out}`);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The two environments.

export async function runNode(opts) {
    const tf = await import('@tensorflow/tfjs-core');
    const tfwasm = await import('@tensorflow/tfjs-backend-wasm');
    tfwasm.setWasmPaths(TFJS_WASM_DIR + path.sep);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs-backend-wasm did not initialise');
    const builds = [];
    for (const b of BUILDS) {
        const wasm = path.join(opts.buildDir, `gemm-bench-${b.build}.wasm`);
        const bytes = await readFile(wasm);
        if (!WebAssembly.validate(bytes)) {
            console.error(`bench:gemm: node ${process.version} cannot compile the ${b.build} build (no relaxed SIMD); skipped`);
            continue;
        }
        const { default: factory } = await import(pathToFileURL(wasm.replace(/\.wasm$/, '.js')).href);
        builds.push({ build: b.build, ours: await loadOurs(factory, await WebAssembly.compile(bytes), b.backend) });
    }
    const cpu = () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1e6;
    };
    return gemmBenchmark({ tf, builds, shapes: opts.shapes, rounds: opts.rounds, batchMs: opts.batchMs, cpu, env: 'node',
                           log: opts.quiet ? () => {} : (m) => console.error(m) });
}

// Runs inside the page: the same gemm-bench-core.mjs; tfjs as its UMD scripts (global `tf`).
async function runInPage({ env, shapes, rounds, batchMs, builds }) {
    const { gemmBenchmark: run, loadOurs: load } = await import('/tests/web/bench/gemm-bench-core.mjs');
    const tf = globalThis.tf;
    tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs-backend-wasm did not initialise');
    const log = [];
    const loaded = [];
    for (const b of builds) {
        const bytes = await (await fetch(`/gemm-build/gemm-bench-${b.build}.wasm`)).arrayBuffer();
        if (!WebAssembly.validate(bytes)) {
            log.push(`bench:gemm: ${env} cannot compile the ${b.build} build; skipped`);
            continue;
        }
        const { default: factory } = await import(`/gemm-build/gemm-bench-${b.build}.js`);
        loaded.push({ build: b.build, ours: await load(factory, await WebAssembly.compile(bytes), b.backend) });
    }
    const rows = await run({ tf, builds: loaded, shapes, rounds, batchMs, env, log: (m) => log.push(m) });
    return { rows, log, userAgent: navigator.userAgent };
}

async function runBrowser(env, opts) {
    return withBrowser(env, { '/': REPO_ROOT, '/gemm-build/': opts.buildDir }, {}, async (openPage) => {
        const page = await openPage();
        await page.addScriptTag({ url: '/node_modules/@tensorflow/tfjs-core/dist/tf-core.min.js' });
        await page.addScriptTag({ url: '/node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js' });
        const { rows, log, userAgent } = await page.evaluate(runInPage, {
            env, shapes: opts.shapes, rounds: opts.rounds, batchMs: opts.batchMs, builds: BUILDS.map((b) => ({ build: b.build, backend: b.backend })),
        });
        for (const m of log) console.error(m);
        console.error(`bench:gemm: ${userAgent}`);
        return rows;
    });
}

// ---------------------------------------------------------------------------------------------
// The table.

export function formatTable(rows) {
    const g = (v) => (v === null || v === undefined ? '-' : v.toFixed(1));
    const head = ['env', 'build', 'shape MxNxK', 'ours f32 GFLOP/s', 'XNNPACK f32 GFLOP/s', 'ratio', 'ours int8 GOP/s',
                  'int8 ceiling GOP/s (share)',
                  'cpu: ours f32 / XNNPACK / int8 / int8 ceiling', 'vs XNNPACK: f32 / int8'];
    const body = rows.map((r) => [
        r.env, r.build, `${r.m}x${r.n}x${r.k}`, g(r.ours_f32.gflops), g(r.xnnpack_f32.gflops),
        (r.ours_f32.gflops / r.xnnpack_f32.gflops).toFixed(2), g(r.ours_int8.gflops),
        r.build === 'simd128' ? `${g(r.int8_ceiling.gops)} (${Math.round(100 * r.ours_int8.gflops / r.int8_ceiling.gops)}%)`
            : `${g(r.int8_ceiling.gops)} (not its bound)`,
        r.ours_f32.gflops_cpu === null ? '-'
            : `${g(r.ours_f32.gflops_cpu)} / ${g(r.xnnpack_f32.gflops_cpu)} / ${g(r.ours_int8.gflops_cpu)} / ${g(r.int8_ceiling.gops_cpu)}`,
        `${r.ours_f32.rel_diff_vs_xnnpack.toExponential(1)} / ${r.ours_int8.rel_diff_vs_xnnpack.toExponential(1)}`,
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main(argv) {
    const opts = parseArgs(argv);
    await buildModules(opts.buildDir);
    const tfVersion = JSON.parse(await readFile(path.join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/package.json'), 'utf8')).version;
    const loadBefore = os.loadavg()[0];
    const rows = [];
    if (opts.envs.includes('node')) rows.push(...(await runNode(opts)));
    for (const env of ['chromium', 'firefox']) if (opts.envs.includes(env)) rows.push(...(await runBrowser(env, opts)));
    // A result that disagrees with XNNPACK is a bug, not a speed: fail loudly.
    const wrong = rows.filter((r) => !(r.ours_f32.rel_diff_vs_xnnpack < 1e-4) || !(r.ours_int8.rel_diff_vs_xnnpack < 0.05));
    console.log(`y = x·wᵀ + b, one thread; XNNPACK = tfjs-backend-wasm ${tfVersion} (fully-connected f32, SIMD build); ` +
                `median per call of ${opts.rounds} alternating rounds of ~${opts.batchMs} ms; Node ${process.version}, ` +
                `${os.cpus()[0].model}, ${os.cpus().length} cores, load average ${loadBefore.toFixed(1)} before and ` +
                `${os.loadavg()[0].toFixed(1)} after`);
    console.log(formatTable(rows));
    if (opts.json) await writeFile(opts.json, JSON.stringify({ tfVersion, node: process.version, rows }, null, 2));
    if (wrong.length) {
        console.error(`bench:gemm: results differ from XNNPACK's: ${wrong.map((r) => `${r.env} ${r.build} ${r.m}x${r.n}x${r.k}`).join(', ')}`);
        process.exitCode = 1;
    }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
