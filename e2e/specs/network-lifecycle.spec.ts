/**
 * A network's life through the window, against a sandbox host's vnmd, checked with the CLI: a network defined with the
 * CLI appears live; Start, Stop; an XML edit with an error, then a fix; a CLI change shows
 * without reload; Delete with its confirmation. The network is isolated, in a subnet of
 * its own, and removed afterwards even when a step fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import type { Sandbox } from '../fixtures/sandbox';
import { ConnectionDetailsPage } from '../pages/connection-details-page';

// Only where network namespaces cannot be made (not root); CI runs as root, so this runs.
test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
// Under a busy machine (other suites in parallel) a run took 70 s of the default 90 s.
test.describe.configure({ timeout: 180_000 });

const suffix = Math.floor(Math.random() * 200) + 20;
const NAME = `e2e-ui-${suffix}`;
const xmlFor = (address: string) => `<network>
  <name>${NAME}</name>
  <ip address='${address}' prefix='24'/>
</network>
`;
let dir = '';

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vnm-e2e-'));
});

// The sandbox lives on for the worker's next spec file, so the network goes even when a step fails.
test.afterAll(async ({ sandbox }) => {
  await vnm(sandbox, 'net-destroy', NAME).catch(() => undefined);
  await vnm(sandbox, 'net-undefine', NAME).catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The `vnm net-list --all` row of the network, or undefined. */
async function cliRow(sandbox: Sandbox): Promise<string | undefined> {
  const out = await vnm(sandbox, 'net-list', '--all');
  return out.split('\n').find((l) => l.trim().split(/\s+/)[0] === NAME);
}

test('define, start, stop, edit, follow the CLI, delete', async ({ page, sandbox, sandboxApp }) => {
  const app = new ConnectionDetailsPage(page);
  await app.open(sandboxApp.url);
  await app.tab('Virtual Networks').click();

  // Defined with the CLI: appears without reload.
  const file = join(dir, 'net.xml');
  writeFileSync(file, xmlFor(`10.254.${suffix}.1`));
  await vnm(sandbox, 'net-define', file);
  await expect(app.network(NAME)).toBeVisible();
  await app.network(NAME).click();
  await expect(app.network(NAME)).toContainText('Inactive');

  await app.button('Start network').click();
  await expect(app.network(NAME)).toContainText('Active');
  expect(await cliRow(sandbox)).toMatch(/\bactive\b/);

  await app.button('Stop network').click();
  await expect(app.network(NAME)).toContainText('Inactive');
  expect(await cliRow(sandbox)).toMatch(/\binactive\b/);

  // XML: a bad address is refused with its line; the fix is defined.
  await app.xml.open();
  await app.xml.edit(xmlFor('300.1.1.1'));
  await expect(app.xml.problem('300.1.1.1')).toContainText('Line 3');
  await app.xml.replaceText(
    xmlFor(`10.254.${suffix}.1`).replace('</network>', "  <domain name='e2e.lan'/>\n</network>"),
  );
  await app.xml.button('Save').click();
  await expect(app.xml.button('Edit')).toBeVisible();
  expect(await vnm(sandbox, 'net-dumpxml', NAME)).toContain("<domain name='e2e.lan'/>");

  // A change made with the CLI shows live.
  await app.details.open();
  const onBoot = app.details.checkbox('On Boot');
  await expect(onBoot).not.toBeChecked();
  await vnm(sandbox, 'net-autostart', NAME);
  await expect(onBoot).toBeChecked();
  await vnm(sandbox, 'net-autostart', NAME, '--disable');
  await expect(onBoot).not.toBeChecked();

  // Delete asks first, naming the network.
  await app.button('Delete network').click();
  const confirm = app.dialog(`Delete network ${NAME}?`);
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(app.network(NAME)).toHaveCount(0);
  expect(await cliRow(sandbox)).toBeUndefined();
});
