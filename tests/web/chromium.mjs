// Headless Chromium for the browser tests and benchmarks: Debian's /usr/bin/chromium (or
// $CHROMIUM_PATH) through playwright-core, never a downloaded browser, on a fresh profile.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];

/**
 * Starts Chromium on a new profile directory named after `profilePrefix`, with `extraArgs` added to
 * the flags above. Returns { context, close }; close() shuts the browser and removes the profile.
 */
export async function launchChromium(profilePrefix, extraArgs = []) {
    const { chromium } = await import('playwright-core');
    const profile = await mkdtemp(path.join(os.tmpdir(), profilePrefix));
    const removeProfile = () => rm(profile, { recursive: true, force: true });
    let context;
    try {
        context = await chromium.launchPersistentContext(profile, {
            executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs],
        });
    } catch (e) {
        await removeProfile();
        throw e;
    }
    return { context, close: async () => { await context.close(); await removeProfile(); } };
}
