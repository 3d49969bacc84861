// The browser the browser tests run in: $MINIALBERT_BROWSER, 'chromium' (the default) or 'firefox'.
// `npm run test:web` runs them in Chromium, `npm run test:web:firefox` in Firefox.
import { launchChromium } from './chromium.mjs';
import { launchFirefox } from './firefox.mjs';

export const BROWSER = process.env.MINIALBERT_BROWSER || 'chromium';
if (!['chromium', 'firefox'].includes(BROWSER)) throw new Error(`MINIALBERT_BROWSER must be chromium or firefox, not ${BROWSER}`);

/** Starts BROWSER on a fresh profile named after `profilePrefix`: { context, close } (see chromium.mjs). */
export function launchBrowser(profilePrefix) {
    return BROWSER === 'firefox' ? launchFirefox(`${profilePrefix}firefox-`) : launchChromium(`${profilePrefix}chromium-`);
}
