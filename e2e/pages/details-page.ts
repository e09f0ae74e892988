/** The Details sub-tab: facts, and the sections Apply redefines the network from. */
import type { Locator, Page } from '@playwright/test';
import { SubTabPage } from './sub-tab-page';

export type DetailsSectionName =
  'Forwarding' | 'IPv4 configuration' | 'IPv6 configuration' | 'Guest isolation' | 'OVN';

export class DetailsPage extends SubTabPage {
  constructor(page: Page) {
    super(page, 'Details');
  }

  section(name: DetailsSectionName): Locator {
    return this.panel.getByRole('region', { name, exact: true });
  }

  field(section: DetailsSectionName, name: string): Locator {
    return this.section(section).getByRole('textbox', { name, exact: true });
  }

  /** A read-only fact of a section, by its label ("Logical switch", "OVN mode" ...). */
  fact(section: DetailsSectionName, label: string): Locator {
    return this.section(section)
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  checkbox(name: 'On Boot'): Locator {
    return this.panel.getByRole('checkbox', { name, exact: true });
  }

  /** The note that lists a network's <dnsmasq:options> and says they are root-equivalent. */
  dnsmasqOptionsNote(): Locator {
    return this.panel.getByRole('note', { name: 'Custom dnsmasq options' });
  }

  get apply(): Locator {
    return this.button('Apply');
  }
}
