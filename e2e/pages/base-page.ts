/**
 * What every page object shares: the page, and screenshots taken with CSS animations and
 * transitions run to their end and the caret hidden, so a test never sleeps before one.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots');

export type ColorScheme = 'light' | 'dark';

export abstract class BasePage {
  constructor(readonly page: Page) {}

  /** Saves test-results/screenshots/NAME-SCHEME.png. */
  async screenshot(name: string, scheme: ColorScheme): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await this.page.screenshot({
      path: resolve(SCREENSHOT_DIR, `${name}-${scheme}.png`),
      animations: 'disabled',
      caret: 'hide',
    });
  }
}
