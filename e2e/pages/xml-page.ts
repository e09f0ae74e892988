/** The XML sub-tab: read-only XML until Edit; Save defines, an error names its line. */
import type { Locator, Page } from '@playwright/test';
import { SubTabPage } from './sub-tab-page';

export class XmlPage extends SubTabPage {
  constructor(page: Page) {
    super(page, 'XML');
  }

  /** The editor: 'Network XML' to read, 'Network XML (editing)' after Edit. */
  editor(editing = false): Locator {
    return this.panel.getByRole('textbox', { name: editing ? 'Network XML (editing)' : 'Network XML' });
  }

  /** Edit, replace the whole text, Save. */
  async edit(xml: string): Promise<void> {
    if ((await this.button('Edit').count()) > 0) await this.button('Edit').click();
    await this.replaceText(xml);
    await this.button('Save').click();
  }

  async replaceText(xml: string): Promise<void> {
    await this.editor(true).click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.insertText(xml);
  }

  /** The note that lists a network's <dnsmasq:options> and says they are root-equivalent. */
  dnsmasqOptionsNote(): Locator {
    return this.panel.getByRole('note', { name: 'Custom dnsmasq options' });
  }

  /** The alert that names what Save refused. */
  problem(text: string | RegExp): Locator {
    return this.panel.getByRole('alert').filter({ hasText: text });
  }
}
