/**
 * The "Create a new virtual network" wizard, found the way a person finds it: by role and
 * accessible name (each control's name is its visible label).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import type { Guest } from '../../electron/sandbox/guest';
import { UPLINK } from '../../electron/sandbox/uplink';
import { vnm } from '../fixtures/sandbox';
import type { Sandbox } from '../fixtures/sandbox';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots');

export type ModeName = 'NAT' | 'Routed' | 'Isolated' | 'Open' | 'Bridge';
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
  | 'Custom domain name';
export type CheckboxName =
  'Enable DHCPv4' | 'Enable IPv6' | 'Enable DHCPv6' | 'Start network now' | 'Start on boot';
export type StepName = 'Name and mode' | 'IPv4' | 'IPv6' | 'Forwarding and DNS' | 'DNS' | 'Summary';

export class CreateNetworkWizardPage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Create a new virtual network' });
  }

  /** Opens the wizard with Add network and waits for its proposals. */
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

  mode(name: ModeName): Locator {
    return this.dialog.getByRole('radio', { name, exact: true });
  }

  dnsChoice(name: 'The network’s name' | 'Custom' | 'None'): Locator {
    return this.dialog.getByRole('radio', { name, exact: true });
  }

  select(name: 'Forward to' | 'Host bridge'): Locator {
    return this.dialog.getByRole('combobox', { name, exact: true });
  }

  button(name: 'Next' | 'Back' | 'Finish' | 'Cancel'): Locator {
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
    for (let i = 0; i < 5 && (await this.button('Finish').count()) === 0; i++) await this.next();
    await this.expectStep('Summary');
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
  async screenshot(name: string, scheme: 'light' | 'dark'): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await this.page.waitForTimeout(250);
    await this.page.screenshot({
      path: resolve(SCREENSHOT_DIR, `create-network-wizard-${name}-${scheme}.png`),
    });
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- The sandbox host behind the window (electron/sandbox), for checking what the wizard did.

/** Names from `vnm net-list --all`. */
export async function networkNames(sandbox: Sandbox): Promise<string[]> {
  const out = await vnm(sandbox, 'net-list', '--all');
  return out
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

/** Stops and removes every network whose name starts with `prefix` (cleanup; errors ignored). */
export async function removeNetworks(sandbox: Sandbox, prefix: string): Promise<void> {
  // Over one RPC connection: a CLI process per call would take minutes for dozens of networks.
  const client = await sandbox.client();
  try {
    const all = await client.call('network.list', { filter: 'all' });
    for (const n of all.filter((x) => x.name.startsWith(prefix))) {
      if (n.active) await client.call('network.destroy', { network: n.name }).catch(() => undefined);
      await client.call('network.undefine', { network: n.name }).catch(() => undefined);
    }
  } finally {
    client.close();
  }
}

/** The first guest the sandbox's agent plugged into `network` that holds a lease. */
export async function leasedGuest(sandbox: Sandbox, network: string, timeoutMs = 60_000): Promise<Guest> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const guest = sandbox.agent?.guestsOf(network).find((g) => g.leasedIp() !== null);
    if (guest) return guest;
    if (!sandbox.agent) throw new Error('the sandbox runs no guest agent, so no guest can join the network');
    if (Date.now() > deadline) throw new Error(`no guest of ${network} got a lease in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Whether the guest can fetch from the wan's web server (203.0.113.10) within 4 s. */
export async function reachesWan(guest: Guest): Promise<boolean> {
  const url = `http://${UPLINK.webAddress}/small.bin`;
  // busybox 1.35's wget crashes with -T, so `timeout` bounds it.
  return guest.ns.exec('timeout', ['4', 'busybox', 'wget', '-q', '-O', '/dev/null', url]).then(
    () => true,
    () => false,
  );
}
