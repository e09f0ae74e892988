/** The "Define from XML" dialog, found by role and accessible name. */
import { expect } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { BasePage } from './base-page';
import type { ColorScheme } from './base-page';

export class DefineFromXmlPage extends BasePage {
  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Define from XML' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Define from XML…', exact: true }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** Chooses a file as Open file… would (the file input is hidden behind that button). */
  async chooseFile(name: string, xml: string): Promise<void> {
    await this.dialog
      .getByLabel('Network XML file')
      .setInputFiles({ name, mimeType: 'text/xml', buffer: Buffer.from(xml) });
    await expect(this.dialog.getByText(`Read from ${name}.`, { exact: false })).toBeVisible();
  }

  button(name: 'Define' | 'Cancel' | 'Open file…'): Locator {
    return this.dialog.getByRole('button', { name, exact: true });
  }

  /** The alert that lists what stopped the define. */
  get problems(): Locator {
    return this.dialog.getByRole('alert');
  }

  /** Saves test-results/screenshots/define-from-xml-NAME-SCHEME.png. */
  override async screenshot(name: string, scheme: ColorScheme): Promise<void> {
    await super.screenshot(`define-from-xml-${name}`, scheme);
  }
}
