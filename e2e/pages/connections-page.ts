/** The Connections dialog (virt-manager's connection list), Add Connection, and ssh's questions. */
import type { Locator } from '@playwright/test';
import { BasePage } from './base-page';

export interface SshFields {
  readonly host: string;
  readonly user: string;
  readonly keyfile: string;
}

export class ConnectionsPage extends BasePage {
  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Connections' });
  }

  get addDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Add Connection' });
  }

  /** ssh's question (a host key or a password), for the connection named. */
  askpass(connection: string): Locator {
    return this.page.getByRole('dialog', { name: `ssh asks, for ${connection}` });
  }

  row(name: string): Locator {
    return this.dialog.getByRole('row', { name, exact: true });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Connections', exact: true }).click();
    await this.dialog.waitFor();
  }

  async add(fields: SshFields): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Add Connection…' }).click();
    await this.addDialog.getByRole('textbox', { name: 'Hostname' }).fill(fields.host);
    await this.addDialog.getByRole('textbox', { name: 'Username' }).fill(fields.user);
    await this.addDialog.getByRole('textbox', { name: 'Key file' }).fill(fields.keyfile);
  }

  async confirmAdd(): Promise<void> {
    await this.addDialog.getByRole('button', { name: 'Add', exact: true }).click();
    await this.addDialog.waitFor({ state: 'hidden' });
  }

  /** Shows the connection's Connection Details in this window. */
  async openConnection(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: 'Open', exact: true }).click();
  }
}
