/**
 * Issue 19 in the window, in the OVN sandbox (`npm run demo -- --ovn`): OVN central, the
 * sandbox host as chassis host-a and a host-b with its own vnmd, and `span`, a NAT OVN network
 * defined on host-a whose guests run on both hosts. The app opens host-a with host-b in its
 * connection list (connected at start), so span's views show the guests of both hosts: leases
 * from OVN with their host, traffic counted by each host's vnmd, and Diagnose's OVN checklist.
 * The wizard creates a second OVN network, which starts, gets guests on both hosts and shows
 * them.
 */
import { connectVnmd } from '../../electron/client/client';
import { ovnMissing } from '../../electron/sandbox/ovn-lab';
import { SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import { inEveryView, removeNetworksAfterAll } from '../fixtures/spec-head';
import { ConnectionDetailsPage } from '../pages/connection-details-page';
import { CreateNetworkWizardPage } from '../pages/create-network-wizard-page';
import { DiagnosePage } from '../pages/diagnose-page';

const OVN_SKIP = SANDBOX_SKIP ?? ovnMissing();
test.skip(OVN_SKIP !== null, OVN_SKIP ?? '');
test.use({ sandboxOptions: { ovn: true } });
test.describe.configure({ mode: 'serial' });

const CREATED = 'ovn-lab';
removeNetworksAfterAll(CREATED);

test('span shows as one OVN network whose leases and traffic come from both hosts', async ({
  page,
  sandbox,
  sandboxApp,
}) => {
  const app = new ConnectionDetailsPage(page);
  await app.open(sandboxApp.url);
  await app.tab('Virtual Networks').click();
  await expect(app.network('span')).toContainText('OVN');
  await app.selectNetwork('span');

  await app.subTab('Details').click();
  await expect(app.details.fact('OVN', 'Logical switch')).toHaveText('vnm-span');
  await expect(app.details.fact('OVN', 'Gateway chassis')).toHaveText('host-a');
  await inEveryView(page, (size, scheme) => app.screenshot(`ovn-details-${size.width}`, scheme));

  // OVN's own DHCP: no lease file, the leases come from the northbound and southbound
  // databases, each naming the chassis its guest runs on.
  await app.subTab('DHCP Leases').click();
  await expect(app.leases.column('Host')).toBeVisible();
  for (const host of ['host-a', 'host-b']) {
    await expect(app.leases.table.getByRole('row').filter({ hasText: host })).toHaveCount(2, {
      timeout: 30_000,
    });
  }
  await inEveryView(page, (size, scheme) => app.screenshot(`ovn-leases-${size.width}`, scheme));

  // host-a's vnmd counts its two guests; host-b's two are counted by host-b's vnmd, which the
  // window is connected to (the demo put it in the connection list).
  await app.subTab('Traffic').click();
  for (const host of ['host-a', 'host-b']) {
    await expect(app.traffic.ports.getByRole('row').filter({ hasText: host })).toHaveCount(2, {
      timeout: 30_000,
    });
  }
  await expect(app.traffic.otherHostsGuests).toHaveCount(0);
  const before = await app.traffic.totalReceived();
  await expect.poll(() => app.traffic.totalReceived(), { timeout: 20_000 }).toBeGreaterThan(before);
  await inEveryView(page, (size, scheme) => app.screenshot(`ovn-traffic-${size.width}`, scheme));

  // Diagnose asks OVN, not the bridge checks: this chassis, the central, span's rows, the
  // router's gateway on host-a and every guest port, bound on the host it runs on.
  await app.subTab('Details').click();
  const diagnose = new DiagnosePage(page);
  await diagnose.open('span');
  await expect(diagnose.dialog('span').getByText('All 6 checks pass.')).toBeVisible();
  await expect(diagnose.line('span', "The router's gateway to uplink runs on host-a")).toBeVisible();
  await expect(
    diagnose.line(
      'span',
      /^OK.*4 guest ports, each bound and addressed: host-(a 2, host-b 2|b 2, host-a 2)\./,
    ),
  ).toBeVisible();
  await inEveryView(page, (size, scheme) => app.screenshot(`ovn-diagnose-${size.width}`, scheme));
  await diagnose.dialog('span').getByRole('button', { name: 'Close' }).click();
  await expect(diagnose.dialog('span')).toBeHidden();

  // What the window shows is what the hosts say: host-b's vnmd has no network of its own.
  const b = await connectVnmd(sandbox.ovn!.connectUriB.slice('unix:'.length));
  try {
    expect(await b.call('network.list', { filter: 'all' })).toEqual([]);
    const local = await b.call('ovn.localPorts', {});
    expect(local.host).toBe('host-b');
    expect(local.ports.filter((p) => p.network === 'span')).toHaveLength(2);
  } finally {
    b.close();
  }
});

test('the wizard creates an OVN network that starts on host-a and gets guests on both hosts', async ({
  page,
  sandbox,
  sandboxApp,
}) => {
  const app = new ConnectionDetailsPage(page);
  await app.open(sandboxApp.url);
  await app.tab('Virtual Networks').click();
  const wizard = new CreateNetworkWizardPage(page);
  await wizard.open();
  await wizard.fill('Name', CREATED);
  await expect(wizard.mode('Spanning hosts (OVN)')).toBeEnabled();
  await wizard.chooseOvn({ ovnMode: 'Isolated', network: '10.89.0.0/24' });
  await inEveryView(page, (size, scheme) => wizard.screenshot(`ovn-wizard-summary-${size.width}`, scheme));
  await wizard.finish();
  await expect(app.network(CREATED)).toContainText('Active');
  await expect(app.network(CREATED)).toContainText('OVN');
  const xml = await vnm(sandbox, 'net-dumpxml', CREATED);
  expect(xml).toContain("<virtualport type='openvswitch'/>");
  expect(xml).toMatch(/<vnm:ovn [^>]*mode="isolated"[^>]*subnet="10\.89\.0\.0\/24"/);

  // The sandbox's guests join it as they join any network that starts, one on each host.
  await app.selectNetwork(CREATED);
  await app.subTab('DHCP Leases').click();
  for (const host of ['host-a', 'host-b']) {
    await expect(app.leases.table.getByRole('row').filter({ hasText: host })).toHaveCount(1, {
      timeout: 30_000,
    });
  }
  await expect(app.leases.table).toContainText(/10\.89\.0\.\d+/);
  await inEveryView(page, (size, scheme) => app.screenshot(`ovn-created-leases-${size.width}`, scheme));
});
