// models/export_onnx.py and models/quantize_onnx.py on the tiny golden models, run through
// onnxruntime-web (wasm) in Node: the exported logits equal upstream's, the int8 graph is the one
// quantize_dynamic writes and agrees with float32, and bad model directories are refused by name.
// (The full model takes minutes to export; ort-vs-minialbert.mjs checks it on every benchmark run,
// and `node tests/web/bench/ort-golden.mjs` checks it case by case.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import * as ort from 'onnxruntime-web';

import { GOLDEN_DIR, REPO_ROOT } from '../../../web/demo/serve.mjs';
import { compareLogits, readGoldenCases } from './ort-golden.mjs';

const PYTHON = '/usr/bin/python3';
const MODELS = ['tiny', 'tiny-gelu-new', 'tiny-seqcls'];
const TINY_ATOL = 2e-5;   // ../shared/golden/README.md, tolerance for the tiny models
// The tiny models have random weights and near ties between labels (tiny-seqcls decides only 12
// rows), so int8 agrees on 92-99% there; the full model agrees on 736/736 tokens
// (README, "Int8 inference"). A broken quantizer lands near chance (1 / labels).
const TINY_MIN_AGREEMENT = 0.9;

let dir;

function python(args) {
    return spawnSync(PYTHON, args, { cwd: REPO_ROOT, encoding: 'utf8' });
}

function tool(name, ...args) {
    const r = python([path.join(REPO_ROOT, 'models', name), ...args]);
    assert.equal(r.status, 0, `${name} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
    return r.stdout;
}

/** For every golden case: {worst, agree, total} of the model's logits against upstream's. */
async function runGolden(onnxPath, model) {
    const session = await ort.InferenceSession.create(await readFile(onnxPath), { executionProviders: ['wasm'] });
    let worst = 0;
    let agree = 0;
    let total = 0;
    for (const c of await readGoldenCases(path.join(GOLDEN_DIR, model))) {
        const { logits } = await session.run(c.feeds);
        assert.deepEqual(logits.dims, c.shape, `${model}/${c.name}: logits shape`);
        const r = compareLogits(logits.data, c);
        worst = Math.max(worst, r.worst);
        agree += r.agree;
        total += r.total;
    }
    await session.release();
    return { worst, agreement: agree / total };
}

before(async () => {
    ort.env.wasm.numThreads = 1;
    dir = await mkdtemp(path.join(os.tmpdir(), 'minialbert-onnx-'));
});

after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
});

for (const model of MODELS) {
    describe(model, () => {
        const f32 = () => path.join(dir, `${model}.onnx`);

        test('export_onnx.py --check, then onnxruntime-web gives the upstream logits', async () => {
            const out = tool('export_onnx.py', path.join(GOLDEN_DIR, model), f32(), '--check');
            assert.match(out, /check: every logits array within/);
            const { worst } = await runGolden(f32(), model);
            assert.ok(worst <= TINY_ATOL, `${model}: max |diff| ${worst} > ${TINY_ATOL}`);
        });

        for (const perChannel of [false, true]) {
            const variant = perChannel ? 'per-channel' : 'per-tensor';
            test(`quantize_onnx.py (${variant}): every constant-weight MatMul is MatMulInteger, argmax agrees`, async () => {
                const int8 = path.join(dir, `${model}-${variant}.onnx`);
                const out = tool('quantize_onnx.py', f32(), int8, ...(perChannel ? ['--per-channel'] : []));
                // Per recursion 10 weight MatMuls with adapters, 6 without, plus projector and
                // classifier; left in float: the two attention products per recursion.
                const weightMatMuls = model === 'tiny-gelu-new' ? 3 * 6 + 2 : 3 * 10 + 2;
                assert.match(out, new RegExp(`; ${weightMatMuls} MatMulInteger, 3 DequantizeLinear, 6 float MatMul left`));
                assert.ok((await stat(int8)).size < 0.5 * (await stat(f32())).size, 'the int8 file is not smaller');
                const { worst, agreement } = await runGolden(int8, model);
                assert.ok(agreement >= TINY_MIN_AGREEMENT, `${model} ${variant}: argmax agreement ${agreement}`);
                assert.ok(worst < 0.5, `${model} ${variant}: max |diff| ${worst}`);
            });
        }
    });
}

describe('refused model directories', () => {
    test('a missing tensor is named', async () => {
        const bad = path.join(dir, 'missing-tensor');
        const r0 = python(['-c', `
import sys; sys.path.insert(0, 'models')
from safetensors_io import read_safetensors, write_safetensors
t = read_safetensors(sys.argv[1]); del t['albert.projector.bias']
import os; os.makedirs(sys.argv[2], exist_ok=True); write_safetensors(sys.argv[2] + '/model.safetensors', t)`,
        path.join(GOLDEN_DIR, 'tiny', 'model.safetensors'), bad]);
        assert.equal(r0.status, 0, r0.stderr);
        await copyFile(path.join(GOLDEN_DIR, 'tiny', 'config.json'), path.join(bad, 'config.json'));
        const r = python([path.join(REPO_ROOT, 'models', 'export_onnx.py'), bad, path.join(dir, 'bad.onnx')]);
        assert.equal(r.status, 1);
        assert.match(r.stderr, /missing tensors \['albert\.projector\.bias'\]/);
    });

    test('a config without a classification head is refused', async () => {
        const bad = path.join(dir, 'no-head');
        const r = python(['-c', `
import json, os, shutil, sys
os.makedirs(sys.argv[2], exist_ok=True)
cfg = json.load(open(sys.argv[1] + '/config.json')); cfg['architectures'] = ['MiniAlbertForMaskedLM']
json.dump(cfg, open(sys.argv[2] + '/config.json', 'w'))
shutil.copy(sys.argv[1] + '/model.safetensors', sys.argv[2])`, path.join(GOLDEN_DIR, 'tiny'), bad]);
        assert.equal(r.status, 0, r.stderr);
        const e = python([path.join(REPO_ROOT, 'models', 'export_onnx.py'), bad, path.join(dir, 'bad.onnx')]);
        assert.equal(e.status, 1);
        assert.match(e.stderr, /'architectures' must name one of MiniAlbertForTokenClassification/);
    });
});
