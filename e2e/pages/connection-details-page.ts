/** The Connection Details window, found the way a person finds it: by role and name. */
import type { Locator, Page } from '@playwright/test';
import { BasePage } from './base-page';
import { DetailsPage } from './details-page';
import { LeasesPage } from './leases-page';
import type { SubTabName } from './sub-tab-page';
import { TrafficPage } from './traffic-page';
import { XmlPage } from './xml-page';

export type { SubTabName } from './sub-tab-page';
export type MainTabName = 'Overview' | 'Virtual Networks' | 'Host Interfaces';

export class ConnectionDetailsPage extends BasePage {
  /** The selected network's sub-tabs. */
  readonly details: DetailsPage;
  readonly xml: XmlPage;
  readonly traffic: TrafficPage;
  readonly leases: LeasesPage;

  constructor(page: Page) {
    super(page);
    this.details = new DetailsPage(page);
    this.xml = new XmlPage(page);
    this.traffic = new TrafficPage(page);
    this.leases = new LeasesPage(page);
  }

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

  async selectNetwork(name: string): Promise<void> {
    await this.tab('Virtual Networks').click();
    await this.network(name).click();
  }
}
