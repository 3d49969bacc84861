// WebKit, the engine of Safari (JavaScriptCore: SIMD128, no relaxed SIMD), for browser-webkit.test.js:
// Debian's WebKitGTK MiniBrowser driven by its WebDriver (WebKitWebDriver, W3C WebDriver over
// HTTP), on a virtual X display of its own (Xvfb). Neither puppeteer nor playwright-core drives a
// stock WebKit, and WebDriver has no events, so pages are driven through script alone. Every
// request the browser makes to any other host than 127.0.0.1 goes to a proxy that records it and
// answers nothing, so a test can check that nothing left the machine.
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';

const MULTIARCH = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' }[process.arch] ?? `${process.arch}-linux-gnu`;
export const MINIBROWSER = process.env.MINIBROWSER_PATH || `/usr/lib/${MULTIARCH}/webkit2gtk-4.1/MiniBrowser`;
const WEBDRIVER = process.env.WEBKIT_WEBDRIVER_PATH || '/usr/bin/WebKitWebDriver';
const XVFB = '/usr/bin/Xvfb';

function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer().listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
        server.on('error', reject);
    });
}

// Starts Xvfb on a free display; resolves with [process, ':N'] once it is ready.
function startXvfb() {
    return new Promise((resolve, reject) => {
        const xvfb = spawn(XVFB, ['-displayfd', '1', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
        let out = '';
        xvfb.on('error', reject);
        xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready`)));
        xvfb.stdout.on('data', (chunk) => {
            out += chunk;
            if (out.includes('\n')) resolve([xvfb, `:${out.trim()}`]);
        });
    });
}

/**
 * Starts MiniBrowser under WebDriver on a display of its own. Returns { page, outside, close }:
 * page.goto(url), page.evaluate(fn, arg) (fn runs in the page, may be async, and must be
 * self-contained, as with playwright) and page.waitForFunction(fn, arg, { timeout }); `outside` lists
 * every request the browser sent to another host; close() ends browser, driver, display and proxy.
 */
export async function launchWebKit() {
    const outside = [];
    const trap = http.createServer((req, res) => {
        outside.push(req.url);
        res.writeHead(502).end();
    });
    trap.on('connect', (req, socket) => {
        outside.push(`CONNECT ${req.url}`);
        socket.destroy();
    });
    const trapPort = await new Promise((resolve) => trap.listen(0, '127.0.0.1', () => resolve(trap.address().port)));
    const stops = [() => new Promise((resolve) => { trap.closeAllConnections(); trap.close(resolve); })];
    const close = async () => {
        for (const stop of stops.reverse()) await stop();
    };
    try {
        const [xvfb, display] = await startXvfb();
        stops.push(() => xvfb.kill());
        const port = await freePort();
        const driver = spawn(WEBDRIVER, [`--port=${port}`], { env: { ...process.env, DISPLAY: display }, stdio: 'ignore' });
        stops.push(() => driver.kill());
        const base = `http://127.0.0.1:${port}`;
        const call = async (method, path, body) => {
            const response = await fetch(base + path, {
                method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
            });
            const { value } = await response.json();
            if (value?.error) throw new Error(`WebDriver ${method} ${path}: ${value.error}: ${value.message}`);
            return value;
        };
        for (let i = 0; ; i++) {
            const ready = await call('GET', '/status').then((v) => v.ready, () => false);
            if (ready) break;
            if (i === 100) throw new Error(`${WEBDRIVER} did not answer on port ${port}`);
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const session = await call('POST', '/session', { capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': {
            binary: MINIBROWSER, args: ['--automation', `--proxy=http://127.0.0.1:${trapPort}`, '--ignore-host=127.0.0.1'],
        } } } });
        const at = `/session/${session.sessionId}`;
        stops.push(() => call('DELETE', at).catch(() => {}));
        await call('POST', `${at}/timeouts`, { script: 600_000, pageLoad: 60_000 });
        const evaluate = async (fn, arg = null) => {
            const { value, error } = await call('POST', `${at}/execute/async`, {
                script: 'const [arg, done] = arguments; Promise.resolve().then(() => (' + fn.toString() + ')(arg))' +
                    '.then((value) => done({ value: value === undefined ? null : value }), (e) => done({ error: String(e?.stack || e) }));',
                args: [arg],
            });
            if (error !== undefined) throw new Error(`in the page: ${error}`);
            return value;
        };
        const page = {
            goto: (url) => call('POST', `${at}/url`, { url }),
            evaluate,
            async waitForFunction(fn, arg = null, { timeout = 30_000 } = {}) {
                const end = Date.now() + timeout;
                while (!(await evaluate(fn, arg))) {
                    if (Date.now() > end) throw new Error(`waitForFunction: timed out after ${timeout} ms: ${fn}`);
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
            },
        };
        return { page, outside, close };
    } catch (e) {
        await close();
        throw e;
    }
}
