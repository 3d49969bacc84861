// Headless Chromium or Firefox for the benchmarks (ort-vs-minialbert.mjs, gemm-vs-xnnpack.mjs,
// threads.mjs), with every file from a local server on 127.0.0.1 (no CDN).
import { createServer, listen } from '../../../web/demo/serve.mjs';
import { launchBrowser } from '../browsers.mjs';

/**
 * Serves `mounts` (web/demo/serve.mjs createServer, with `serverOptions`), starts browser `name`
 * ('chromium' or 'firefox', see ../browsers.mjs; Chromium with `chromiumArgs` too) and returns what
 * `use(openPage)` returns; openPage() opens tests/web/bench/page.html in a new tab, its errors
 * printed. Throws when a page requested a file outside the local server, so a figure never depends
 * on the network. Closes the browser and the server and removes the profile in every case.
 */
export async function withBrowser(name, mounts, serverOptions, use, chromiumArgs = []) {
    const server = createServer(mounts, serverOptions);
    // A benchmark page can stay busy for minutes between two requests.
    server.keepAliveTimeout = 600_000;
    const base = await listen(server);
    let browser;
    try {
        browser = await launchBrowser('minialbert-bench-', name, chromiumArgs);
        const { context } = browser;
        const outside = [];
        context.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url()); });
        const openPage = async () => {
            const page = await context.newPage();
            page.on('pageerror', (e) => console.error(`${name}: ${e.message}`));
            await page.goto(`${base}tests/web/bench/page.html`);
            return page;
        };
        const result = await use(openPage);
        if (outside.length) throw new Error(`the benchmark page requested files outside the local server: ${outside.join(', ')}`);
        return result;
    } finally {
        await browser?.close();
        server.closeAllConnections();
        server.close();
    }
}
