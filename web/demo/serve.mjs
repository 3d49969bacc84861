// serve.mjs: a static file server for the demo (npm start), on 127.0.0.1 only, no dependencies.
// Serves the repository at / and the shared golden models (../shared/golden beside the repository)
// at /golden/. The tests reuse createServer() with a hook that injects faults. The demo is served
// cross-origin isolated (COOP + COEP headers), so that the page gets SharedArrayBuffer and with it
// the threads build (README, "Threads").
//
//   node web/demo/serve.mjs [--port 8080]    then open the printed URL
import { open, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';
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

// The two headers that make a page cross-origin isolated (globalThis.crossOriginIsolated), which
// browsers require before they give it SharedArrayBuffer. Every response carries them: the page,
// its module scripts, and the workers' scripts, whose isolation follows their own headers too.
export const CROSS_ORIGIN_ISOLATION_HEADERS = {
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
};

/**
 * An http.Server for `mounts`. `before(req, res, url)` may answer a request itself (returning true),
 * which is how tests inject faults. `crossOriginIsolated` adds CROSS_ORIGIN_ISOLATION_HEADERS to
 * every response, and `headers` ({name: value}) adds its own, as a site does with a
 * Content-Security-Policy. Only GET and HEAD are served.
 */
export function createServer(mounts, { before = () => false, crossOriginIsolated = false, headers = {} } = {}) {
    const extraHeaders = { ...(crossOriginIsolated ? CROSS_ORIGIN_ISOLATION_HEADERS : {}), ...headers };
    return http.createServer(async (req, res) => {
        // No request may stop the server: what one throws is answered with a 500, or, once the
        // response has started, ends that response.
        try {
            await serve(req, res, mounts, before, extraHeaders);
        } catch (e) {
            console.error(`serve.mjs: ${req.method} ${req.url}: ${e?.stack || e}`);
            if (res.headersSent) res.destroy();
            else reply(res, 500, 'internal server error');
        }
    });
}

async function serve(req, res, mounts, before, extraHeaders) {
    for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
    // The path comes from the client as it is: one that is no URL ('//['), whose %-escapes are not
    // UTF-8 ('%E0%A4%A'), or that holds a NUL byte is a bad request.
    let url;
    let urlPath;
    try {
        url = new URL(req.url, 'http://localhost');
        urlPath = decodeURIComponent(url.pathname);
    } catch {
        reply(res, 400, 'bad request: malformed URL');
        return;
    }
    if (urlPath.includes('\0')) {
        reply(res, 400, 'bad request: NUL byte in the path');
        return;
    }
    if (await before(req, res, url)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
        reply(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
        return;
    }
    let file = resolvePath(mounts, urlPath);
    let info = file && (await stat(file).catch(() => null));
    if (info?.isDirectory()) {
        if (!url.pathname.endsWith('/')) {
            // Relative to the path, so the redirect stays on this server ('//host/' would leave it).
            res.writeHead(301, { location: `./${path.posix.basename(url.pathname)}/${url.search}` }).end();
            return;
        }
        file = path.join(file, 'index.html');
        info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) {
        reply(res, 404, 'not found');
        return;
    }
    // Opened before the 200 goes out, so an unreadable file is answered 403, not with a cut response.
    const handle = await open(file).catch(() => null);
    if (!handle) {
        reply(res, 403, 'forbidden: the file cannot be read');
        return;
    }
    res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') {
        await handle.close();
        res.end();
        return;
    }
    // A client that leaves mid-file ends the stream; that is no error of the server's.
    pipeline(handle.createReadStream(), res, () => {});
}

function reply(res, status, text, headers = {}) {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(text);
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
    const base = await listen(createServer({ '/': REPO_ROOT, '/golden/': GOLDEN_DIR }, { crossOriginIsolated: true }), port);
    console.log(`minialbert-web demo: ${base}web/demo/  (models: ${base}golden/<name>/; Ctrl-C to stop)`);
}
