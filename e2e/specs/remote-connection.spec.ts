/**
 * Issue 18 in the window: the local sandbox and a remote host over SSH side by side. The
 * remote is a network and mount namespace of its own with sshd and a vnmd whose socket the
 * app cannot see (test/helpers/ssh-remote.ts); the app's ssh reaches it through a
 * ProxyCommand (VNM_SSH_CONFIG), with a known_hosts file of the test's own. The person adds
 * the connection, accepts the host key after seeing its fingerprint, opens the remote's
 * Connection Details, creates a network there with the wizard (proposals from that host),
 * watches its traffic chart move as a remote guest sends, and switches back to Local.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { CAN_SANDBOX, SANDBOX_SKIP, appSshConfig, expect, test, vnm } from '../fixtures/sandbox';
import { inEveryView } from '../fixtures/spec-head';
import { ConnectionDetailsPage } from '../pages/connection-details-page';
import { ConnectionsPage } from '../pages/connections-page';
import { CreateNetworkWizardPage } from '../pages/create-network-wizard-page';
import { REMOTE_ADDRESS, createSshRemote } from '../../test/helpers/ssh-remote';
import type { SshRemote } from '../../test/helpers/ssh-remote';
import { createGuest, runUdhcpc } from '../../test/helpers/guest';
import type { Guest } from '../../test/helpers/guest';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
test.describe.configure({ mode: 'serial' });

const NETWORK = 'remote-lab';
let remote: SshRemote;
let guest: Guest | null = null;
/** The remote's Connection Details address, once a test has opened it (each test has its own page). */
let remoteUrl = '';

test.beforeAll(async ({ sandbox }) => {
  remote = await createSshRemote('vnmte');
  // An empty known_hosts of the test's own: the app must ask about the host key, and an
  // accepted key lands here, never in the user's ~/.ssh.
  const knownHosts = join(remote.dir, 'kh_app');
  copyFileSync(remote.knownHosts.empty, knownHosts);
  writeFileSync(
    appSshConfig(sandbox),
    `Host ${REMOTE_ADDRESS}\n  UserKnownHostsFile ${knownHosts}\n  GlobalKnownHostsFile /dev/null\nInclude ${remote.proxyConfig}\n`,
  );
});

test.afterAll(async ({ sandbox }) => {
  await guest?.ns.destroy();
  await remote?.destroy();
  writeFileSync(appSshConfig(sandbox), '# Written by a spec that adds an SSH connection.\n');
});

/** `vnm -c vnm+ssh://…` from the desktop namespace: what the remote vnmd itself says. */
async function remoteVnm(...args: string[]): Promise<string> {
  const r = await remote.desktopCli(['-c', remote.uri(remote.users.member), ...args]);
  if (r.code !== 0) throw new Error(`vnm ${args.join(' ')} on the remote failed:\n${r.stderr}`);
  return r.stdout;
}

const memberName = () => `${remote.users.member}@${REMOTE_ADDRESS}`;

/** The app at `url` (its own page: each test has one) with the Connections dialog open. */
async function connectionsAt(page: Page, url: string) {
  const app = new ConnectionDetailsPage(page);
  const connections = new ConnectionsPage(page);
  await app.open(url);
  await connections.open();
  return { app, connections };
}

test('adds an SSH connection, asks about the host key with its fingerprint, and connects', async ({
  page,
  sandboxApp,
}) => {
  const { connections } = await connectionsAt(page, sandboxApp.url);
  const name = memberName();
  await expect(connections.row('Local')).toContainText('Connected');
  await connections.add({ host: REMOTE_ADDRESS, user: remote.users.member, keyfile: remote.keys.good });
  await expect(connections.addDialog.getByLabel('Generated URI')).toHaveText(
    `vnm+ssh://${name}/system?keyfile=${encodeURIComponent(remote.keys.good)}`,
  );
  await inEveryView(page, (size, scheme) => connections.screenshot(`connections-add-${size.width}`, scheme));
  await connections.confirmAdd();
  const ask = connections.askpass(name);
  await expect(ask).toContainText(/ED25519 key fingerprint is SHA256:/);
  await inEveryView(page, (size, scheme) =>
    connections.screenshot(`connections-host-key-${size.width}`, scheme),
  );
  await ask.getByRole('button', { name: 'Accept host key' }).click();
  await expect(connections.row(name)).toContainText('Connected', { timeout: 20_000 });
  await inEveryView(page, (size, scheme) => connections.screenshot(`connections-list-${size.width}`, scheme));
});

