// Node runtimes for the Node-side tests (run-node-releases.mjs) and the benchmark's Node rows: this
// process's Node, a binary given by path, or a pinned Node release fetched once from the npm
// registry's official-binary packages (node-<os>-<cpu>, the nodejs.org builds) into build-node/. A
// release differs in its V8: Node 20 runs wasm without relaxed SIMD unless started with a flag, Node
// 22 and 24 have it on, so in them the JS API takes the relaxed builds.
import { spawnSync } from 'node:child_process';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

import { REPO_ROOT } from '../../web/demo/serve.mjs';

const RELEASES_DIR = path.join(REPO_ROOT, 'build-node');

// Exact versions, so that a table can be reproduced; npm checks the download against the registry's
// integrity hash.
export const NODE_RELEASES = { 22: '22.23.5', 24: '24.22.3' };

/** `spec` ('current', a major version of NODE_RELEASES or a path) as {label, bin}; bin null = this process. */
export async function nodeRuntime(spec) {
    if (spec === 'current') return { label: `node ${process.versions.node}`, bin: null };
    if (spec in NODE_RELEASES) return { label: `node ${NODE_RELEASES[spec]}`, bin: await fetchRelease(NODE_RELEASES[spec]) };
    const r = spawnSync(spec, ['--version'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`--node ${spec}: cannot run '${spec} --version' (${r.error?.message ?? `status ${r.status}`})`);
    return { label: `node ${r.stdout.trim().replace(/^v/, '')}`, bin: path.resolve(spec) };
}

async function fetchRelease(version) {
    const pkg = `node-${process.platform}-${process.arch}`;
    const dir = path.join(RELEASES_DIR, `${pkg}-${version}`);
    const bin = path.join(dir, 'package', 'bin', 'node');
    if (await stat(bin).catch(() => null)) return bin;
    console.error(`fetching ${pkg}@${version} from the npm registry into ${dir}`);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const pack = spawnSync('npm', ['pack', `${pkg}@${version}`, '--pack-destination', dir, '--json'],
                           { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (pack.status !== 0) {
        throw new Error(`npm pack ${pkg}@${version} failed (status ${pack.status}): no Node ${version} for this ` +
                        `platform, or the npm registry is unreachable`);
    }
    const [{ filename }] = JSON.parse(pack.stdout);
    const tar = spawnSync('tar', ['xzf', filename], { cwd: dir, stdio: 'inherit' });
    if (tar.status !== 0) throw new Error(`tar xzf ${path.join(dir, filename)} failed (status ${tar.status})`);
    await rm(path.join(dir, filename));
    const check = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    if (check.stdout?.trim() !== `v${version}`) throw new Error(`${bin} --version gave '${check.stdout?.trim()}', expected v${version}`);
    return bin;
}
