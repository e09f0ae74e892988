/** One sub-tab of the selected network (Details, XML, Traffic, DHCP Leases): its tab and its panel. */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { BasePage } from './base-page';

export type SubTabName = 'Details' | 'XML' | 'Traffic' | 'DHCP Leases' | 'Port Forwarding';

export abstract class SubTabPage extends BasePage {
  constructor(
    page: Page,
    readonly name: SubTabName,
  ) {
    super(page);
  }

  get tab(): Locator {
    return this.page.getByRole('tab', { name: this.name, exact: true });
  }

  get panel(): Locator {
    return this.page.getByRole('tabpanel', { name: this.name, exact: true });
  }

  /** Clicks the sub-tab; when unapplied Details changes ask first, the caller answers. */
  async open(): Promise<void> {
    await this.tab.click();
  }

  async expectOpen(): Promise<void> {
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
    await expect(this.panel).toBeVisible();
  }

  button(name: string): Locator {
    return this.panel.getByRole('button', { name, exact: true });
  }
}
