import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium binary (the /usr/bin/chromium launcher script only adds desktop flags). */
const CHROMIUM = '/usr/lib/chromium/chromium';

/** A headless Chromium that reaches for nothing on its own (no updates, sync or prefetching). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
