import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (bootstrap installs it); playwright-core drives it, no browser download. */
const chromiumPath = (): string => {
  try {
    return execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/bash' }).trim();
  } catch {
    throw new Error('chromium is not installed: apt-get install chromium (bash tools/scripts/bootstrap.sh --with-browser does it)');
  }
};

export interface BrowserSession {
  readonly page: Page;
  /** Waits until the element's text contains `text` (or matches it). */
  waitForText(selector: string, text: string | RegExp, timeoutMs?: number): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile, its screenshots in `dir`. */
export const openBrowser = async (dir: string): Promise<BrowserSession> => {
  const profile = mkdtempSync(join(tmpdir(), 'eap-chromium-'));
  mkdirSync(dir, { recursive: true });
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    page,
    async waitForText(selector, text, timeoutMs = 30_000) {
      const source = typeof text === 'string' ? { kind: 'text', value: text } : { kind: 'regex', value: text.source };
      try {
        await page.waitForFunction(
          ([sel, t]) => {
            // Runs in the page; the test project has no DOM types, so the little it uses is named here.
            const { document } = globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } };
            const content = document.querySelector(sel)?.textContent ?? '';
            return t.kind === 'text' ? content.includes(t.value) : new RegExp(t.value).test(content);
          },
          [selector, source] as const,
          { timeout: timeoutMs, polling: 250 },
        );
      } catch (e) {
        const now = await page
          .locator(selector)
          .first()
          .textContent()
          .catch(() => '(absent)');
        throw new Error(
          `${selector} did not show ${String(text)} within ${timeoutMs / 1000} s; it shows: ${now?.replace(/\s+/g, ' ').slice(0, 600)}${errors.length ? `; page errors: ${errors.join('; ')}` : ''}`,
          { cause: e },
        );
      }
    },
    async screenshot(name) {
      const path = join(dir, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};
