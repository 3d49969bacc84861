// serve.mjs: a static file server for the demo (npm start), on 127.0.0.1 only, no dependencies.
// Serves the repository at / and the shared golden models (../shared/golden beside the repository)
// at /golden/. The tests reuse createServer() with a hook that injects faults.
//
//   node web/demo/serve.mjs [--port 8080]    then open the printed URL
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GOLDEN_DIR = path.resolve(REPO_ROOT, '../shared/golden');

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.json': 'application/json',
    '.txt': 'text/plain; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.wasm': 'application/wasm',
    '.safetensors': 'application/octet-stream',
    '.bin': 'application/octet-stream',
};

/** The file a URL path maps to under `mounts` ({'/prefix/': dir}, longest prefix first), or null. */
export function resolvePath(mounts, urlPath) {
    const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
    for (const prefix of prefixes) {
        if (!urlPath.startsWith(prefix)) continue;
        const root = mounts[prefix];
        const file = path.resolve(root, '.' + path.posix.normalize('/' + urlPath.slice(prefix.length)));
        return file === root || file.startsWith(root + path.sep) ? file : null;
    }
    return null;
}

/**
 * An http.Server for `mounts`. `before(req, res, url)` may answer a request itself (returning true),
 * which is how tests inject faults.
 */
export function createServer(mounts, { before = () => false } = {}) {
    return http.createServer(async (req, res) => {
        const url = new URL(req.url, 'http://localhost');
        if (await before(req, res, url)) return;
        let file = resolvePath(mounts, decodeURIComponent(url.pathname));
        let info = file && (await stat(file).catch(() => null));
        if (info?.isDirectory()) {
            if (!url.pathname.endsWith('/')) {
                res.writeHead(301, { location: url.pathname + '/' + url.search }).end();
                return;
            }
            file = path.join(file, 'index.html');
            info = await stat(file).catch(() => null);
        }
        if (!info?.isFile() || req.method !== 'GET') {
            res.writeHead(info ? 405 : 404, { 'content-type': 'text/plain' }).end(info ? 'method not allowed' : 'not found');
            return;
        }
        res.writeHead(200, {
            'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
            'content-length': info.size,
            'cache-control': 'no-cache',
        });
        createReadStream(file).pipe(res);
    });
}

/** Listens on 127.0.0.1 (port 0 = any free port) and resolves to the base URL. */
export function listen(server, port = 0) {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}/`));
    });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const i = process.argv.indexOf('--port');
    const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.PORT || 8080);
    const base = await listen(createServer({ '/': REPO_ROOT, '/golden/': GOLDEN_DIR }), port);
    console.log(`minialbert-web demo: ${base}web/demo/  (models: ${base}golden/<name>/; Ctrl-C to stop)`);
}
