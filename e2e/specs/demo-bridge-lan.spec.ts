/**
 * The sandbox host's LAN bridge br-lan and the demo's Bridge-mode network `lan` on it: the
 * Details of `lan` show only what applies to Bridge mode (screenshots at 1280x800 and
 * 1024x640, light and dark); started, a guest joins br-lan, leases from the LAN's own DHCP
 * server (the nas, not vnm) and reaches the nas.
 */
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import { leasedGuest } from '../fixtures/sandbox-networks';
import { inEveryView } from '../fixtures/spec-head';
import { ConnectionDetailsPage } from '../pages/connection-details-page';
import { LAN } from '../../electron/sandbox/lan';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
test.describe.configure({ timeout: 180_000 });

test.afterAll(async ({ sandbox }) => {
  await vnm(sandbox, 'net-destroy', 'lan').catch(() => undefined);
});

test('Details of the Bridge network lan show only what applies', async ({ page, sandboxApp }) => {
  const app = new ConnectionDetailsPage(page);
  await app.open(sandboxApp.url);
  await app.selectNetwork('lan');
  await app.details.open();
  const forwarding = app.details.panel.getByRole('region', { name: 'Forwarding' });
  await expect(forwarding).toContainText('Bridge');
  await expect(forwarding).toContainText(LAN.bridge);
  await expect(forwarding).toContainText('come from that LAN, not from vnm');
  await expect(app.details.panel.getByRole('combobox', { name: 'Forward device' })).toHaveCount(0);
  await expect(app.details.panel.getByRole('region', { name: 'IPv4 configuration' })).toHaveCount(0);
  await expect(app.details.panel.getByRole('textbox', { name: 'Domain' })).toHaveCount(0);
  await inEveryView(page, (size, scheme) => app.screenshot(`network-details-bridge-${size.width}`, scheme));
});

test('started, lan puts a guest on br-lan, where it leases from the LAN and reaches the nas', async ({
  sandbox,
}) => {
  await vnm(sandbox, 'net-start', 'lan');
  const guest = await leasedGuest(sandbox, 'lan', 30_000);
  expect(guest.leasedIp()).toMatch(/^192\.0\.2\.1\d\d$/);
  await guest.ns.exec('ping', ['-c', '1', '-W', '3', LAN.nasAddress]);
  await guest.ns.exec('ping', ['-c', '1', '-W', '3', LAN.hostAddress]);
  const { stdout } = await sandbox.host.ip(['-json', 'link', 'show', 'master', LAN.bridge]);
  const ports = (JSON.parse(stdout) as { ifname: string }[]).map((l) => l.ifname);
  expect(ports).toEqual(expect.arrayContaining([LAN.nasPort]));
  expect(ports.length).toBeGreaterThanOrEqual(2);
  await vnm(sandbox, 'net-destroy', 'lan');
});
