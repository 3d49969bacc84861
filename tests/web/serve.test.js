// web/demo/serve.mjs: no request stops the server. Malformed paths are answered 400, other methods
// 405, a throwing hook 500, and the next ordinary request is served as before.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { REPO_ROOT, createServer, listen } from '../../web/demo/serve.mjs';

let server;
let port;

before(async () => {
    server = createServer({ '/': REPO_ROOT }, {
        before: (req, res, url) => {
            if (url.pathname === '/throw') throw new Error('a hook that throws');
            return false;
        },
    });
    port = Number(new URL(await listen(server)).port);
});

after(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));

// One request with `target` sent as it is (fetch would normalize it) to the server on `to`;
// resolves to {status, headers, body}.
function request(target, method = 'GET', to = port) {
    return new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: to, path: target, method, agent: false }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        });
        // A handler that threw without answering leaves the request hanging; fail instead.
        req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${method} ${target} within 10 s`)));
        req.on('error', reject);
        req.end();
    });
}

async function assertStillServing() {
    const { status, body } = await request('/package.json');
    assert.equal(status, 200);
    assert.equal(body, await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'));
}

describe('serve.mjs', () => {
    const malformed = {
        'a %-escape that is not UTF-8': '/%E0%A4%A',
        'a %-escape that is not hex': '/web/%ZZ',
        'a NUL byte': '/package.json%00.html',
        'a NUL byte in a directory name': '/web%00/demo/',
        'no URL at all': '//[',
    };
    for (const [name, target] of Object.entries(malformed)) {
        test(`400 for ${name} (${target}), then serves on`, async () => {
            const { status, body } = await request(target);
            assert.equal(status, 400, body);
            await assertStillServing();
        });
    }

    test('a very long path is 404, one past the header limit of Node 431, then serves on', async () => {
        assert.equal((await request(`/${'a'.repeat(8000)}`)).status, 404);
        assert.equal((await request(`/${'a'.repeat(20000)}`)).status, 431);
        await assertStillServing();
    });

    test('only GET and HEAD: other methods get 405 with Allow; HEAD has the headers and no body', async () => {
        for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
            const { status, headers } = await request('/package.json', method);
            assert.equal(status, 405, method);
            assert.equal(headers.allow, 'GET, HEAD');
        }
        const head = await request('/package.json', 'HEAD');
        assert.equal(head.status, 200);
        assert.equal(Number(head.headers['content-length']), (await readFile(path.join(REPO_ROOT, 'package.json'))).length);
        assert.equal(head.body, '');
        await assertStillServing();
    });

    test('a directory without its slash is redirected relative to itself, never to another host', async () => {
        for (const [target, location] of [['/web/demo', './demo/'], ['/.//web', './web/'], ['/web?model=x', './web/?model=x']]) {
            const { status, headers } = await request(target);
            assert.equal(status, 301, target);
            assert.equal(headers.location, location, target);
        }
    });

    test('crossOriginIsolated and headers are on every answer: a file, a 404, a 405 and the hook\'s', async () => {
        const csp = "default-src 'none'";
        const other = createServer({ '/': REPO_ROOT }, {
            crossOriginIsolated: true,
            headers: { 'content-security-policy': csp },
            before: (req, res, url) => {
                if (url.pathname !== '/hook') return false;
                res.writeHead(204).end();
                return true;
            },
        });
        const to = Number(new URL(await listen(other)).port);
        try {
            for (const [target, method, status] of [['/package.json', 'GET', 200], ['/missing', 'GET', 404],
                ['/package.json', 'POST', 405], ['/hook', 'GET', 204]]) {
                const { status: got, headers } = await request(target, method, to);
                assert.equal(got, status, `${method} ${target}`);
                assert.equal(headers['content-security-policy'], csp, `${method} ${target}`);
                assert.equal(headers['cross-origin-opener-policy'], 'same-origin', `${method} ${target}`);
                assert.equal(headers['cross-origin-embedder-policy'], 'require-corp', `${method} ${target}`);
            }
            const { headers } = await request('/package.json');
            assert.equal(headers['content-security-policy'], undefined, 'the other server adds nothing');
        } finally {
            await new Promise((resolve) => { other.closeAllConnections(); other.close(resolve); });
        }
    });

    test('a hook that throws is answered 500 and logged, then serves on', async (t) => {
        const logged = t.mock.method(console, 'error', () => {});
        const { status } = await request('/throw');
        assert.equal(status, 500);
        assert.equal(logged.mock.callCount(), 1);
        assert.match(logged.mock.calls[0].arguments[0], /GET \/throw: Error: a hook that throws/);
        await assertStillServing();
    });
});
