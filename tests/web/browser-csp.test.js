// The JS API under a Content-Security-Policy as strict as a hospital EHR's, in headless Chromium or
// Firefox (browsers.mjs). Every response carries the policy, as a site sends it, so the model
// worker and the threads build's pool workers run under it too. An app page (one module script,
// nothing inline) loads the tiny golden model with load() and loadInWorker() and tags a note, on a
// plain page (one thread, and the console hint) and on a cross-origin isolated one (the threads
// build, 2 threads). Nothing may be refused: no CSP report from any page or worker (the policy's
// report-uri), no `securitypolicyviolation` event, no console error, and every request goes to the
// local server. Policies missing a source the library needs fail the load with an error that names
// it, never hang.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BROWSER, launchBrowser } from './browsers.mjs';
import { startGoldenServer } from './helpers.mjs';

const NONCE = 'bWluaWFsYmVydC1jc3A';
// Typical of an EHR: nothing by default, scripts and connections to the site only.
const EHR_POLICY = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; " +
    "style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
// What the library needs and no more: WebAssembly compilation ('wasm-unsafe-eval', never
// 'unsafe-eval'), same-origin scripts (worker-src falls back to script-src) and fetch.
const MINIMAL_POLICY = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";
// The minimal policy enforcing Trusted Types, with the library's one policy allowed.
const TRUSTED_TYPES_POLICY = `${MINIMAL_POLICY}; require-trusted-types-for 'script'; trusted-types minialbert-web`;
// A nonce-based "strict CSP": the page's one script carries the nonce, the rest is trusted through it.
const NONCE_POLICY = `default-src 'none'; script-src 'nonce-${NONCE}' 'strict-dynamic' 'wasm-unsafe-eval'; ` +
    "worker-src 'self'; connect-src 'self'";

// The app: a page with one module script, which exposes the API and records the page's violations.
const APP_PAGE = `<!doctype html><meta charset="utf-8"><title>EHR</title>
<script type="module" nonce="${NONCE}" src="/csp/app.mjs"></script>`;
const APP_SCRIPT = `import * as minialbert from '/web/index.js';
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.effectiveDirective + ' ' + e.blockedURI));
window.minialbert = minialbert;
document.documentElement.dataset.ready = '1';`;
// An image the policy refuses (img-src falls back to default-src 'none'): its report comes last, so
// once it is in, the reports of everything before it are too.
const SENTINEL = '/csp/sentinel.png';
const HINT = /^minialbert-web: running on 1 thread: the page is not cross-origin isolated \(serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp\)$/;
const TEXT = 'Seen by Dr. Ann Lee on 03/04/2021; call 555-123-4567.';

let browser;
let context;
const requests = []; // every URL the browser asked for, from pages and workers

before(async () => {
    browser = await launchBrowser('minialbert-csp-');
    ({ context } = browser);
    context.on('request', (r) => requests.push(r.url()));
});

after(async () => {
    await browser?.close();
});

// Opens the app on a server whose every response carries `policy` (with a report-uri), cross-origin
// isolated or not; `policyBySuffix` ({'.worker.js': policy}) gives the files whose path ends so
// another one. Returns the page, what it logged, the CSP reports and close().
async function openApp(policy, isolated, policyBySuffix = {}) {
    const reports = [];
    const server = await startGoldenServer({
        crossOriginIsolated: isolated,
        headers: { 'content-security-policy': `${policy}; report-uri /csp/report` },
        before: async (req, res, url) => {
            if (url.pathname === '/csp/report') {
                let body = '';
                for await (const chunk of req) body += chunk;
                reports.push(JSON.parse(body)['csp-report']);
                res.writeHead(204).end();
                return true;
            }
            for (const [suffix, own] of Object.entries(policyBySuffix)) {
                if (url.pathname.endsWith(suffix)) res.setHeader('content-security-policy', `${own}; report-uri /csp/report`);
            }
            const file = { '/csp/page.html': ['text/html; charset=utf-8', APP_PAGE], '/csp/app.mjs': ['text/javascript', APP_SCRIPT] }[url.pathname];
            if (!file) return false;
            res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
            return true;
        },
    });
    const firstRequest = requests.length;
    const page = await context.newPage();
    const messages = [];
    page.on('console', (m) => messages.push({ type: m.type(), text: m.text(), url: m.location().url }));
    page.on('pageerror', (e) => messages.push({ type: 'pageerror', text: e.message }));
    await page.goto(`${server.base}csp/page.html`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === '1', null, { timeout: 30_000 });
    return {
        page, server, messages, reports,
        requests: () => requests.slice(firstRequest),
        close: async () => { await page.close(); await server.close(); },
    };
}

