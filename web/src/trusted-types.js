// Trusted Types: a page that enforces them (`require-trusted-types-for 'script'`) lets `new
// Worker(url)` take only a TrustedScriptURL. The library's worker scripts (loadInWorker's model
// worker, the threads build's pool workers) go through one policy, 'minialbert-web', which such a
// page allows with `trusted-types minialbert-web`. The policy passes same-origin URLs only, the
// ones `script-src 'self'` allows anyway, so it opens no way round the page's own policies.
let policy;

export function workerScriptUrl(url) {
    if (policy === undefined) {
        policy = null;
        try {
            policy = globalThis.trustedTypes?.createPolicy('minialbert-web', { createScriptURL: sameOrigin }) ?? null;
        } catch {
            // The page's `trusted-types` directive does not name the policy: URLs go as strings, and a
            // page that enforces Trusted Types refuses them (a WORKER error that says what to allow).
        }
    }
    return policy ? policy.createScriptURL(String(url)) : url;
}

function sameOrigin(url) {
    const here = globalThis.location?.href;
    if (new URL(url, here).origin !== new URL(here).origin) {
        throw new TypeError(`the 'minialbert-web' Trusted Types policy passes same-origin worker scripts only, not ${url}`);
    }
    return url;
}
