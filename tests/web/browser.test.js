// The demo page and the JS API in headless Chromium or Firefox (browsers.mjs; Debian's browsers, no
// download): the demo's highlighted spans equal tag()'s output, the demo keeps one state through
// failed tags and reloads, golden logits match, a cached model loads offline, errors reject with
// codes. Every request must go to the local server.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { BROWSER, launchBrowser } from './browsers.mjs';
import { GOLDEN_MODELS, REPO_ROOT, assertCacheWorksOffline, logitsTolerance, startGoldenServer } from './helpers.mjs';
import { EXPECTED_ERROR_CODES, errorCodesInPage, goldenLogitsInPage } from './in-page.mjs';

// Put before web/src/worker.js, whose listener it precedes: at the second tag the worker stops
// answering and raises an uncaught error, as a worker that crashes does.
const FAULTY_WORKER = `let tagsSeen = 0;
self.addEventListener('message', (e) => {
    if (e.data?.method !== 'tag' || ++tagsSeen !== 2) return;
    self.postMessage = () => {};
    setTimeout(() => { throw new Error('injected fault'); });
});
`;

let server;
let faultyWorker = false; // while set, the model worker dies during its second tag (FAULTY_WORKER)
let browser;
let context;
let page;
const requests = [];
const consoleErrors = [];

before(async () => {
    server = await startGoldenServer({
        before: async (req, res, url) => {
            if (!faultyWorker || url.pathname !== '/web/src/worker.js') return false;
            const script = FAULTY_WORKER + await readFile(path.join(REPO_ROOT, 'web/src/worker.js'), 'utf8');
            res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(script);
            return true;
        },
    });
    browser = await launchBrowser('minialbert-');
    ({ context } = browser);
    context.on('request', (r) => requests.push(r.url()));
    page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
});

after(async () => {
    await browser?.close();
    await server?.close();
});

// Opens the demo (model `model`) on a page of its own, so a test that breaks its worker leaves the
// shared page alone, and waits for the model. `errors` collects the page's uncaught errors.
async function openDemo(model) {
    const demo = await context.newPage();
    const errors = [];
    demo.on('pageerror', (e) => errors.push(e.message));
    await demo.goto(`${server.base}web/demo/?model=${model}`);
    await demo.waitForFunction(() => /^Loaded/.test(document.getElementById('status').textContent), null, { timeout: 120_000 });
    return { demo, errors };
}

// Makes the demo record, in window.demoLog, every change of its status line or of Tag, as the user sees it.
function recordDemo(demo) {
    return demo.evaluate(() => {
        window.demoLog = [];
        const status = document.getElementById('status');
        const tag = document.getElementById('tag');
        const observer = new MutationObserver(() => window.demoLog.push({
            status: status.textContent, error: status.classList.contains('error'), tagDisabled: tag.disabled,
        }));
        observer.observe(status, { childList: true, characterData: true, subtree: true, attributes: true });
        observer.observe(tag, { attributes: true });
    });
}

// Waits until window.demoLog shows a status matching `loading` and, after it, the end of that load.
function waitForReload(demo, loading) {
    return demo.waitForFunction((source) => {
        const at = window.demoLog.findIndex((e) => new RegExp(source).test(e.status));
        return at >= 0 && window.demoLog.slice(at).some((e) => /^(Loaded|Could not)/.test(e.status));
    }, loading.source, { timeout: 180_000 });
}