// Sets off the sentinel and waits for its report; returns the reports and the page's violation
// events that came before it.
async function violations(app) {
    await app.page.evaluate((src) => { new Image().src = src; }, SENTINEL);
    const isSentinel = (r) => r['blocked-uri'].endsWith(SENTINEL);
    for (let i = 0; i < 200 && !app.reports.some(isSentinel); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(app.reports.some(isSentinel), 'the sentinel was reported: reports reach the server');
    const events = await app.page.evaluate(() => window.cspViolations);
    assert.ok(events.some((e) => e.endsWith(SENTINEL)), 'the sentinel fired securitypolicyviolation');
    // Firefox asks for the app page's icon by itself, which img-src refuses too.
    const isPageIcon = (r) => r['blocked-uri'] === `${app.server.base}favicon.ico`;
    return {
        reports: app.reports.filter((r) => !isSentinel(r) && !isPageIcon(r)).map((r) =>
            `${r['effective-directive']} ${r['blocked-uri']} in ${r['document-uri']} (${r['source-file']}:${r['line-number']})`),
        events: events.filter((e) => !e.endsWith(SENTINEL)),
    };
}

// Runs in the page: load() then loadInWorker() of the tiny golden model, each tagging `text`;
// a rejection is returned as {code, message}. window.tagSteps records how far it got.
async function tagBothWays({ options, text }) {
    const { load, loadInWorker } = window.minialbert;
    const out = { isolated: globalThis.crossOriginIsolated };
    window.tagSteps = [];
    for (const [how, open] of [['page', load], ['worker', loadInWorker]]) {
        try {
            const onProgress = (e) => e.status !== 'progress' && window.tagSteps.push(`${how}: ${e.status} ${e.file ?? ''}`.trim());
            const m = await open('/golden/tiny/', { ...options, onProgress });
            window.tagSteps.push(`${how}: loaded`);
            const { entities } = await m.tag(text);
            window.tagSteps.push(`${how}: tagged`);
            out[how] = { build: m.info.build, threads: m.info.n_threads, entities };
            await m.dispose();
            window.tagSteps.push(`${how}: disposed`);
        } catch (e) {
            window.tagSteps.push(`${how}: ${e.code}`);
            out[how] = { code: e.code, message: e.message };
        }
    }
    return out;
}

// tagBothWays in the app's page, failing after 90 s with what the page did by then, or saying that
// it no longer answers (a blocked main thread), rather than leaving the test to time out mute.
async function tagInApp(app, args) {
    const late = (ms, value) => new Promise((resolve) => { setTimeout(resolve, ms, value).unref(); });
    const firstRequest = app.server.requests.length;
    const result = await Promise.race([app.page.evaluate(tagBothWays, args), late(90_000, late)]);
    if (result !== late) return result;
    const steps = await Promise.race([app.page.evaluate(() => window.tagSteps), late(5_000, null)]);
    throw new Error(`tagBothWays(${JSON.stringify(args.options)}) did not finish in 90 s: ` +
        (steps ? `the page answers, after [${steps.join(', ')}]` : 'the page does not answer (its main thread is blocked)') +
        `; the server was asked for [${app.server.requests.slice(firstRequest).join(', ')}]; the console: ` +
        JSON.stringify(app.messages.map((m) => `${m.type}: ${m.text}`)));
}

// The console messages other than the optional tokenizer file the tiny model lacks (a 404 Chromium
// logs) and the refusals of the sentinel and of the page's icon (Firefox asks for one).
function unexpectedConsole(messages, base) {
    return messages.filter((m) => ['error', 'warning', 'pageerror'].includes(m.type) &&
        !(/status of 404/.test(m.text) && m.url?.endsWith('/golden/tiny/special_tokens_map.json')) &&
        !m.text.includes(SENTINEL) && !m.text.includes(`${base}favicon.ico `));
}

// The WORKER error of a pool worker that started but could not load (its own policy refused the
// glue or the module): checks the rest of the message and returns what the worker said.
function poolLoadError(result) {
    assert.equal(result?.code, 'WORKER', JSON.stringify(result));
    const m = result.message.match(/^the threads-relaxed build could not start its worker http:\S+\/web\/dist\/minialbert-threads-relaxed\.worker\.js \((.+)\): the worker's own Content-Security-Policy must let it import the glue and take the module \(script-src 'self' or 'strict-dynamic', and 'wasm-unsafe-eval'; a classic worker script carries no nonce\); numThreads: 1 needs no worker$/);
    assert.ok(m, result.message);
    return m[1];
}

// load() with numThreads: 1 on the app's page: how many entities the tiny model finds in TEXT.
function tagsOnOneThread(app) {
    return app.page.evaluate(async (text) => {
        const m = await window.minialbert.load('/golden/tiny/', { numThreads: 1 });
        const { entities } = await m.tag(text);
        m.dispose();
        return entities.length;
    }, TEXT);
}

describe('a strict Content-Security-Policy allows everything the library does', () => {
    for (const [name, policy] of [['EHR', EHR_POLICY], ['minimal', MINIMAL_POLICY], ['nonce + strict-dynamic', NONCE_POLICY],
        ['Trusted Types', TRUSTED_TYPES_POLICY]]) {
        test(`${name}, not cross-origin isolated: one thread, the console hint, no violation`, { timeout: 120_000 }, async () => {
            const app = await openApp(policy, false);
            try {
                const r = await tagInApp(app, { options: {}, text: TEXT });
                const seen = await violations(app);
                assert.equal(r.isolated, false);
                for (const how of ['page', 'worker']) {
                    assert.ok(r[how].entities, `${how}: ${JSON.stringify(r[how])}`);
                    assert.ok(!r[how].build.startsWith('threads'), `${how}: build ${r[how].build}`);
                    assert.equal(r[how].threads, 1, how);
                }
                assert.ok(r.page.entities.length > 0, 'the rules find the date and the phone');
                assert.deepEqual(r.worker.entities, r.page.entities);
                assert.deepEqual(seen, { reports: [], events: [] });
                assert.deepEqual(unexpectedConsole(app.messages, app.server.base), []);
                // Once per JavaScript realm: the page's module, then the model worker's.
                const hints = app.messages.filter((m) => m.type === 'info' && m.text.startsWith('minialbert-web:'));
                assert.equal(hints.length, 2, JSON.stringify(app.messages));
                for (const h of hints) assert.match(h.text, HINT);
                assert.deepEqual(app.requests().filter((u) => !u.startsWith(app.server.base)), []);
                assert.ok(app.server.requests.includes('/web/src/worker.js'), 'the model worker is a same-origin script');
            } finally {
                await app.close();
            }
        });

        test(`${name}, cross-origin isolated: the threads build on 2 threads, no violation`, { timeout: 120_000 }, async () => {
            const app = await openApp(policy, true);
            try {
                const r = await tagInApp(app, { options: { numThreads: 2 }, text: TEXT });
                const seen = await violations(app);
                assert.equal(r.isolated, true);
                for (const how of ['page', 'worker']) {
                    assert.ok(r[how].entities, `${how}: ${JSON.stringify(r[how])}`);
                    assert.equal(r[how].build, 'threads-relaxed', how);
                    assert.equal(r[how].threads, 2, how);
                }
                assert.ok(r.page.entities.length > 0, 'the rules find the date and the phone');
                assert.deepEqual(r.worker.entities, r.page.entities);
                assert.deepEqual(seen, { reports: [], events: [] });
                assert.deepEqual(unexpectedConsole(app.messages, app.server.base), []);
                assert.deepEqual(app.messages.filter((m) => m.text.startsWith('minialbert-web:')), []);
                assert.deepEqual(app.requests().filter((u) => !u.startsWith(app.server.base)), []);
                // The pool's workers, started by the page and by the model worker: same-origin scripts.
                const poolWorkers = app.server.requests.filter((p) => p === '/web/dist/minialbert-threads-relaxed.worker.js');
                assert.equal(poolWorkers.length, 2, JSON.stringify(app.server.requests));
            } finally {
                await app.close();
            }
        });
    }
});

describe('a policy without what the library needs fails the load with a clear error', () => {
    test("no 'wasm-unsafe-eval': UNSUPPORTED naming it, on the page and in the worker", { timeout: 120_000 }, async () => {
        const app = await openApp("default-src 'none'; script-src 'self'; connect-src 'self'", false);
        try {
            const r = await tagInApp(app, { options: {}, text: TEXT });
            for (const how of ['page', 'worker']) {
                assert.equal(r[how].code, 'UNSUPPORTED', `${how}: ${JSON.stringify(r[how])}`);
                assert.match(r[how].message, /Content-Security-Policy needs 'wasm-unsafe-eval' in script-src/);
            }
            // One refusal in each realm, checked before any build is fetched.
            const { reports } = await violations(app);
            assert.deepEqual(reports.map((x) => x.split(' ').slice(0, 4).join(' ')).sort(), [
                `script-src wasm-eval in ${app.server.base}csp/page.html`,
                `script-src wasm-eval in ${app.server.base}web/src/worker.js`,
            ]);
            assert.ok(!app.server.requests.some((p) => p.endsWith('.wasm')), JSON.stringify(app.server.requests));
        } finally {
            await app.close();
        }
    });

    test("worker-src 'none' on an isolated page: WORKER errors, no hang; one thread still works", { timeout: 120_000 }, async () => {
        const app = await openApp("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'none'; connect-src 'self'", true);
        try {
            const r = await tagInApp(app, { options: { numThreads: 2 }, text: TEXT });
            assert.equal(r.page.code, 'WORKER', JSON.stringify(r.page));
            assert.match(r.page.message, /^the threads-relaxed build could not start its worker http:\S+\/web\/dist\/minialbert-threads-relaxed\.worker\.js: .*worker-src 'self'.*numThreads: 1/);
            assert.equal(r.worker.code, 'WORKER', JSON.stringify(r.worker));
            assert.match(r.worker.message, /the worker script http:\S+\/web\/src\/worker\.js could not be loaded: .*worker-src 'self'/);
            const one = await app.page.evaluate(async (text) => {
                const m = await window.minialbert.load('/golden/tiny/', { numThreads: 1 });
                const { entities } = await m.tag(text);
                m.dispose();
                return { build: m.info.build, found: entities.length };
            }, TEXT);
            assert.equal(one.build, 'relaxed');
            assert.ok(one.found > 0);
            const { reports } = await violations(app);
            assert.deepEqual(reports.map((x) => x.split(' ').slice(0, 2).join(' ')).sort(), [
                `worker-src ${app.server.base}web/dist/minialbert-threads-relaxed.worker.js`,
                `worker-src ${app.server.base}web/src/worker.js`,
            ]);
            // The refusals are on the console; the glue's rethrow of the worker's error event is not.
            assert.deepEqual(app.messages.filter((m) => m.type === 'pageerror'), []);
        } finally {
            await app.close();
        }
    });

    // A site may send another policy with some scripts. Here the pool workers' own one lets them
    // start (worker-src is the page's) and take the compiled module but not import the glue.
    test("a pool worker whose own policy refuses the glue: WORKER naming script-src, no hang", { timeout: 120_000 }, async () => {
        const app = await openApp(MINIMAL_POLICY, true, { '.worker.js': "default-src 'none'; script-src 'wasm-unsafe-eval'" });
        try {
            const r = await tagInApp(app, { options: { numThreads: 2 }, text: TEXT });
            for (const how of ['page', 'worker']) assert.match(poolLoadError(r[how]), /^it could not import http:\S+\/web\/dist\/minialbert-threads-relaxed\.js: .+$/, how);
            assert.ok(await tagsOnOneThread(app) > 0);
            assert.deepEqual(app.messages.filter((m) => m.type === 'pageerror'), []);
        } finally {
            await app.close();
        }
    });

    // The pool workers' own policy lets them import the glue but has no 'wasm-unsafe-eval'. Chromium
    // hands them the compiled module all the same; Firefox refuses it (a `messageerror` in the worker).
    test("a pool worker whose own policy lacks 'wasm-unsafe-eval': 2 threads in Chromium, WORKER naming it in Firefox", { timeout: 120_000 }, async () => {
        const app = await openApp(MINIMAL_POLICY, true, { '.worker.js': "default-src 'none'; script-src 'self'" });
        try {
            const r = await tagInApp(app, { options: { numThreads: 2 }, text: TEXT });
            for (const how of ['page', 'worker']) {
                if (BROWSER === 'firefox') {
                    assert.equal(poolLoadError(r[how]), "it could not receive the compiled module (Firefox refuses it to a worker whose own Content-Security-Policy lacks 'wasm-unsafe-eval')", how);
                } else {
                    assert.deepEqual([r[how].build, r[how].threads], ['threads-relaxed', 2], `${how}: ${JSON.stringify(r[how])}`);
                }
            }
            assert.ok(await tagsOnOneThread(app) > 0);
            assert.deepEqual(app.messages.filter((m) => m.type === 'pageerror'), []);
        } finally {
            await app.close();
        }
    });

    test("Trusted Types without trusted-types minialbert-web: WORKER naming it, no hang; one thread still works", { timeout: 120_000 }, async () => {
        const app = await openApp(`${MINIMAL_POLICY}; require-trusted-types-for 'script'; trusted-types other`, true);
        try {
            const r = await tagInApp(app, { options: { numThreads: 2 }, text: TEXT });
            for (const how of ['page', 'worker']) {
                assert.equal(r[how].code, 'WORKER', `${how}: ${JSON.stringify(r[how])}`);
                assert.match(r[how].message, /trusted-types minialbert-web where Trusted Types are enforced/, how);
            }
            assert.ok(await tagsOnOneThread(app) > 0);
        } finally {
            await app.close();
        }
    });

    test('env.wasmPaths on another origin than the policy allows: NETWORK naming the CSP and CORS', { timeout: 120_000 }, async () => {
        const app = await openApp(MINIMAL_POLICY, false);
        try {
            const r = await app.page.evaluate(async () => {
                const elsewhere = new URL('/web/dist/', location.href);
                elsewhere.hostname = elsewhere.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
                window.minialbert.env.wasmPaths = elsewhere.href;
                return window.minialbert.load('/golden/tiny/').then(() => null, (e) => ({ code: e.code, message: e.message }));
            });
            assert.equal(r?.code, 'NETWORK', JSON.stringify(r));
            assert.match(r.message, /^cannot load the \S+ build from http:\/\/\S+\/web\/dist\/ \(set env\.wasmPaths .*Content-Security-Policy \(script-src and connect-src\) and, on another origin, CORS must allow it\)/);
        } finally {
            await app.close();
        }
    });

    test('no connect-src: NETWORK, saying that connect-src may be why', { timeout: 120_000 }, async () => {
        const app = await openApp("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'", false);
        try {
            const r = await tagInApp(app, { options: {}, text: TEXT });
            for (const how of ['page', 'worker']) {
                assert.equal(r[how].code, 'NETWORK', `${how}: ${JSON.stringify(r[how])}`);
                assert.match(r[how].message, /^fetching http:\S+ failed: .*Content-Security-Policy connect-src/);
            }
            const { reports } = await violations(app);
            assert.ok(reports.length > 0 && reports.every((x) => x.startsWith('connect-src ')), reports.join('\n'));
        } finally {
            await app.close();
        }
    });
});
