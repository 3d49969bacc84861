// nested-worker-start.mjs: how often a browser never returns from `new Worker()` called in a
// dedicated worker (a probe that prints figures, not a test). Each start makes a new worker, as
// loadInWorker() makes its model worker, which constructs one nested worker, as the threads build
// does for its pool; a constructor not back after --wait ms is counted as stuck, and that worker is
// ended. Firefox ESR 153 leaves 1 to 2 in 100 stuck for good (web/src/bindings.js,
// watchPoolWorkerStarts; web/src/worker-client.js restarts such a model worker).
//
//   node tests/web/bench/nested-worker-start.mjs [--env firefox,chromium] [--starts 300] [--wait 10000]
//                                                 [--isolated yes|no]
import { REPO_ROOT } from '../../../web/demo/serve.mjs';
import { withBrowser } from './browser.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
};
const envs = option('--env', 'firefox,chromium').split(',');
const starts = Number(option('--starts', 300));
const waitMs = Number(option('--wait', 10_000));
const isolated = option('--isolated', 'yes') === 'yes';

// In the page: `starts` model-worker stand-ins, one after the other, each ended once it answered
// or after waitMs.
async function probe({ starts, waitMs }) {
    const stuck = [];
    const times = [];
    for (let i = 0; i < starts; i++) {
        const worker = new Worker('/tests/web/bench/nested-worker-start.worker.js');
        const answer = await new Promise((resolve) => {
            const timer = setTimeout(() => resolve(null), waitMs);
            worker.onmessage = ({ data }) => {
                if (data.constructedMs === undefined) return;
                clearTimeout(timer);
                resolve(data.constructedMs);
            };
            worker.postMessage('start');
        });
        worker.terminate();
        if (answer === null) stuck.push(i);
        else times.push(answer);
    }
    times.sort((a, b) => a - b);
    return { stuck, median: times[Math.floor(times.length / 2)], max: times.at(-1) };
}

console.log(`| browser | starts | stuck (not back in ${waitMs / 1000} s) | constructor median ms | max ms |`);
console.log('|---|---|---|---|---|');
for (const env of envs) {
    const r = await withBrowser(env, { '/': REPO_ROOT }, { crossOriginIsolated: isolated }, async (openPage) => {
        const page = await openPage();
        return page.evaluate(probe, { starts, waitMs });
    });
    console.log(`| ${env} | ${starts} | ${r.stuck.length}${r.stuck.length ? ` (starts ${r.stuck.join(', ')})` : ''} | ` +
        `${r.median?.toFixed(1)} | ${r.max?.toFixed(1)} |`);
}
