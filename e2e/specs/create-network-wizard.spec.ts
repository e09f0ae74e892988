/**
 * The creation wizard against a real vnmd in the sandbox host (e2e/fixtures/sandbox.ts):
 * each mode clicked through and checked with `vnm net-dumpxml`; NAT, Routed and Isolated
 * also with a guest (the sandbox's agent plugs guests into every started network): the NAT
 * guest reaches the wan, the isolated one cannot even with a route. Every step is saved as a
 * screenshot in light and dark.
 */
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import type { Sandbox } from '../fixtures/sandbox';
import type { ModeName } from '../pages/create-network-wizard-page';
import { leasedGuest, networkNames, reachesWan, removeNetworks } from '../fixtures/sandbox-networks';
import { CreateNetworkWizardPage } from '../pages/create-network-wizard-page';
import { skipDarkScreenshotsInCiSplit } from '../fixtures/ci-split';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');

const PREFIX = 'wiz-';
const HOST_BRIDGE = 'br-wiz';

test.afterAll(async ({ sandbox }) => {
  await removeNetworks(sandbox, PREFIX);
  await sandbox.host.ip(['link', 'del', HOST_BRIDGE]).catch(() => undefined);
});

async function openWizard(
  page: CreateNetworkWizardPage['page'],
  url: string,
): Promise<CreateNetworkWizardPage> {
  await page.goto(url);
  await page.getByRole('tab', { name: 'Virtual Networks', exact: true }).click();
  const wizard = new CreateNetworkWizardPage(page);
  await wizard.open();
  return wizard;
}

/** Names the network, picks the mode, takes every proposal and finishes; returns the subnet. */
async function createThrough(
  wizard: CreateNetworkWizardPage,
  name: string,
  mode: ModeName,
  ipv6 = false,
): Promise<string> {
  await wizard.fill('Name', name);
  await wizard.mode(mode).check();
  if (mode === 'Bridge') {
    await wizard.select('Host bridge').selectOption(HOST_BRIDGE);
    await wizard.next();
    await wizard.expectStep('Summary');
    await wizard.finish();
    return '';
  }
  await wizard.next();
  await wizard.expectStep('IPv4');
  const subnet = await wizard.field('Network').inputValue();
  if (ipv6) {
    await wizard.next();
    await wizard.checkbox('Enable IPv6').check();
  }
  await wizard.nextToSummary();
  await expect(wizard.checkbox('Start network now')).toBeChecked();
  await expect(wizard.checkbox('Start on boot')).toBeChecked();
  await wizard.finish();
  return subnet;
}

type GuestCheck = (sandbox: Sandbox, name: string, gateway: string) => Promise<void>;

const natGuest: GuestCheck = async (sandbox, name) => {
  expect(await reachesWan(await leasedGuest(sandbox, name))).toBe(true);
};

const routedGuest: GuestCheck = async (sandbox, name) => {
  const guest = await leasedGuest(sandbox, name);
  expect(await reachesWan(guest)).toBe(true);
  // The wan (told the route by the sandbox) reaches the guest: no NAT in between.
  await sandbox.wan.exec('ping', ['-c', '1', '-W', '3', guest.leasedIp() ?? '']);
};

const isolatedGuest: GuestCheck = async (sandbox, name, gateway) => {
  const guest = await leasedGuest(sandbox, name);
  // It reaches the host; even given a default route by hand it cannot get out: the firewall stops it.
  await guest.ns.exec('ping', ['-c', '1', '-W', '3', gateway]);
  await guest.ns.exec('ip', ['route', 'replace', 'default', 'via', gateway]);
  expect(await reachesWan(guest)).toBe(false);
};

const MODES: readonly { mode: ModeName; forward: RegExp; guest?: GuestCheck; ipv6?: boolean }[] = [
  { mode: 'NAT', forward: /<forward mode='nat'\/?>/, guest: natGuest },
  { mode: 'Routed', forward: /<forward mode='route'\/>/, guest: routedGuest, ipv6: true },
  { mode: 'Isolated', forward: /^(?![\s\S]*<forward)/, guest: isolatedGuest },
  { mode: 'Open', forward: /<forward mode='open'\/>/ },
];