// Waits until the demo runs `n` model workers (the worker of a disposed or aborted model ends a moment later).
async function waitForModelWorkers(demo, n) {
    const count = () => demo.workers().filter((w) => w.url().endsWith('/web/src/worker.js')).length;
    for (let i = 0; i < 100 && count() !== n; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(count(), n, 'model workers running');
}

// Runs in the demo: what it shows.
function demoView() {
    return {
        status: document.getElementById('status').textContent, tagDisabled: document.getElementById('tag').disabled,
        output: document.getElementById('output').textContent, marks: document.querySelectorAll('#output mark').length,
        text: document.getElementById('input').value,
    };
}

describe(BROWSER, () => {
    test('demo: the highlighted spans are what tag() returns', async () => {
        await page.goto(`${server.base}web/demo/?model=/golden/full/`);
        await page.waitForFunction(() => /^Loaded/.test(document.getElementById('status').textContent), null, { timeout: 120_000 });
        const text = 'Patient Anna Berg, MRN 88-1234, admitted 2021-03-04 to St. Mary Hospital, Oslo. ' +
            'Seen by Dr. Jean-Luc Picard on 4 March; call 555-0100 or anna.berg@example.org. Café ☕ ok.';
        await page.fill('#input', text);
        await page.click('#tag');
        await page.waitForFunction(() => document.body.dataset.tagged === '1', null, { timeout: 60_000 });
        const marks = await page.$$eval('#output mark', (ms) => ms.map((m) => ({
            type: m.dataset.type, start: Number(m.dataset.start), end: Number(m.dataset.end), text: m.textContent,
        })));
        assert.equal(await page.$eval('#output', (o) => o.textContent), text, 'the output shows the whole text');
        const expected = await page.evaluate(async (t) => {
            const { load } = await import('/web/index.js');
            const m = await load('/golden/full/');
            const { entities } = await m.tag(t);
            m.dispose();
            return entities.map(({ type, start, end, text }) => ({ type, start, end, text }));
        }, text);
        assert.ok(expected.length > 0, 'the random golden model tags something');
        assert.deepEqual(marks, expected);
        // The same entities, with their scores, in the list a keyboard reaches (the marks' titles do not).
        const list = await page.evaluate(() => ({
            hidden: document.getElementById('entities').hidden,
            summary: document.getElementById('entities-summary').textContent,
            rows: [...document.querySelectorAll('#entities-body tr')].map((tr) => [...tr.cells].map((td) => td.textContent)),
        }));
        assert.equal(list.hidden, false);
        assert.equal(list.summary, `${expected.length} ${expected.length === 1 ? 'entity' : 'entities'}: type, text, score, found by`);
        assert.deepEqual(list.rows.map((r) => r[1]), expected.map((e) => e.text));
        assert.ok(list.rows.every((r) => /^\d\.\d{3}$/.test(r[2]) && /^(model|rule|deny-list):/.test(r[3])), JSON.stringify(list.rows));
    });

    test('demo: without ?model= it loads the embedded default model, which finds PHI', async () => {
        await page.goto(`${server.base}web/demo/`);
        await page.waitForFunction(() => /^Loaded/.test(document.getElementById('status').textContent), null, { timeout: 120_000 });
        assert.equal(await page.$eval('#model-url', (i) => i.value), '/models/deid-minialbert-small/');
        await page.fill('#input', 'Seen by Dr. Anna Smith on 12/16/2024; call 555-123-4567.');
        await page.click('#tag');
        await page.waitForFunction(() => document.body.dataset.tagged === '1', null, { timeout: 60_000 });
        const types = await page.$$eval('#output mark', (ms) => ms.map((m) => m.dataset.type));
        for (const type of ['NAME', 'DATE', 'CONTACT']) assert.ok(types.includes(type), `${type} in ${types}`);
    });

    test('demo: a sequence classifier gets Classify, which shows classify() and says when the text was cut', async () => {
        const { demo, errors } = await openDemo('/golden/tiny-seqcls/');
        const buttons = () => demo.evaluate(() => Object.fromEntries(['tag', 'deidentify', 'classify'].map((id) => {
            const b = document.getElementById(id);
            return [id, b.hidden ? 'hidden' : b.disabled ? 'off' : 'on'];
        })));
        assert.deepEqual(await buttons(), { tag: 'hidden', deidentify: 'hidden', classify: 'on' });
        const rows = () => demo.$$eval('#output div', (ds) => ds.map((d) => ({ label: d.dataset.label, score: Number(d.dataset.score) })));
        const expected = (t) => demo.evaluate(async (text) => {
            const { load } = await import('/web/index.js');
            const m = await load('/golden/tiny-seqcls/');
            const ranked = await m.classify(text);
            m.dispose();
            return { ranked: [...ranked], tokens: ranked.tokens, tokensRead: ranked.tokensRead };
        }, t);
        const note = 'Crushing chest pain radiating to the left arm, diaphoretic.';
        await demo.fill('#input', note);
        await demo.click('#classify');
        await demo.waitForFunction(() => document.body.dataset.classified === '1', null, { timeout: 60_000 });
        const short = await expected(note);
        assert.deepEqual(await rows(), short.ranked);
        assert.match(await demo.$eval('#status', (t) => t.textContent), new RegExp(`^${short.ranked[0].label} \\(0\\.\\d{3}\\) in \\d+ ms$`));
        assert.ok(!(await demo.$eval('#output', (o) => o.textContent)).includes('the rest did not count'));
        assert.deepEqual(await buttons(), { tag: 'hidden', deidentify: 'hidden', classify: 'on' });
        assert.equal(await demo.$eval('#entities', (d) => d.hidden), true, 'a classification has no entity list');

        const long = `${note} `.repeat(60);
        await demo.fill('#input', long);
        await demo.click('#classify');
        await demo.waitForFunction(() => document.body.dataset.classified === '2', null, { timeout: 60_000 });
        const cut = await expected(long);
        assert.ok(cut.tokensRead < cut.tokens);
        assert.deepEqual(await rows(), cut.ranked);
        assert.match(await demo.$eval('#output p', (p) => p.textContent),
            new RegExp(`^The model read the first ${cut.tokensRead} of the text's ${cut.tokens} tokens \\(its window\\)`));
        assert.deepEqual(errors, []);
        await demo.close();
    });

    test('demo: De-identify shows deidentify() with the chosen operator; an edit greys the result out', async () => {
        const { demo, errors } = await openDemo('/models/deid-minialbert-small/');
        const note = 'Seen by Dr. Anna Smith on 12/16/2024; call 555-123-4567.';
        await demo.fill('#input', note);
        await demo.selectOption('#operator', 'surrogate');
        await demo.click('#deidentify');
        await demo.waitForFunction(() => document.body.dataset.deidentified === '1', null, { timeout: 60_000 });
        const shown = await demo.evaluate(demoView);
        const marks = await demo.$$eval('#output mark', (ms) => ms.map((m) => ({
            type: m.dataset.type, start: Number(m.dataset.start), end: Number(m.dataset.end), text: m.textContent,
        })));
        const expected = await demo.evaluate(async (t) => {
            const { load } = await import('/web/index.js');
            const m = await load('/models/deid-minialbert-small/');
            const result = await m.deidentify(t, { operators: 'surrogate' });
            m.dispose();
            return result;
        }, note);
        assert.equal(shown.output, expected.text);
        assert.deepEqual(marks, expected.replacements.map((r) => ({ type: r.type, start: r.newStart, end: r.newEnd, text: r.replacement })));
        // Chromium computes attr(data-type) to the string, Firefox keeps it as written.
        const surrogateLabels = await demo.$$eval('#output mark', (ms) => ms.map((m) => getComputedStyle(m, '::after').content
            .replace('attr(data-type)', `"${m.dataset.type}"`)));
        assert.deepEqual(surrogateLabels, expected.replacements.map((r) => `"${r.type}"`), 'a surrogate is labelled with its type');
        for (const phi of ['Anna', 'Smith', '12/16/2024', '555-123-4567']) assert.ok(!shown.output.includes(phi), shown.output);
        assert.match(shown.status, /^\d+ replacements in \d+ ms$/);
        // The titles say what each replacement is, never what it replaced: a copy of the selection
        // would carry them along, hidden, into the document it is pasted in.
        assert.deepEqual(await demo.$$eval('#output mark', (ms) => ms.map((m) => m.title)),
            expected.replacements.map((r) => `${r.type}: ${r.operator}`));
        assert.equal(shown.text, note, 'the note stays in the text box');
        // The list of replacements names what replaced each entity, never the original.
        const list = await demo.evaluate(() => ({
            hidden: document.getElementById('entities').hidden,
            text: document.getElementById('entities').textContent,
            rows: [...document.querySelectorAll('#entities-body tr')].map((tr) => [...tr.cells].map((td) => td.textContent)),
        }));
        assert.equal(list.hidden, false);
        assert.deepEqual(list.rows.map((r) => r[1]), expected.replacements.map((r) => r.replacement));
        assert.deepEqual(list.rows.map((r) => r[2]), expected.replacements.map((r) => r.score.toFixed(3)));
        for (const phi of ['Anna', 'Smith', '12/16/2024', '555-123-4567']) assert.ok(!list.text.includes(phi), list.text);

        // Copy result puts exactly the de-identified text on the clipboard.
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.base).origin });
        await demo.click('#copy');
        await demo.waitForFunction(() => /^Copied/.test(document.getElementById('status').textContent));
        assert.equal(await demo.evaluate(() => navigator.clipboard.readText()), expected.text);
        assert.equal(await demo.$eval('#status', (t) => t.textContent), `Copied ${expected.text.length} characters.`);
        // Selecting the result and copying it (Ctrl+C) gives its plain text only: no markup, no titles.
        await demo.evaluate(() => navigator.clipboard.writeText(''));
        await demo.evaluate(() => document.getSelection().selectAllChildren(document.getElementById('output')));
        await demo.keyboard.press('Control+C');
        const copied = await demo.evaluate(async () => {
            const items = await navigator.clipboard.read();
            return { types: items.flatMap((i) => i.types), text: await navigator.clipboard.readText() };
        });
        assert.deepEqual(copied, { types: ['text/plain'], text: expected.text });

        await demo.type('#input', ' Follow-up as needed.');
        assert.equal(await demo.$eval('#copy', (b) => b.disabled), true, 'no copying a result of another text');
        const edited = await demo.evaluate(() => ({
            stale: document.getElementById('output').classList.contains('stale'),
            status: document.getElementById('status').textContent, output: document.getElementById('output').textContent,
        }));
        assert.deepEqual(edited, { stale: true, status: 'The text has changed since this result: run it again.', output: expected.text });
        assert.equal(await demo.$eval('#entities', (d) => d.classList.contains('stale')), true, 'the list is of the old text too');
        await demo.selectOption('#operator', 'tag');
        await demo.click('#deidentify');
        await demo.waitForFunction(() => document.body.dataset.deidentified === '2', null, { timeout: 60_000 });
        const again = await demo.evaluate(demoView);
        assert.ok(again.output.startsWith('Seen by Dr. [NAME] on [DATE]'), again.output);
        assert.ok(again.output.endsWith(' Follow-up as needed.'), again.output);
        const labels = await demo.$$eval('#output mark', (ms) => ms.map((m) => getComputedStyle(m, '::after').content));
        assert.ok(labels.length > 0 && labels.every((c) => c === 'none'), `a [TYPE] tag gets no second type label: ${labels}`);
        assert.equal(await demo.$eval('#output', (o) => o.classList.contains('stale')), false);
        assert.equal(await demo.$eval('#copy', (b) => b.disabled), false);
        // Another operator: the result shown is not what De-identify would give now.
        await demo.selectOption('#operator', 'mask');
        assert.deepEqual(await demo.evaluate(() => ({
            stale: document.getElementById('output').classList.contains('stale'), copy: document.getElementById('copy').disabled,
            status: document.getElementById('status').textContent,
        })), { stale: true, copy: true, status: 'The operator has changed since this result: run it again.' });
        await demo.click('#tag');
        await demo.waitForFunction(() => document.body.dataset.tagged === '1', null, { timeout: 60_000 });
        assert.equal(await demo.$eval('#copy', (b) => b.disabled), true, 'Tag shows the note itself: nothing to copy');
        await context.clearPermissions();
        assert.deepEqual(errors, []);
        await demo.close();
    });

    test('demo: a failed tag clears the entities of the previous text, and keeps the new text', async () => {
        faultyWorker = true;
        const { demo, errors } = await openDemo('/models/deid-minialbert-small/').finally(() => { faultyWorker = false; });
        await demo.fill('#input', 'Seen by Dr. Anna Smith on 12/16/2024; call 555-123-4567.');
        await demo.click('#tag');
        await demo.waitForFunction(() => document.body.dataset.tagged === '1', null, { timeout: 60_000 });
        const tagged = await demo.evaluate(demoView);
        assert.ok(tagged.marks > 0 && /^\d+ entities in \d+ ms$/.test(tagged.status), JSON.stringify(tagged));
        // The model's worker dies during the next tag (FAULTY_WORKER).
        const other = 'A different note about Robert Paulson, seen 01/02/2020.';
        await demo.fill('#input', other);
        await demo.click('#tag');
        await demo.waitForFunction(() => document.getElementById('status').classList.contains('error'), null, { timeout: 60_000 });
        const failed = await demo.evaluate(demoView);
        assert.match(failed.status, /^Tagging failed \(WORKER\): .*injected fault/);
        assert.deepEqual({ output: failed.output, text: failed.text }, { output: '', text: other },
            'nothing of the earlier note is left, and the new text is untouched');
        assert.ok(failed.tagDisabled, 'the model died with its worker: Tag waits for Load');
        await demo.click('#load');
        await demo.waitForFunction(() => /^Loaded/.test(document.getElementById('status').textContent), null, { timeout: 120_000 });
        await demo.click('#tag');
        await demo.waitForFunction(() => document.body.dataset.tagged === '2', null, { timeout: 60_000 });
        assert.equal(await demo.$eval('#output', (o) => o.textContent), other);
        assert.deepEqual(errors, []);
        await demo.close();
    });

    test('demo: for keyboards and screen readers: names, focus during a run, the announced outcome', async () => {
        const { demo, errors } = await openDemo('/models/deid-minialbert-small/');
        const names = await demo.evaluate(() => ({
            note: document.getElementById('input').labels[0]?.textContent,
            operator: document.getElementById('operator').getAttribute('aria-label'),
            download: document.getElementById('progress').getAttribute('aria-label'),
            outputLive: document.getElementById('output').getAttribute('aria-live'),
            statusRole: document.getElementById('status').getAttribute('role'),
        }));
        assert.deepEqual(names, {
            note: 'Clinical note: type or paste it here; it stays in this page.',
            operator: 'De-identify: replace each entity with',
            download: 'Model download',
            outputLive: null, // the status line says what came out; the whole note is not read out
            statusRole: 'status',
        });
        await recordDemo(demo);
        await demo.fill('#input', 'Patient John Smith seen on 03/04/2021 by Dr. Lee at Boston General. '.repeat(100));
        await demo.focus('#tag');
        await demo.keyboard.press('Enter');
        assert.equal(await demo.evaluate(() => document.activeElement.id), 'cancel', 'focus waits on Cancel while Tag is off');
        await demo.waitForFunction(() => document.body.dataset.tagged === '1', null, { timeout: 60_000 });
        assert.equal(await demo.evaluate(() => document.activeElement.id), 'tag', 'and comes back to Tag');
        const said = (await demo.evaluate(() => window.demoLog)).map((e) => e.status);
        assert.match(said.at(-1), /^\d+ entities in \d+ ms$/, 'the outcome is announced, not the model line again');
        assert.ok(!said.slice(1).some((s) => /^Loaded/.test(s)), said.join(' | '));
        // The scores a mouse sees in the marks' titles are in the entity list, which the keyboard opens.
        await demo.focus('#entities-summary');
        await demo.keyboard.press('Enter');
        const list = await demo.evaluate(() => ({
            open: document.getElementById('entities').open,
            rows: document.querySelectorAll('#entities-body tr').length,
            marks: document.querySelectorAll('#output mark').length,
        }));
        assert.ok(list.open && list.rows > 0 && list.rows === list.marks, JSON.stringify(list));
        // Narrow screens: no sideways scrolling at 320 px (WCAG reflow), the open list included.
        await demo.setViewportSize({ width: 320, height: 640 });
        assert.ok(await demo.evaluate(() => document.documentElement.scrollWidth <= 320), 'the page fits 320 px');
        // A long unbroken string (a URL, an ID) breaks in the result rather than widening the page;
        // one entity is "1 entity".
        await demo.fill('#input', `See https://portal.example.org/records/view?id=${'A1B2C3D4'.repeat(40)}`);
        await demo.click('#tag');
        await demo.waitForFunction(() => document.body.dataset.tagged === '2', null, { timeout: 60_000 });
        assert.match(await demo.$eval('#status', (s) => s.textContent), /^1 entity in \d+ ms$/);
        assert.ok(await demo.evaluate(() => document.documentElement.scrollWidth <= 320), 'a long URL fits 320 px');
        assert.deepEqual(errors, []);
        await demo.close();
    });

    test('demo: an edit made while a tag runs marks its result as of the old text; a typed note asks before leaving', async () => {
        const { demo, errors } = await openDemo('/models/deid-minialbert-small/');
        const note = 'Patient John Smith seen on 03/04/2021 by Dr. Lee at Boston General. '.repeat(400);
        await demo.fill('#input', note);
        await demo.click('#tag');
        await demo.type('#input', ' Also seen by Dr. Alan Grant.');
        await demo.waitForFunction(() => document.body.dataset.tagged === '1', null, { timeout: 60_000 });
        const view = await demo.evaluate(() => ({
            stale: document.getElementById('output').classList.contains('stale'),
            status: document.getElementById('status').textContent, output: document.getElementById('output').textContent,
            focus: document.activeElement.id,
        }));
        assert.deepEqual(view, { stale: true, status: 'The text has changed since this run started: run it again.', output: note,
                                 focus: 'input' }, 'the result is shown, set aside, and the typing is not interrupted');
        const dialogs = [];
        demo.on('dialog', (dialog) => { dialogs.push(dialog.type()); dialog.dismiss(); });
        await demo.close({ runBeforeUnload: true });
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.deepEqual(dialogs, ['beforeunload'], 'closing the page with a typed note asks first');
        assert.deepEqual(errors, []);
        await demo.close();
    });

    test('demo: an operator chosen while De-identify runs marks its result as of the operator it ran with', async () => {
        const { demo, errors } = await openDemo('/models/deid-minialbert-small/');
        await demo.fill('#input', 'Patient John Smith seen on 03/04/2021 by Dr. Lee at Boston General. '.repeat(400));
        await demo.selectOption('#operator', 'tag');
        // The operator changes in the task that started the run, so the run cannot end in between.
        const changedWhileRunning = await demo.evaluate(() => {
            document.getElementById('deidentify').click();
            const running = document.getElementById('deidentify').disabled;
            const operator = document.getElementById('operator');
            operator.value = 'redact';
            operator.dispatchEvent(new Event('change'));
            return running;
        });
        assert.ok(changedWhileRunning);
        await demo.waitForFunction(() => document.body.dataset.deidentified === '1', null, { timeout: 60_000 });
        const view = await demo.evaluate(() => ({
            stale: document.getElementById('output').classList.contains('stale'), copy: document.getElementById('copy').disabled,
            status: document.getElementById('status').textContent,
            tagged: document.getElementById('output').textContent.startsWith('Patient [NAME] seen on [DATE]'),
        }));
        assert.deepEqual(view, { stale: true, copy: true, status: 'The operator has changed since this run started: run it again.',
                                 tagged: true }, 'the [TYPE] result is shown, set aside, with nothing to copy');
        assert.deepEqual(errors, []);
        await demo.close();
    });

    test('demo: Cancel stops a long tag before its end: progress moved, the text is kept, Tag works again', async () => {
        const { demo, errors } = await openDemo('/models/deid-minialbert-small/');
        await recordDemo(demo);
        const note = 'Patient John Smith seen on 03/04/2021 by Dr. Lee at Boston General. '.repeat(400);
        await demo.fill('#input', note);
        await demo.click('#tag');
        assert.equal(await demo.$eval('#cancel', (b) => b.hidden), false, 'Cancel is shown while the tag runs');
        await demo.waitForFunction(() => document.getElementById('run-progress').value > 0, null, { timeout: 60_000 });
        const cancelledAt = await demo.evaluate(() => {
            const at = document.getElementById('run-progress').value;
            document.getElementById('cancel').click();
            return at;
        });
        assert.ok(cancelledAt < 100, `the tag had ${cancelledAt}% done`);
        await demo.waitForFunction(() => /cancelled/.test(document.getElementById('status').textContent), null, { timeout: 60_000 });
        const view = await demo.evaluate(demoView);
        assert.equal(view.status, 'Tagging cancelled; the text is unchanged.');
        assert.deepEqual({ output: view.output, text: view.text, tagDisabled: view.tagDisabled }, { output: '', text: note, tagDisabled: false });
        assert.deepEqual(await demo.evaluate(() => [document.getElementById('cancel').hidden, document.getElementById('run-progress').hidden,
                                                     document.body.dataset.tagged]), [true, true, undefined]);
        assert.deepEqual((await demo.evaluate(() => window.demoLog)).filter((e) => e.error), [], 'no error was shown');
        await demo.fill('#input', 'Seen by Dr. Anna Smith on 12/16/2024.');
        await demo.click('#tag');
        await demo.waitForFunction(() => document.body.dataset.tagged === '1', null, { timeout: 60_000 });
        assert.ok(await demo.$$eval('#output mark', (m) => m.length) > 0);
        assert.deepEqual(errors, []);
        await demo.close();
    });

    test('demo: Load during a running tag cancels it, keeps Tag off until the new model is ready, shows no error', async () => {
        const { demo, errors } = await openDemo('/models/deid-minialbert-small/');
        await recordDemo(demo);
        const note = 'Patient John Smith seen on 03/04/2021 by Dr. Lee at Boston General. '.repeat(400); // ~2 s of tagging
        await demo.fill('#input', note);
        await demo.click('#tag');
        // Load is clicked in the same task that sees the tag still running, so the tag cannot end in between.
        const tagWasRunning = await demo.evaluate(() => {
            const running = document.getElementById('tag').disabled && document.body.dataset.tagged === undefined;
            document.getElementById('load').click();
            return running;
        });
        assert.ok(tagWasRunning, 'Load was clicked while the tag ran (if not, this machine tags faster: lengthen the note)');
        // An impatient user clicks Tag as soon as the page says it is loading.
        await demo.waitForFunction(() => /^Loading/.test(document.getElementById('status').textContent));
        await demo.evaluate(() => document.getElementById('tag').click());
        await waitForReload(demo, /^Loading/);
        const log = await demo.evaluate(() => window.demoLog);
        assert.deepEqual(log.filter((e) => !e.tagDisabled && !/^Loaded/.test(e.status)), [], 'Tag is on only with a loaded model');
        assert.deepEqual(log.filter((e) => e.error), [], 'no error was shown');
        const view = await demo.evaluate(demoView);
        assert.match(view.status, /^Loaded/);
        assert.equal(view.tagDisabled, false);
        assert.equal(view.output, '', 'the result of the replaced model is dropped');
        assert.equal(view.text, note);
        await waitForModelWorkers(demo, 1);
        await demo.click('#tag');
        await demo.waitForFunction(() => document.body.dataset.tagged === '1', null, { timeout: 60_000 });
        assert.equal(await demo.$eval('#output', (o) => o.textContent), note);
        assert.deepEqual(errors, []);
        await demo.close();
    });

    test('demo: a second Load while one runs replaces it: the first is aborted, its error not shown', async () => {
        const { demo, errors } = await openDemo('/golden/tiny/');
        await recordDemo(demo);
        await demo.fill('#model-url', '/fault/slow/full/'); // 72 MB at 64 KiB per 20 ms: about 20 s
        await demo.click('#load');
        await demo.waitForFunction(() => document.getElementById('progress').value > 0, null, { timeout: 60_000 });
        await demo.fill('#model-url', '/golden/tiny/');
        await demo.click('#load');
        await waitForReload(demo, /^Loading .*\/golden\/tiny\/ …/);
        const log = await demo.evaluate(() => window.demoLog);
        assert.deepEqual(log.filter((e) => e.error), [], 'no error was shown');
        assert.match(log.at(-1).status, /^Loaded .*: 5 labels/, 'the second model (tiny, 5 labels) is the one loaded');
        await waitForModelWorkers(demo, 1);
        assert.deepEqual(errors, []);
        await demo.close();
    });

    test('demo: Cancel loading stops a stalled download: no model, no error, the text kept, Load works again', async () => {
        const { demo, errors } = await openDemo('/golden/tiny/');
        const text = await demo.$eval('#input', (i) => i.value);
        assert.equal(await demo.$eval('#cancel-load', (b) => b.hidden), true, 'shown only while loading');
        await demo.fill('#model-url', '/fault/slow/full/');
        await demo.click('#load');
        await demo.waitForFunction(() => document.getElementById('progress').value > 0, null, { timeout: 60_000 });
        await demo.focus('#cancel-load');
        await demo.keyboard.press('Enter');
        assert.equal(await demo.evaluate(() => document.activeElement.id), 'load', 'the focus moves on to Load');
        await demo.waitForFunction(() => /^Loading cancelled/.test(document.getElementById('status').textContent), null, { timeout: 20_000 });
        assert.deepEqual(await demo.evaluate(() => ({
            error: document.getElementById('status').classList.contains('error'), tag: document.getElementById('tag').disabled,
            cancelHidden: document.getElementById('cancel-load').hidden, progressHidden: document.getElementById('progress').hidden,
            text: document.getElementById('input').value,
        })), { error: false, tag: true, cancelHidden: true, progressHidden: true, text });
        await waitForModelWorkers(demo, 0);
        await demo.fill('#model-url', '/golden/tiny/');
        await demo.click('#load');
        await demo.waitForFunction(() => /^Loaded/.test(document.getElementById('status').textContent), null, { timeout: 120_000 });
        assert.deepEqual(errors, []);
        await demo.close();
    });

    test('demo: a model address that is no URL is reported with the name of the error, and the text is kept', async () => {
        const { demo, errors } = await openDemo('/models/deid-minialbert-small/');
        const text = await demo.$eval('#input', (i) => i.value);
        await demo.fill('#model-url', 'http://[');
        await demo.click('#load');
        await demo.waitForFunction(() => document.getElementById('status').classList.contains('error'), null, { timeout: 20_000 });
        const view = await demo.evaluate(demoView);
        assert.match(view.status, /^Could not load the model \(TypeError\): \S/);
        assert.ok(view.tagDisabled);
        assert.equal(view.text, text);
        assert.deepEqual(errors, []);
        await demo.close();
    });

    for (const model of GOLDEN_MODELS) {
        test(`golden logits: ${model}`, async () => {
            await page.goto(`${server.base}web/demo/`);
            const builds = [await page.evaluate(goldenLogitsInPage, { model, backend: 'auto' })];
            // When 'auto' took the relaxed build, check the SIMD128 build too.
            if (builds[0].build !== 'simd') builds.push(await page.evaluate(goldenLogitsInPage, { model, backend: 'wasmsimd' }));
            for (const { build, backend, cases } of builds) {
                assert.ok(Object.keys(cases).length > 0);
                for (const [name, { worst, dimsOk }] of Object.entries(cases)) {
                    assert.ok(dimsOk, `${model}/${name} (${build}/${backend}): dims`);
                    assert.ok(worst <= logitsTolerance(model), `${model}/${name} (${build}/${backend}): max |Δlogit| ${worst}`);
                }
            }
        });
    }

    test('cache: true keeps the files, and a second load works offline', async () => {
        await page.goto(`${server.base}web/demo/`);
        await assertCacheWorksOffline(page, server);
    });

    test('errors reject with codes and the page keeps working', async () => {
        await page.goto(`${server.base}web/demo/`);
        assert.deepEqual(await page.evaluate(errorCodesInPage), EXPECTED_ERROR_CODES);
    });

    test('a build whose glue script stops arriving: NETWORK, and the next load asks for it again and works', async () => {
        await page.goto(`${server.base}web/demo/`);
        const result = await page.evaluate(async () => {
            const { load, env } = await import('/web/index.js');
            env.wasmPaths = '/fault/stall-glue/dist/';
            // The SIMD128 build, which the demo's own load does not start.
            const simd = { backend: 'wasmsimd', numThreads: 1 };
            const stalled = await load('/golden/tiny/', { ...simd, stallTimeoutMs: 300 })
                .then(() => 'loaded', (e) => `${e.code} ${/minialbert-simd\.js stalled/.test(e.message)}`);
            const m = await load('/golden/tiny/', simd);
            const dims = (await m.forward({ inputIds: [5, 6] })).dims.join();
            const backend = m.info.backend;
            m.dispose();
            return { stalled, backend, dims };
        });
        assert.deepEqual(result, { stalled: 'NETWORK true', backend: 'wasmsimd', dims: '1,2,5' });
        const glueRequests = server.requests.filter((p) => p === '/fault/stall-glue/dist/minialbert-simd.js');
        assert.equal(glueRequests.length, 2, 'the second load asked for the glue again');
    });

    test('nothing but the local server was contacted', () => {
        assert.ok(requests.length > 0);
        // A data: URL (Firefox reports its own, and the demo's icon) is read from the page itself.
        const elsewhere = requests.filter((u) => !u.startsWith(server.base) && !u.startsWith('data:'));
        assert.deepEqual(elsewhere, []);
        // The browser's own request for an icon, which Playwright does not report, reaches the server.
        assert.ok(!server.requests.includes('/favicon.ico'), 'the demo page made the browser ask for /favicon.ico');
        // The browsers' logs of the downloads the tests fail on purpose.
        const unexpected = consoleErrors.filter((m) => !/^Failed to (load resource|read data from the ReadableStream): /.test(m));
        assert.deepEqual(unexpected, []);
    });
});
