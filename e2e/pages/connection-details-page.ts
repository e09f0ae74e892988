/** The Connection Details window, found the way a person finds it: by role and name. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots');

export type MainTabName = 'Overview' | 'Virtual Networks' | 'Host Interfaces';
export type SubTabName = 'Details' | 'XML' | 'Traffic' | 'DHCP Leases';

export class ConnectionDetailsPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.heading.waitFor();
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { name: /Connection Details/ });
  }

  get connectionBanner(): Locator {
    return this.page.getByRole('status').filter({ hasText: /vnmd/ });
  }

  get networkList(): Locator {
    return this.page.getByRole('listbox', { name: 'Virtual networks' });
  }

  tab(name: MainTabName): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  subTab(name: SubTabName): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  network(name: string): Locator {
    return this.networkList.getByRole('option', { name, exact: true });
  }

  button(
    name: 'Add network' | 'Start network' | 'Stop network' | 'Delete network' | 'Edit' | 'Save' | 'Apply',
  ): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** A titled section of the Details sub-tab: 'Forwarding', 'IPv4 configuration', 'IPv6 configuration'. */
  detailsSection(name: 'Forwarding' | 'IPv4 configuration' | 'IPv6 configuration'): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  async selectNetwork(name: string): Promise<void> {
    await this.tab('Virtual Networks').click();
    await this.network(name).click();
  }

  /** Saves test-results/screenshots/NAME-SCHEME.png. */
  async screenshot(name: string, scheme: 'light' | 'dark'): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await this.page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}-${scheme}.png`) });
  }
}
