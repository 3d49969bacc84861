// Runs the web build of profile-forward.cpp (profile-forward-wasm.sh --env chromium|firefox|webkit)
// in a headless browser, every file from a server on 127.0.0.1, and prints what it printed.
// usage: node profile-forward-browser.mjs chromium|firefox|webkit OUT_DIR MODEL_DIR [profile-forward args...]
import path from 'node:path';
import { createServer, listen } from '../../../web/demo/serve.mjs';
import { launchBrowser } from '../../web/browsers.mjs';
import { launchWebKit } from '../../web/webkit.mjs';

const [name, outDir, modelDir, ...args] = process.argv.slice(2);
const PAGE = `<!doctype html><meta charset="utf-8"><title>profile-forward</title>
<script>
window.profile = async (args) => {
    const lines = [];
    await new Promise((resolve) => {
        window.Module = { print: (s) => lines.push(s), printErr: (s) => lines.push(s), onRuntimeInitialized: resolve };
        const script = document.createElement('script');
        script.src = 'out/profile-forward-web.js';
        document.head.appendChild(script);
    });
    Module.FS.mkdir('/model');
    for (const file of ['config.json', 'model.safetensors']) {
        const response = await fetch('model/' + file);
        if (!response.ok) throw new Error('model/' + file + ': HTTP ' + response.status);
        Module.FS.writeFile('/model/' + file, new Uint8Array(await response.arrayBuffer()));
    }
    Module.callMain(['/model', ...args]);
    return lines;
};
</script>`;

// Cross-origin isolated: Firefox and WebKit then give performance.now() (the program's clock) fine
// steps instead of 1 ms, which summed over hundreds of kernel calls would skew the figures.
const server = createServer({ '/out/': path.resolve(outDir), '/model/': path.resolve(modelDir) }, {
    crossOriginIsolated: true,
    before: (req, res, url) => {
        if (url.pathname !== '/') return false;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
        return true;
    },
});
server.keepAliveTimeout = 600_000;
const base = await listen(server);
// WebKit (MiniBrowser under WebDriver) gives a page and no context.
const browser = name === 'webkit' ? await launchWebKit() : await launchBrowser('minialbert-profile-', name);
try {
    const page = browser.page ?? (await browser.context.newPage());
    await page.goto(base);
    console.log((await page.evaluate((a) => window.profile(a), args)).join('\n'));
} finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
}
