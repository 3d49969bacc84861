// load() with cache: true, in Node against a stand-in for the browsers' Cache API (Node has none):
// the files are kept and a second load works with the server offline; a Cache API that is refused
// (SecurityError, as where site data is blocked) or full (QuotaExceededError on put) never fails the
// load, leaves no partial entry, and the console says once why nothing is kept.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { load } from '../../web/index.js';
import { startGoldenServer } from './helpers.mjs';

let server;
const INPUT = { inputIds: [[2, 40, 41, 400, 3]] };

before(async () => { server = await startGoldenServer(); });
after(async () => {
    delete globalThis.caches;
    await server?.close();
});

// A Cache API of one cache, whose put() may be made to fail; records the calls.
function standInCaches({ open = null, put = null } = {}) {
    const entries = new Map();
    const calls = [];
    const store = {
        async match(url) {
            calls.push(['match', String(url)]);
            return entries.get(String(url))?.clone();
        },
        async put(url, response) {
            calls.push(['put', String(url)]);
            if (put) throw put;
            entries.set(String(url), new Response(await response.arrayBuffer(), { status: response.status, headers: response.headers }));
        },
        async delete(url) {
            calls.push(['delete', String(url)]);
            return entries.delete(String(url));
        },
    };
    globalThis.caches = {
        async open() {
            if (open) throw open;
            return store;
        },
    };
    return { entries, calls };
}

async function logitsOf(options) {
    const m = await load(`${server.base}golden/tiny/`, options);
    try {
        return Array.from((await m.forward(INPUT)).logits);
    } finally {
        m.dispose();
    }
}

// Runs fn with console.info recorded; returns the lines that start with minialbert-web.
async function infoDuring(fn) {
    const lines = [];
    const info = console.info;
    console.info = (...args) => { if (String(args[0]).startsWith('minialbert-web:')) lines.push(args.join(' ')); };
    try {
        await fn();
    } finally {
        console.info = info;
    }
    return lines;
}

test('the files are kept, and the next load works with the server offline', async () => {
    delete globalThis.caches;
    const expected = await logitsOf({});
    const { entries } = standInCaches();
    assert.deepEqual(await logitsOf({ cache: true }), expected);
    const kept = [...entries.keys()].map((u) => u.slice(server.base.length)).sort();
    assert.ok(kept.includes('golden/tiny/config.json') && kept.includes('golden/tiny/model.safetensors'), kept.join());
    server.offline = true;
    try {
        assert.deepEqual(await logitsOf({ cache: true }), expected);
    } finally {
        server.offline = false;
    }
});

test('a refused Cache API: the model loads from the network, and the console says why, once', async () => {
    const expected = await logitsOf({});
    standInCaches({ open: new DOMException('The operation is insecure.', 'SecurityError') });
    const lines = await infoDuring(async () => {
        assert.deepEqual(await logitsOf({ cache: true }), expected);
        assert.deepEqual(await logitsOf({ cache: true }), expected);
    });
    assert.deepEqual(lines, ["minialbert-web: cache: true, but the browser's Cache API refused (SecurityError: The operation is " +
        'insecure.); the model loads from the network and is not kept for offline use']);
});

test('a full Cache API: the model loads, and no entry is left', async () => {
    const expected = await logitsOf({});
    const { entries, calls } = standInCaches({ put: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
    assert.deepEqual(await logitsOf({ cache: true }), expected);
    assert.ok(calls.some(([op, url]) => op === 'put' && url.endsWith('/model.safetensors')), JSON.stringify(calls));
    assert.equal(entries.size, 0);
});
