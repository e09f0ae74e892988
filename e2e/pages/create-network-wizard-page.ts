/**
 * The "Create a new virtual network" wizard, found the way a person finds it: by role and
 * accessible name (each control's name is its visible label).
 */
import { expect } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { BasePage } from './base-page';
import type { ColorScheme } from './base-page';

export type ModeName = 'NAT' | 'Routed' | 'Isolated' | 'Open' | 'Bridge' | 'Spanning hosts (OVN)';
/** An OVN network's own modes, in the "OVN mode" group beside the first page's Mode. */
export type OvnModeName = 'Isolated' | 'NAT' | 'Routed';
export type TextFieldName =
  | 'Name'
  | 'Network'
  | 'Gateway'
  | 'DHCP start'
  | 'DHCP end'
  | 'IPv6 network'
  | 'IPv6 gateway'
  | 'DHCPv6 start'
  | 'DHCPv6 end'
  | 'Custom domain name'
  | 'Guest MTU'
  | 'Logical switch'
  | 'DNS servers'
  | 'Gateway chassis'
  | 'Physical network'
  | 'Router address on the uplink'
  | 'Next hop';
export type CheckboxName =
  'Enable DHCPv4' | 'Enable IPv6' | 'Enable DHCPv6' | 'Start network now' | 'Start on boot';
export type StepName =
  'Name and mode' | 'IPv4' | 'IPv6' | 'OVN switch' | 'Uplink' | 'Forwarding and DNS' | 'DNS' | 'Summary';

/** What an OVN network gets beyond the proposals; fields left out keep the wizard's values. */
export interface OvnOptions {
  readonly ovnMode: OvnModeName;
  readonly network?: string;
  readonly mtu?: string;
  readonly switchName?: string;
  readonly dnsServers?: string;
  /** NAT and Routed; chassis and physnet are proposed from the host when left out. */
  readonly uplink?: {
    readonly chassis?: string;
    readonly physnet?: string;
    readonly address: string;
    readonly nexthop: string;
  };
}

export class CreateNetworkWizardPage extends BasePage {
  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Create a new virtual network' });
  }

  /** Opens the wizard with Add network and waits for its proposals. */
  /** Loads the window at `url`, goes to Virtual Networks and opens the wizard there. */
  async openAt(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByRole('tab', { name: 'Virtual Networks', exact: true }).click();
    await this.open();
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add network', exact: true }).click();
    // The proposals need a few calls to vnmd; a loaded sandbox can take a while to answer.
    await expect(this.field('Name')).not.toHaveValue('', { timeout: 30_000 });
  }

  field(name: TextFieldName): Locator {
    return this.dialog.getByRole('textbox', { name, exact: true });
  }

  checkbox(name: CheckboxName): Locator {
    return this.dialog.getByRole('checkbox', { name, exact: true });
  }

  /** Scoped to the Mode group: the OVN mode group has radios of the same names. */
  mode(name: ModeName): Locator {
    return this.dialog
      .getByRole('radiogroup', { name: 'Mode', exact: true })
      .getByRole('radio', { name, exact: true });
  }

  ovnMode(name: OvnModeName): Locator {
    return this.dialog
      .getByRole('radiogroup', { name: 'OVN mode', exact: true })
      .getByRole('radio', { name, exact: true });
  }

  /**
   * Chooses "Spanning hosts (OVN)" and fills its steps, ending on the Summary. Where OVN is not
   * ready the mode is disabled, its description saying why: expect that with
   * `expect(wizard.mode('Spanning hosts (OVN)')).toHaveAccessibleDescription(/Not available/)`.
   */
  async chooseOvn(o: OvnOptions): Promise<void> {
    await this.mode('Spanning hosts (OVN)').check();
    await this.ovnMode(o.ovnMode).check();
    await this.next();
    await this.expectStep('OVN switch');
    if (o.network !== undefined) await this.fill('Network', o.network);
    if (o.mtu !== undefined) await this.fill('Guest MTU', o.mtu);
    if (o.switchName !== undefined) await this.fill('Logical switch', o.switchName);
    await this.next();
    if (o.ovnMode !== 'Isolated') {
      await this.expectStep('Uplink');
      const u = o.uplink;
      if (u?.chassis !== undefined) await this.fill('Gateway chassis', u.chassis);
      if (u?.physnet !== undefined) await this.fill('Physical network', u.physnet);
      if (u) {
        await this.fill('Router address on the uplink', u.address);
        await this.fill('Next hop', u.nexthop);
      }
      await this.next();
    }
    await this.expectStep('DNS');
    if (o.dnsServers !== undefined) await this.fill('DNS servers', o.dnsServers);
    await this.next();
    await this.expectStep('Summary');
  }

  dnsChoice(name: 'The network’s name' | 'Custom' | 'None'): Locator {
    return this.dialog.getByRole('radio', { name, exact: true });
  }

  select(name: 'Forward to' | 'Host bridge'): Locator {
    return this.dialog.getByRole('combobox', { name, exact: true });
  }

  button(name: 'Next' | 'Back' | 'Finish' | 'Cancel' | 'Reset to form'): Locator {
    return this.dialog.getByRole('button', { name, exact: true });
  }

  /** The current step's fields, a group named by the step. */
  step(name: StepName): Locator {
    return this.dialog.getByRole('group', { name, exact: true });
  }

  async expectStep(name: StepName): Promise<void> {
    await expect(this.step(name)).toBeVisible();
  }

  async fill(name: TextFieldName, value: string): Promise<void> {
    await this.field(name).fill(value);
  }

  async next(): Promise<void> {
    await this.button('Next').click();
  }

  /** Clicks Next until the summary shows. */
  async nextToSummary(): Promise<void> {
    // Finish shows on every step (one-page create), so the summary is known by its own group.
    for (let i = 0; i < 5 && (await this.step('Summary').count()) === 0; i++) await this.next();
    await this.expectStep('Summary');
  }

  /** The Summary's editable XML (CodeMirror's content, named by its label). */
  get xmlEditor(): Locator {
    return this.dialog.getByRole('textbox', { name: 'Network XML', exact: true });
  }

  /** Switches the Summary step to its XML view. */
  async showXml(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'XML', exact: true }).click();
    await expect(this.xmlEditor).toBeVisible();
  }

  /** The XML as the editor holds it, a line per CodeMirror line (all shown: it is short). */
  async xml(): Promise<string> {
    return (await this.xmlEditor.locator('.cm-line').allTextContents()).join('\n');
  }

  /** Replaces the XML as a person pasting would: select all, then insert the text. */
  async replaceXml(text: string): Promise<void> {
    await this.xmlEditor.click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.insertText(text);
  }

  /** Finish, and wait for the dialog to close. */
  async finish(): Promise<void> {
    await this.button('Finish').click();
    await expect(this.dialog).toBeHidden({ timeout: 30_000 });
  }

  /** A field's message is its accessible description (MUI links the helper text). */
  async expectMessage(name: TextFieldName, text: string | RegExp): Promise<void> {
    await expect(this.field(name)).toHaveAccessibleDescription(
      text instanceof RegExp ? text : new RegExp(escape(text)),
    );
  }

  /** Saves test-results/screenshots/create-network-wizard-NAME-SCHEME.png. */
  override async screenshot(name: string, scheme: ColorScheme): Promise<void> {
    await super.screenshot(`create-network-wizard-${name}`, scheme);
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
