// The browser the browser tests run in: $MINIALBERT_BROWSER, 'chromium' (the default) or 'firefox'.
// `npm run test:web` runs them in Chromium, `npm run test:web:firefox` in Firefox.
import { launchChromium } from './chromium.mjs';
import { launchFirefox } from './firefox.mjs';

export const BROWSER = process.env.MINIALBERT_BROWSER || 'chromium';
if (!['chromium', 'firefox'].includes(BROWSER)) throw new Error(`MINIALBERT_BROWSER must be chromium or firefox, not ${BROWSER}`);

/**
 * Starts browser `name` on a fresh profile named after `profilePrefix`, Chromium with `chromiumArgs`
 * added to its flags: { context, close } (see chromium.mjs and firefox.mjs).
 */
export function launchBrowser(profilePrefix, name = BROWSER, chromiumArgs = []) {
    if (name === 'firefox') return launchFirefox(`${profilePrefix}firefox-`);
    if (name === 'chromium') return launchChromium(`${profilePrefix}chromium-`, chromiumArgs);
    throw new Error(`no browser '${name}': chromium or firefox`);
}
