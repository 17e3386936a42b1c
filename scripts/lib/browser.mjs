// Headless Debian Chromium driven by playwright-core (no browser download: the machine reaches no CDN).
import { cachePaths } from '../vscode-cache.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const p = cachePaths();
  return chromium.launch({ executablePath: p.chromium, headless: true, args: CHROMIUM_ARGS });
}
