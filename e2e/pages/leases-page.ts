/** The DHCP Leases sub-tab: one row per lease, kept live by vnmd's leases events. */
import type { Locator, Page } from '@playwright/test';
import { SubTabPage } from './sub-tab-page';

export class LeasesPage extends SubTabPage {
  constructor(page: Page) {
    super(page, 'DHCP Leases');
  }

  get table(): Locator {
    return this.panel.getByRole('table', { name: 'DHCP leases' });
  }

  /** A column's header: 'Host' shows for an OVN network, whose leases name their guest's host. */
  column(name: 'Expiry' | 'MAC address' | 'IP address' | 'Hostname' | 'Host'): Locator {
    return this.table.getByRole('columnheader', { name, exact: true });
  }

  /** The row of the lease a guest of that hostname holds. */
  row(hostname: string): Locator {
    return this.table.getByRole('row').filter({ hasText: hostname });
  }
}
