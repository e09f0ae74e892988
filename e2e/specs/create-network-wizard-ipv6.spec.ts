/**
 * IPv6 NAT from the wizard against a real vnmd in the sandbox host: a NAT network with IPv6
 * (the wizard's default "NAT, like IPv4") is defined with <nat ipv6='yes'/>, a unique local /64
 * and a DHCPv6 range, and a guest on it reaches the wan over IPv6. The wan has no route to the
 * unique local network, so its answer only comes back because the host masquerades the guest.
 * The guest leases its IPv6 address with DHCPv6 (ISC dhclient -6; Debian's busybox has no
 * udhcpc6), and the lease shows in net-dhcp-leases; where dhclient is missing it takes a
 * static address inside the DHCPv6 range instead.
 */
import { existsSync } from 'node:fs';
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import { leasedGuest } from '../fixtures/sandbox-networks';
import { inEveryView, removeNetworksAfterAll } from '../fixtures/spec-head';
import { ConnectionDetailsPage } from '../pages/connection-details-page';
import { CreateNetworkWizardPage } from '../pages/create-network-wizard-page';
import { UPLINK } from '../../electron/sandbox/uplink';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
test.describe.configure({ timeout: 180_000 });

const NAME = 'wiz6-nat';
const HAS_DHCLIENT = ['/usr/sbin/dhclient', '/sbin/dhclient'].some((f) => existsSync(f));

removeNetworksAfterAll('wiz6-');

test('an IPv6 NAT network from the wizard takes a guest to the wan over IPv6', async ({
  page,
  sandboxApp,
  sandbox,
}) => {
  const wizard = new CreateNetworkWizardPage(page);
  await wizard.openAt(sandboxApp.url);
  await wizard.fill('Name', NAME);
  await wizard.mode('NAT').check();
  await wizard.next();
  await wizard.expectStep('IPv4');
  await wizard.next();
  await wizard.expectStep('IPv6');
  await wizard.checkbox('Enable IPv6').check();
  await expect(wizard.dialog.getByRole('radio', { name: 'NAT, like IPv4', exact: true })).toBeChecked();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await wizard.screenshot('3-ipv6-nat', scheme);
  }
  await wizard.dialog.getByRole('radio', { name: 'Routed', exact: true }).check();
  await expect(wizard.dialog).toContainText('needs a prefix that your upstream router routes to this host');
  await wizard.dialog.getByRole('radio', { name: 'NAT, like IPv4', exact: true }).check();
  const network6 = await wizard.field('IPv6 network').inputValue();
  const gateway6 = await wizard.field('IPv6 gateway').inputValue();
  const start6 = await wizard.field('DHCPv6 start').inputValue();
  await wizard.nextToSummary();
  await expect(wizard.dialog).toContainText('NAT: guests reach the outside through the host’s IPv6 address');
  await wizard.finish();

  // The definition as the wizard made it: the live XML adds libvirt's <port> range to <nat>.
  const xml = await vnm(sandbox, 'net-dumpxml', '--inactive', NAME);
  expect(xml).toMatch(/<forward mode='nat'>\s*<nat ipv6='yes'\/>\s*<\/forward>/);
  expect(network6).toMatch(/^fd[0-9a-f:]+::\/64$/);
  expect(xml).toContain(`<ip family='ipv6' address='${gateway6}' prefix='64'>`);
  expect(xml).toContain(`<range start='${start6}'`);

  const guest = await leasedGuest(sandbox, NAME);
  if (HAS_DHCLIENT) {
    await expect.poll(() => guest.leasedIp6(), { timeout: 30_000 }).toMatch(/^fd[0-9a-f:]+$/);
    const leases = JSON.parse(await vnm(sandbox, 'net-dhcp-leases', NAME, '--json')) as { ip: string }[];
    expect(leases.map((l) => l.ip)).toContain(guest.leasedIp6());
    // The window lists the IPv6 lease beside the IPv4 one.
    const app = new ConnectionDetailsPage(page);
    await app.network(NAME).click();
    await app.leases.open();
    await expect(app.leases.table.getByText(guest.leasedIp6() ?? '', { exact: false })).toBeVisible({
      timeout: 20_000,
    });
    await inEveryView(page, (size, scheme) => app.screenshot(`leases-ipv6-${size.width}`, scheme));
  } else {
    const address = start6.replace(/::100$/, '::150');
    expect(address).not.toBe(start6);
    await guest.ns.exec('ip', ['-6', 'addr', 'add', `${address}/64`, 'dev', 'eth0', 'nodad']);
  }
  // DHCPv6 gives a /128: the gateway is on the link only once dnsmasq's router advertisement
  // has put the /64 on eth0, and a route via it before then is refused ("No route to host").
  const onLink = () => guest.ns.exec('ip', ['-6', 'route', 'show', network6, 'dev', 'eth0']);
  await expect.poll(async () => (await onLink()).stdout.trim(), { timeout: 30_000 }).not.toBe('');
  await guest.ns.exec('ip', ['-6', 'route', 'replace', 'default', 'via', gateway6, 'dev', 'eth0']);
  // The gateway answers first (the bridge is up and the address is the guest's), then the wan.
  await expect
    .poll(
      () =>
        guest.ns.exec('ping', ['-6', '-c', '1', '-W', '2', UPLINK.wanAddress6]).then(
          () => true,
          () => false,
        ),
      { timeout: 30_000 },
    )
    .toBe(true);
  // Without NAT the wan could not answer: it has no route back to the unique local network.
  const { stdout } = await sandbox.wan.ip(['-6', 'route', 'show']);
  expect(stdout).not.toContain(network6.split('::')[0] ?? network6);
});
