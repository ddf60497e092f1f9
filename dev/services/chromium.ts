/**
 * Debian's Chromium driven by playwright-core, started the same way for the browser tests
 * (tests/support/browser.ts) and the benchmark (scripts/bench/browser.ts), so a number the
 * benchmark reports is about the browser the tests run in. No Vitest here: scripts import it too.
 */
import { chromium, type Browser } from 'playwright-core'

/** Headless and quiet: no sandbox (containers), no GPU, no background traffic of Chromium's own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
] as const

/**
 * `extraArgs` (e.g. `--host-resolver-rules=...`) are added to CHROMIUM_ARGS. `CHROMIUM_PATH`
 * overrides where the browser is (default: Debian's `/usr/bin/chromium`).
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs]
  })
}
