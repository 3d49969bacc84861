// The npm package as a user gets it: `npm pack`, installed from the tarball into an empty project,
// imported by its name, runs the embedded default model in the page's thread, in a worker and on
// the threads build. Checks that the tarball holds every file the library can request.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';

import { REPO_ROOT } from './helpers.mjs';

const run = promisify(execFile);
let tmp, app, files;

before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'minialbert-package-'));
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp],
                                 { cwd: REPO_ROOT });
    const [packed] = JSON.parse(stdout);
    files = packed.files.map((f) => f.path);
    app = path.join(tmp, 'app');
    await run('mkdir', [app]);
    await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    // The package has no dependencies, so installing its tarball needs no network.
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(tmp, packed.filename)],
              { cwd: app });
});
after(() => rm(tmp, { recursive: true, force: true }));

test('the tarball has the library, every wasm build and the default model', async () => {
    const inRepo = async (dir) => (await readdir(path.join(REPO_ROOT, dir))).map((f) => `${dir}/${f}`);
    const needed = ['package.json', 'web/index.js', 'web/index.d.ts', ...await inRepo('web/src'), ...await inRepo('web/dist'),
                    ...await inRepo('models/deid-minialbert-small')];
    assert.ok(needed.some((f) => f.endsWith('.wasm')), 'build the wasm first (npm run build:wasm)');
    assert.deepEqual(needed.filter((f) => !files.includes(f)), []);
    assert.deepEqual(files.filter((f) => f.startsWith('tests/') || f.startsWith('core/')), []);
});

test('installed by name, it de-identifies with the default model, in-thread, in a worker and on threads', async () => {
    const note = 'Seen by Dr. Ann Lee on 03/04/2021 at Mercy Hospital. MRN 4829173.';
    await writeFile(path.join(app, 'main.mjs'), `
        import { DEFAULT_MODEL_URL, load, loadInWorker } from 'minialbert-web';
        const note = ${JSON.stringify(note)};
        const out = { defaultModelUrl: String(DEFAULT_MODEL_URL) };
        for (const [how, open] of [['page', () => load(null, { numThreads: 1 })],
                                   ['worker', () => loadInWorker(null, { numThreads: 1 })],
                                   ['threads', () => load(null, { numThreads: 2 })]]) {
            const model = await open();
            out[how] = { info: await model.info, deid: await model.deidentify(note) };
            await model.dispose();
        }
        console.log(JSON.stringify(out));
    `);
    const { stdout } = await run(process.execPath, ['main.mjs'], { cwd: app });
    const out = JSON.parse(stdout);
    assert.ok(out.defaultModelUrl.includes('/node_modules/minialbert-web/models/deid-minialbert-small/'), out.defaultModelUrl);
    for (const how of ['page', 'worker', 'threads']) {
        const { info, deid } = out[how];
        assert.equal(info.n_threads, how === 'threads' ? 2 : 1, how);
        for (const phi of ['Ann Lee', '03/04/2021', 'Mercy', '4829173']) {
            assert.ok(!deid.text.includes(phi), `${how}: '${phi}' left in ${deid.text}`);
        }
        assert.ok(deid.replacements.length >= 4, `${how}: ${JSON.stringify(deid.replacements)}`);
        assert.deepEqual(deid, out.page.deid, `${how} differs from in-thread`);
    }
});
