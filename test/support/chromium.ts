/** Debian's chromium for the browser tests (playwright-core drives it); tests skip when it is absent. */
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

/** Says why a browser test is skipped. */
export function warnNoChromium(file: string): void {
  if (!HAVE_CHROMIUM) console.warn(`[skip] ${file}: ${CHROMIUM} is absent (apt-get install -y chromium; CI installs it)`);
}
