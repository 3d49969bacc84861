// Headless Chromium for the benchmarks (ort-vs-minialbert.mjs, gemm-vs-xnnpack.mjs, threads.mjs):
// Debian's /usr/bin/chromium (or $CHROMIUM_PATH) through playwright-core, never a downloaded browser,
// on a fresh profile, with every file from a local server on 127.0.0.1 (no CDN).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { createServer, listen } from '../../../web/demo/serve.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];

/**
 * Serves `mounts` (web/demo/serve.mjs createServer, with `serverOptions`), starts Chromium and returns
 * what `use(openPage)` returns; openPage() opens tests/web/bench/page.html in a new tab, its errors
 * printed. Throws when a page requested a file outside the local server, so a figure never depends
 * on the network. Closes the browser and the server and removes the profile in every case.
 */
export async function withChromium(mounts, serverOptions, use) {
    const { chromium } = await import('playwright-core');
    const server = createServer(mounts, serverOptions);
    // A benchmark page can stay busy for minutes between two requests.
    server.keepAliveTimeout = 600_000;
    const base = await listen(server);
    const profile = await mkdtemp(path.join(os.tmpdir(), 'minialbert-bench-chromium-'));
    let context;
    try {
        context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
        const outside = [];
        context.on('request', (r) => { if (!r.url().startsWith(base)) outside.push(r.url()); });
        const openPage = async () => {
            const page = await context.newPage();
            page.on('pageerror', (e) => console.error(`chromium: ${e.message}`));
            await page.goto(`${base}tests/web/bench/page.html`);
            return page;
        };
        const result = await use(openPage);
        if (outside.length) throw new Error(`the benchmark page requested files outside the local server: ${outside.join(', ')}`);
        return result;
    } finally {
        await context?.close();
        server.closeAllConnections();
        server.close();
        await rm(profile, { recursive: true, force: true });
    }
}
