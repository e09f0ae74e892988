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

  /** One row per guest port; an OVN network's has a Host column. */
  get ports(): Locator {
    return this.panel.getByRole('table', { name: 'Guest ports' });
  }

  /** The row of a guest port, by any text in it (interface, MAC, IP, hostname or host). */
  portRow(text: string): Locator {
    return this.ports.getByRole('row').filter({ hasText: text });
  }

  /** OVN: "N guests on HOST: their traffic is counted on HOST — connect to it ..." lines. */
  get otherHostsGuests(): Locator {
    return this.panel.getByRole('list', { name: 'Guests counted on other hosts' }).getByRole('listitem');
  }

  /** Bytes the network's guests sent so far, read from the first totals line. */
  async totalReceived(): Promise<number> {
    const line = this.panel.getByText(/^Sent by guests .* Received by guests /).first();
    const m = /^Sent by guests ([\d.]+) (\w+)/.exec((await line.textContent()) ?? '');
    return m ? Number(m[1]) * (UNITS[m[2] ?? ''] ?? Number.NaN) : Number.NaN;
  }
}
