// Headless Firefox for the browser tests: Debian's /usr/bin/firefox-esr (or $FIREFOX_PATH) through
// puppeteer-core over WebDriver BiDi (playwright-core drives only its own patched Firefox), never a
// downloaded browser, on a fresh profile. The context and pages it returns answer the part of
// playwright-core's API that the browser tests use, so one test file runs in both browsers.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

// Besides puppeteer's own (no updates, no telemetry, no first-run pages): nothing the browser does
// by itself may reach the network, so that a request a test sees is one the page made.
const PREFS = {
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.update.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'extensions.blocklist.enabled': false,
    'services.settings.server': 'http://127.0.0.1:9/',
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    // Firefox has no clipboard permissions to grant: this lets a page read the clipboard without
    // the paste prompt (grantPermissions() below leaves the clipboard's names out).
    'dom.events.testing.asyncClipboard': true,
};
const CLIPBOARD = new Set(['clipboard-read', 'clipboard-write']);

/**
 * Starts Firefox on a new profile directory named after `profilePrefix`. Returns { context, close }:
 * `context` has newPage(), on('request'), grantPermissions() and clearPermissions() as a
 * playwright-core BrowserContext has; close() shuts the browser and removes the profile.
 */
export async function launchFirefox(profilePrefix) {
    const { default: puppeteer } = await import('puppeteer-core');
    const profile = await mkdtemp(path.join(os.tmpdir(), profilePrefix));
    const removeProfile = () => rm(profile, { recursive: true, force: true });
    let browser;
    try {
        browser = await puppeteer.launch({
            browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: profile, extraPrefsFirefox: PREFS,
            // playwright's evaluate() waits as long as the page runs; puppeteer's would give up after 3
            // min, and a benchmark's runs longer.
            protocolTimeout: 3_600_000,
        });
    } catch (e) {
        await removeProfile();
        throw e;
    }
    const requestListeners = [];
    const context = {
        async newPage() {
            const page = await browser.newPage();
            page.on('request', (r) => { for (const listener of requestListeners) listener(r); });
            return playwrightPage(page);
        },
        on(event, listener) {
            if (event !== 'request') throw new Error(`firefox.mjs: context.on('${event}') is not adapted`);
            requestListeners.push(listener);
        },
        grantPermissions: (permissions, { origin }) =>
            browser.defaultBrowserContext().overridePermissions(origin, permissions.filter((p) => !CLIPBOARD.has(p))),
        clearPermissions: () => browser.defaultBrowserContext().clearPermissionOverrides(),
    };
    return { context, close: async () => { await browser.close(); await removeProfile(); } };
}

// Firefox's own error-level logs, which puppeteer reports as page errors: a Content-Security-Policy
// refusal, and a WebAssembly.compileStreaming whose download failed (the rejection is handled).
// Chromium logs such things on the console; a page error is an uncaught exception.
const BROWSER_LOG = /^(Content-Security-Policy: |Failed to read data from the ReadableStream: )/;

// A puppeteer page seen through playwright-core's names and argument orders where the two differ.
function playwrightPage(page) {
    let proxy;
    // As in playwright: a dialog nobody listens for is dismissed, and goto() leaves the page without
    // asking (Firefox would show a page's beforeunload prompt and wait).
    const dialogListeners = [];
    let navigating = false;
    page.on('dialog', (dialog) => {
        if (navigating && dialog.type() === 'beforeunload') dialog.accept();
        else if (dialogListeners.length) for (const listener of dialogListeners) listener(dialog);
        else dialog.dismiss();
    });
    const adapted = {
        async goto(url, options) {
            navigating = true;
            try {
                return await page.goto(url, options);
            } finally {
                navigating = false;
            }
        },
        on(event, listener) {
            if (event === 'pageerror') {
                page.on('pageerror', (e) => { if (!BROWSER_LOG.test(e.message)) listener(e); });
            } else if (event === 'console') {
                page.on('console', listener);
                page.on('pageerror', (e) => {
                    if (BROWSER_LOG.test(e.message)) listener({ type: () => 'error', text: () => e.message, location: () => ({}) });
                });
            } else if (event === 'dialog') {
                dialogListeners.push(listener);
            } else {
                page.on(event, listener);
            }
            return proxy;
        },
        waitForFunction: (fn, arg, options = {}) => page.waitForFunction(fn, options, arg),
        fill: (selector, value) => page.locator(selector).fill(value),
        selectOption: (selector, value) => page.select(selector, value),
        setViewportSize: (size) => page.setViewport(size),
        // playwright writes a chord as 'Control+C'.
        keyboard: {
            async press(keys) {
                const parts = keys.split('+');
                const key = parts.pop();
                for (const modifier of parts) await page.keyboard.down(modifier);
                await page.keyboard.press(key.length === 1 ? key.toLowerCase() : key);
                for (const modifier of parts.reverse()) await page.keyboard.up(modifier);
            },
        },
    };
    proxy = new Proxy(page, {
        get(target, prop) {
            if (Object.hasOwn(adapted, prop)) return adapted[prop];
            const value = Reflect.get(target, prop);
            return typeof value === 'function' ? value.bind(target) : value;
        },
    });
    return proxy;
}
