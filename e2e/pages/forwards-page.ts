/** The Port Forwarding sub-tab of a NAT network: its table, the Add dialog and Remove. */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { SubTabPage } from './sub-tab-page';

export interface NewForward {
  readonly protocol?: 'TCP' | 'UDP' | 'TCP and UDP';
  readonly hostPort: string;
  /** The option's text, e.g. "198.51.100.2 (up0)"; absent: all addresses. */
  readonly hostAddress?: string;
  /** Typed; the picker also lists the leases and static hosts. */
  readonly guestAddress: string;
  readonly guestPort?: string;
  readonly description?: string;
  /** Untick "Reserve this address…" when it is offered. */
  readonly noReservation?: boolean;
}

export class ForwardsPage extends SubTabPage {
  constructor(page: Page) {
    super(page, 'Port Forwarding');
  }

  get table(): Locator {
    return this.panel.getByRole('table', { name: 'Port forwards' });
  }

  get emptyState(): Locator {
    return this.panel.getByText('No port forwards.');
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Add port forward' });
  }

  field(name: 'Host port' | 'Guest port' | 'Description'): Locator {
    return this.dialog.getByRole('textbox', { name, exact: true });
  }

  get guestField(): Locator {
    return this.dialog.getByRole('combobox', { name: 'Guest address' });
  }

  get hostAddressField(): Locator {
    return this.dialog.getByRole('combobox', { name: 'Host address' });
  }

  reservation(hostname: string): Locator {
    return this.dialog.getByRole('checkbox', {
      name: `Reserve this address for ${hostname} (adds a static host)`,
    });
  }

  /** The row of the forward of that host port (as the table writes it: 8080 or 8000-8010). */
  row(hostPort: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByText(hostPort, { exact: true }) });
  }

  /** Opens Add and fills the dialog, leaving it open (for a screenshot or a look at its checks). */
  async fill(f: NewForward): Promise<void> {
    await this.button('Add').click();
    await expect(this.dialog).toBeVisible();
    if (f.protocol) await this.dialog.getByRole('radio', { name: f.protocol, exact: true }).check();
    await this.field('Host port').fill(f.hostPort);
    if (f.hostAddress) await this.hostAddressField.selectOption({ label: f.hostAddress });
    await this.guestField.fill(f.guestAddress);
    // The picker's list would cover the fields below it; a click outside closes it (Escape
    // would close the whole dialog when the list is empty).
    await this.dialog.getByRole('heading', { name: 'Add port forward' }).click();
    if (f.guestPort) await this.field('Guest port').fill(f.guestPort);
    if (f.description) await this.field('Description').fill(f.description);
    if (f.noReservation) {
      const reserve = this.dialog.getByRole('checkbox', { name: /^Reserve this address/ });
      if (await reserve.count()) await reserve.uncheck();
    }
  }

  /** Presses the dialog's Add and waits for it to close (vnmd took the forward). */
  async submit(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  /** Removes the forward of that host port, answering the confirmation, which must name it. */
  async remove(hostPort: string, confirmText: string | RegExp): Promise<void> {
    await this.row(hostPort).getByRole('button', { name: 'Remove', exact: true }).click();
    const confirm = this.page.getByRole('dialog', { name: 'Remove port forward?' });
    await expect(confirm).toContainText(confirmText);
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(confirm).toBeHidden();
  }
}
