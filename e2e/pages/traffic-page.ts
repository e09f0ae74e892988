/** The Traffic sub-tab: the live chart and the totals under it. */
import type { Locator, Page } from '@playwright/test';
import { SubTabPage } from './sub-tab-page';

const UNITS: Record<string, number> = { B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40 };

export class TrafficPage extends SubTabPage {
  constructor(page: Page) {
    super(page, 'Traffic');
  }

  /** The chart's first line; its `d` changes as samples arrive. */
  get chartLine(): Locator {
    return this.panel
      .getByRole('img', { name: /rates from/ })
      .locator('path')
      .first();
  }

  /** Bytes the network's guests sent so far, read from the first totals line. */
  async totalReceived(): Promise<number> {
    const line = this.panel.getByText(/^Sent by guests .* Received by guests /).first();
    const m = /^Sent by guests ([\d.]+) (\w+)/.exec((await line.textContent()) ?? '');
    return m ? Number(m[1]) * (UNITS[m[2] ?? ''] ?? Number.NaN) : Number.NaN;
  }
}