test('creates a network on the remote with the wizard, with that host’s proposals', async ({
  page,
  sandbox,
  sandboxApp,
}) => {
  const { app, connections } = await connectionsAt(page, sandboxApp.url);
  const name = memberName();
  await connections.openConnection(name);
  await expect(page).toHaveURL(/[?&]connection=c-/);
  // A new page (each test has its own) needs the token too: only this page holds its cookie.
  remoteUrl = `${sandboxApp.url}&connection=${new URL(page.url()).searchParams.get('connection')}`;
  await app.heading.waitFor();
  await expect(page.getByLabel(`Connection: ${name}`)).toBeVisible();
  await app.tab('Virtual Networks').click();
  // The remote has no network yet: the list is empty, while Local has default and lab.
  await expect(app.networkList.getByRole('option')).toHaveCount(0);
  const wizard = new CreateNetworkWizardPage(page);
  await wizard.open();
  await wizard.fill('Name', NETWORK);
  await wizard.mode('NAT').check();
  await wizard.next();
  await wizard.expectStep('IPv4');
  // The remote has no bridge of vnm's: its first proposal is libvirt's first one.
  const subnet = await wizard.field('Network').inputValue();
  await wizard.nextToSummary();
  await wizard.finish();
  await expect(app.network(NETWORK)).toBeVisible();
  await expect(app.network(NETWORK)).toContainText('Active');
  expect(await remoteVnm('net-list', '--all', '--name')).toContain(NETWORK);
  expect(await vnm(sandbox, 'net-list', '--all', '--name')).not.toContain(NETWORK);
  expect(await remoteVnm('net-dumpxml', NETWORK)).toContain(subnet.replace(/\.0\/24$/, '.1'));
});

test('shows the remote network’s traffic moving as a remote guest sends', async ({ page }) => {
  const app = new ConnectionDetailsPage(page);
  await app.open(remoteUrl);
  const bridge = /<bridge name='([^']+)'/.exec(await remoteVnm('net-dumpxml', NETWORK))?.[1];
  expect(bridge).toBeTruthy();
  guest = await createGuest(remote.remote, bridge!);
  const lease = await runUdhcpc(guest.ns, { hostname: 'remote-guest', tries: 10 });
  await app.selectNetwork(NETWORK);
  await app.subTab('Traffic').click();
  await expect(app.traffic.chartLine).toBeVisible();
  const before = await app.traffic.chartLine.getAttribute('d');
  const pings = guest.ns.exec('ping', ['-c', '30', '-i', '0.2', '-s', '1000', lease.router ?? '']);
  await expect.poll(() => app.traffic.chartLine.getAttribute('d'), { timeout: 15_000 }).not.toBe(before);
  await expect.poll(() => app.traffic.totalReceived(), { timeout: 15_000 }).toBeGreaterThan(10_000);
  await inEveryView(page, (size, scheme) => app.screenshot(`remote-traffic-${size.width}`, scheme));
  await pings;
  await app.subTab('DHCP Leases').click();
  await expect(page.getByRole('tabpanel', { name: 'DHCP Leases' })).toContainText(lease.ip);
});

test('switches back to Local, where the remote network is not', async ({ page }) => {
  const app = new ConnectionDetailsPage(page);
  const connections = new ConnectionsPage(page);
  await app.open(remoteUrl);
  await app.tab('Virtual Networks').click();
  await expect(app.network(NETWORK)).toBeVisible();
  await connections.open();
  await connections.openConnection('Local');
  await expect(page).not.toHaveURL(/connection=/);
  await app.tab('Virtual Networks').click();
  await expect(app.network('default')).toBeVisible();
  await expect(app.network(NETWORK)).toHaveCount(0);
  await connections.open();
  // The remote stays connected while this window shows Local.
  await expect(connections.row(memberName())).toContainText('Connected');
});

test('shows on its row why a connection failed: a user vnmd refuses there', async ({ page, sandboxApp }) => {
  const { connections } = await connectionsAt(page, sandboxApp.url);
  // The host key is known now (accepted above): what fails is the remote socket's access.
  await connections.add({ host: REMOTE_ADDRESS, user: remote.users.outsider, keyfile: remote.keys.good });
  await connections.confirmAdd();
  const row = connections.row(`${remote.users.outsider}@${REMOTE_ADDRESS}`);
  await expect(row).toContainText('Failed', { timeout: 20_000 });
  await expect(row.getByRole('note')).toContainText(`on ${REMOTE_ADDRESS}:`);
  await expect(row.getByRole('note')).toContainText('ro=1');
  await inEveryView(page, (size, scheme) =>
    connections.screenshot(`connections-failed-${size.width}`, scheme),
  );
  await row.getByRole('button', { name: 'Remove' }).click();
  await expect(row).toHaveCount(0);
});