for (const { mode, forward, guest, ipv6 } of MODES) {
  test(`creates a ${mode} network that runs and starts on boot`, async ({ page, sandboxApp, sandbox }) => {
    const name = `${PREFIX}${mode.toLowerCase()}`;
    const wizard = await openWizard(page, sandboxApp.url);
    const subnet = await createThrough(wizard, name, mode, ipv6);
    const [network = '', prefix] = subnet.split('/');
    const gateway = network.replace(/\.0$/, '.1');
    const xml = await vnm(sandbox, 'net-dumpxml', name);
    expect(xml).toMatch(forward);
    expect(xml).toContain(`<domain name='${name}' localOnly='yes'/>`);
    expect(xml).toContain(`<ip address='${gateway}' prefix='${prefix}'>`);
    if (ipv6)
      expect(xml).toMatch(
        /<ip family='ipv6' address='fd[0-9a-f:]+::1' prefix='64'>\s*<dhcp>\s*<range start='fd[0-9a-f:]+::100'/,
      );
    const info = await vnm(sandbox, 'net-info', name);
    expect(info).toMatch(/Active:\s+yes/);
    expect(info).toMatch(/Autostart:\s+yes/);
    await expect(page.getByRole('option', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
    await guest?.(sandbox, name, gateway);
  });
}

test('bridges guests to an existing host bridge', async ({ page, sandboxApp, sandbox }) => {
  await sandbox.host.ip(['link', 'add', HOST_BRIDGE, 'type', 'bridge']);
  await sandbox.host.ip(['link', 'set', HOST_BRIDGE, 'up']);
  const wizard = await openWizard(page, sandboxApp.url);
  await createThrough(wizard, `${PREFIX}bridge`, 'Bridge');
  const xml = await vnm(sandbox, 'net-dumpxml', `${PREFIX}bridge`);
  expect(xml).toContain("<forward mode='bridge'/>");
  expect(xml).toContain(`<bridge name='${HOST_BRIDGE}'/>`);
  expect(xml).not.toContain('<ip');
});

test('Back keeps every value, Enter is Next, Escape is Cancel', async ({ page, sandboxApp, sandbox }) => {
  const wizard = await openWizard(page, sandboxApp.url);
  await wizard.fill('Name', `${PREFIX}kept`);
  await wizard.mode('Routed').check();
  await wizard.field('Name').press('Enter');
  await wizard.expectStep('IPv4');
  await wizard.fill('Network', '10.123.0.0/16');
  await expect(wizard.field('Gateway')).toHaveValue('10.123.0.1');
  await expect(wizard.field('DHCP start')).toHaveValue('10.123.128.0');
  await wizard.fill('DHCP end', '10.123.200.200');
  await wizard.fill('Network', '10.124.0.0/16');
  await expect(wizard.field('DHCP start')).toHaveValue('10.124.128.0');
  await expect(wizard.field('DHCP end')).toHaveValue('10.123.200.200');
  await wizard.expectMessage(
    'DHCP end',
    '10.123.200.200 is outside 10.124.0.0/16: choose an address inside it.',
  );
  await wizard.fill('DHCP end', '10.124.200.200');
  await wizard.field('DHCP end').press('Enter');
  await wizard.expectStep('IPv6');
  await wizard.checkbox('Enable IPv6').check();
  await wizard.button('Back').click();
  await wizard.button('Back').click();
  await expect(wizard.field('Name')).toHaveValue(`${PREFIX}kept`);
  await expect(wizard.mode('Routed')).toBeChecked();
  await wizard.next();
  await expect(wizard.field('Network')).toHaveValue('10.124.0.0/16');
  await expect(wizard.field('DHCP end')).toHaveValue('10.124.200.200');
  await wizard.next();
  await expect(wizard.checkbox('Enable IPv6')).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(wizard.dialog).toBeHidden();
  expect(await networkNames(sandbox)).not.toContain(`${PREFIX}kept`);
});

test('a failed start removes the definition, says why and keeps the values', async ({
  page,
  sandboxApp,
  sandbox,
}) => {
  // A route the wizard cannot see (no interface holds it), but vnmd's start check does.
  await sandbox.host.ip(['route', 'add', '10.66.6.0/24', 'via', '198.51.100.1']);
  try {
    const wizard = await openWizard(page, sandboxApp.url);
    await wizard.fill('Name', `${PREFIX}clash`);
    await wizard.next();
    const proposal = await wizard.field('Network').inputValue();
    await wizard.fill('Network', '10.66.6.0/24');
    await wizard.nextToSummary();
    await wizard.button('Finish').click();
    await expect(wizard.dialog.getByRole('alert')).toContainText(
      `Network ${PREFIX}clash could not be started`,
    );
    await expect(wizard.dialog.getByRole('alert')).toContainText('Its definition was removed');
    expect(await networkNames(sandbox)).not.toContain(`${PREFIX}clash`);
    await wizard.button('Back').click();
    await wizard.button('Back').click();
    await wizard.button('Back').click();
    await expect(wizard.field('Network')).toHaveValue('10.66.6.0/24');
    await wizard.fill('Network', proposal);
    await wizard.nextToSummary();
    await wizard.checkbox('Start network now').uncheck();
    await wizard.checkbox('Start on boot').uncheck();
    await wizard.finish();
    expect(await vnm(sandbox, 'net-info', `${PREFIX}clash`)).toMatch(/Active:\s+no/);
  } finally {
    await sandbox.host.ip(['route', 'del', '10.66.6.0/24']).catch(() => undefined);
  }
});

for (const scheme of ['light', 'dark'] as const) {
  test(`saves every step in ${scheme}`, async ({ page, sandboxApp }) => {
    skipDarkScreenshotsInCiSplit(scheme);
    // Many steps on a busy 2-core machine: give it more than the default 90 s.
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme: scheme });
    const wizard = await openWizard(page, sandboxApp.url);
    await wizard.screenshot('1-name-and-mode', scheme);
    await wizard.next();
    await wizard.screenshot('2-ipv4', scheme);
    await wizard.fill('Gateway', '192.168.1.1');
    await wizard.screenshot('2-ipv4-error', scheme);
    await wizard.button('Back').click();
    await wizard.next();
    await wizard.field('Gateway').clear();
    await wizard.fill('Network', await wizard.field('Network').inputValue());
    await wizard.fill('Gateway', (await wizard.field('DHCP start').inputValue()).replace(/\.\d+$/, '.1'));
    await wizard.next();
    await wizard.checkbox('Enable IPv6').check();
    await wizard.screenshot('3-ipv6', scheme);
    await wizard.next();
    await wizard.dnsChoice('Custom').check();
    await wizard.fill('Custom domain name', 'lab.example');
    await wizard.screenshot('4-forwarding-and-dns', scheme);
    await wizard.next();
    await wizard.expectStep('Summary');
    await wizard.screenshot('5-summary', scheme);
    // The XML is the Summary's second view (create-network-wizard-xml.spec.ts edits it).
    await wizard.showXml();
    await expect(wizard.xmlEditor).toContainText('<network>');
    await wizard.screenshot('5-summary-xml', scheme);
    await wizard.button('Cancel').click();
    await wizard.open();
    await wizard.mode('Bridge').check();
    await wizard.screenshot('1-bridge', scheme);
  });
}

test('offers "Spanning hosts (OVN)" only where OVN runs, and says what is missing', async ({
  page,
  sandboxApp,
}) => {
  // This sandbox host is no OVN chassis: no ovs-vswitchd or ovn-controller runs for it.
  const wizard = await openWizard(page, sandboxApp.url);
  const ovn = wizard.mode('Spanning hosts (OVN)');
  await expect(ovn).toBeDisabled();
  await expect(ovn).toHaveAccessibleDescription(/Not available on this host:.*ovs-vswitchd is not running/);
  await expect(wizard.mode('NAT')).toBeEnabled();
  await ovn.scrollIntoViewIfNeeded();
  await wizard.screenshot('wizard-ovn-missing', 'light');
});
