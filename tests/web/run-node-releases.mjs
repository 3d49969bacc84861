// The Node-side web tests (every tests/web/*.test.js that does not drive Chromium) again in each
// pinned Node release of node-runtime.mjs (22 and 24). `npm run test:web` runs them in the machine's
// Node, which is 20 on Debian 12: WebAssembly there has no relaxed SIMD, so the JS API takes the
// SIMD128 builds. In 22 and 24 it takes the relaxed builds, with the int8 GEMM each engine's probe
// picks (`dot2` where V8 lowers the relaxed dot-add without VNNI, `dotadd` where it is one VNNI
// instruction): the path most Node users run.
//
//   npm run test:web:releases                   (node tests/web/run-node-releases.mjs [MAJOR ...])
//
// The first run fetches the releases (about 50 MB each) with npm into build-node/. Exits non-zero if
// a release cannot be had or any test fails in it.
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

import { REPO_ROOT } from '../../web/demo/serve.mjs';
import { NODE_RELEASES, nodeRuntime } from './node-runtime.mjs';

async function main(argv) {
    const majors = argv.length ? argv : Object.keys(NODE_RELEASES);
    const unknown = majors.filter((m) => !(m in NODE_RELEASES));
    if (unknown.length) throw new Error(`unknown release ${unknown.join(', ')}: expected some of ${Object.keys(NODE_RELEASES).join(', ')}`);
    const testDir = path.join(REPO_ROOT, 'tests/web');
    const files = (await readdir(testDir)).filter((f) => f.endsWith('.test.js') && !f.startsWith('browser')).sort();
    const failed = [];
    for (const major of majors) {
        const { label, bin } = await nodeRuntime(major);
        console.log(`test:web:releases: ${label}: node --test ${files.map((f) => `tests/web/${f}`).join(' ')}`);
        const run = spawnSync(bin, ['--test', ...files.map((f) => path.join('tests/web', f))], { cwd: REPO_ROOT, stdio: 'inherit' });
        if (run.status !== 0) failed.push(`${label} (${run.error?.message ?? `status ${run.status}`})`);
    }
    if (failed.length) throw new Error(`the Node-side web tests failed in ${failed.join(', ')}`);
    console.log(`test:web:releases: passed in ${majors.map((m) => `node ${NODE_RELEASES[m]}`).join(' and ')}`);
}

main(process.argv.slice(2)).catch((e) => {
    console.error(`test:web:releases: ${e.message}`);
    process.exit(1);
});
