// The model worker's stand-in for nested-worker-start.mjs: asked to, it constructs one nested
// worker (this script again, which then does nothing) and says how long the constructor took.
if (!self.location.search.includes('nested')) {
    self.onmessage = () => {
        const t0 = performance.now();
        self.postMessage({ constructing: true });
        new Worker(`${self.location.pathname}?nested`);
        self.postMessage({ constructedMs: performance.now() - t0 });
    };
}
