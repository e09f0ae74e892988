/**
 * A table of bad inputs typed into the wizard against a real vnmd in the sandbox host (which
 * has `default` on 192.168.122.0/24, `lab` on 10.77.0.0/24 and up0 on 198.51.100.0/24):
 * each shows its message under its field and blocks Next, by click and by Enter; putting the
 * value back unblocks it.
 */
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test } from '../fixtures/sandbox';
import type { StepName, TextFieldName } from '../pages/create-network-wizard-page';
import { CreateNetworkWizardPage } from '../pages/create-network-wizard-page';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');

/** The first three octets of the proposed /24, so rows can name its addresses. */
type Value = string | ((base: string) => string);
interface Row {
  readonly step: StepName;
  readonly field: TextFieldName;
  readonly value: Value;
  readonly message: string | ((base: string) => string);
}

const at = (host: number) => (base: string) => `${base}.${host}`;

const ROWS: readonly Row[] = [
  { step: 'Name and mode', field: 'Name', value: '', message: 'Enter a name for the network' },
  { step: 'Name and mode', field: 'Name', value: 'a/b', message: "cannot contain '/'" },
  { step: 'Name and mode', field: 'Name', value: '.hidden', message: "starts with '.'" },
  { step: 'Name and mode', field: 'Name', value: 'a..b', message: "'..'" },
  {
    step: 'Name and mode',
    field: 'Name',
    value: 'default',
    message: "A network named 'default' already exists",
  },
  { step: 'Name and mode', field: 'Name', value: 'n'.repeat(201), message: 'vnm allows at most 200' },
  { step: 'IPv4', field: 'Network', value: '', message: 'Enter the IPv4 network in CIDR form' },
  { step: 'IPv4', field: 'Network', value: '192.168.100.0', message: 'Add the prefix length' },
  {
    step: 'IPv4',
    field: 'Network',
    value: '192.168.300.0/24',
    message: "'192.168.300.0' is not an IPv4 address",
  },
  { step: 'IPv4', field: 'Network', value: 'fd00::/64', message: 'fd00:: is an IPv6 address' },
  { step: 'IPv4', field: 'Network', value: '192.168.100.0/31', message: 'Use a prefix from /8 to /30' },
  { step: 'IPv4', field: 'Network', value: '10.0.0.0/7', message: '/7 is larger than any private range' },
  { step: 'IPv4', field: 'Network', value: (b) => `${b}.7/24`, message: (b) => `use ${b}.0/24` },
  { step: 'IPv4', field: 'Network', value: '127.0.0.0/8', message: 'the loopback range' },
  { step: 'IPv4', field: 'Network', value: '224.0.0.0/24', message: 'the multicast range' },
  {
    step: 'IPv4',
    field: 'Network',
    value: '192.168.122.0/24',
    message: "is already used by network 'default'",
  },
  {
    step: 'IPv4',
    field: 'Network',
    value: '10.77.0.0/16',
    message: "overlaps 10.77.0.0/24 of network 'lab'",
  },
  {
    step: 'IPv4',
    field: 'Network',
    value: '198.51.100.0/24',
    message: 'is already used by up0 on this host',
  },
  { step: 'IPv4', field: 'Gateway', value: '192.0.2.1', message: 'is outside' },
  { step: 'IPv4', field: 'Gateway', value: at(0), message: 'is the network address' },
  { step: 'IPv4', field: 'Gateway', value: at(255), message: 'is the broadcast address' },
  { step: 'IPv4', field: 'Gateway', value: 'router', message: "'router' is not an IPv4 address" },
  { step: 'IPv4', field: 'DHCP start', value: at(1), message: "is the gateway's address" },
  { step: 'IPv4', field: 'DHCP start', value: at(0), message: 'is the network address' },
  { step: 'IPv4', field: 'DHCP start', value: '10.1.1.1', message: 'is outside' },
  { step: 'IPv4', field: 'DHCP end', value: at(255), message: 'is the broadcast address' },
  { step: 'IPv4', field: 'DHCP end', value: at(100), message: 'is reversed' },
  { step: 'IPv4', field: 'DHCP end', value: '', message: 'Enter DHCP end address' },
  { step: 'IPv6', field: 'IPv6 network', value: 'fd00:1::/48', message: 'Use a /64 prefix' },
  { step: 'IPv6', field: 'IPv6 network', value: '10.0.0.0/8', message: 'is an IPv4 address' },
  { step: 'IPv6', field: 'IPv6 network', value: 'fe80::/64', message: 'the link-local range' },
  { step: 'IPv6', field: 'IPv6 gateway', value: 'fd00:9::1', message: 'is outside' },
  { step: 'IPv6', field: 'DHCPv6 start', value: 'fd00:9::100', message: 'is outside' },
  { step: 'Forwarding and DNS', field: 'Custom domain name', value: '', message: 'Enter a domain name' },
  {
    step: 'Forwarding and DNS',
    field: 'Custom domain name',
    value: 'lab example',
    message: 'is not a valid domain name',
  },
  {
    step: 'Forwarding and DNS',
    field: 'Custom domain name',
    value: '-lab.example',
    message: 'not at the start or end',
  },
];

const STEPS: readonly StepName[] = ['Name and mode', 'IPv4', 'IPv6', 'Forwarding and DNS'];

/** What each step needs before its rows apply. */
async function prepare(wizard: CreateNetworkWizardPage, step: StepName): Promise<void> {
  if (step === 'IPv6') await wizard.checkbox('Enable IPv6').check();
  if (step === 'Forwarding and DNS') {
    await wizard.dnsChoice('Custom').check();
    await wizard.fill('Custom domain name', 'lab.example');
  }
}

test(`${ROWS.length} bad inputs each show their message and block Next`, async ({ page, sandboxApp }) => {
  test.setTimeout(180_000);
  expect(ROWS.length).toBeGreaterThanOrEqual(25);
  await page.goto(sandboxApp.url);
  const wizard = new CreateNetworkWizardPage(page);
  await wizard.open();
  let base = '';
  for (const step of STEPS) {
    await wizard.expectStep(step);
    await prepare(wizard, step);
    if (step === 'IPv4') base = (await wizard.field('Network').inputValue()).replace(/\.0\/24$/, '');
    for (const row of ROWS.filter((r) => r.step === step)) {
      const good = await wizard.field(row.field).inputValue();
      const bad = typeof row.value === 'string' ? row.value : row.value(base);
      const message = typeof row.message === 'string' ? row.message : row.message(base);
      await test.step(`${row.field} = '${bad.slice(0, 40)}'`, async () => {
        await wizard.fill(row.field, bad);
        await wizard.expectMessage(row.field, message);
        await expect(wizard.field(row.field)).toHaveAttribute('aria-invalid', 'true');
        await expect(wizard.button('Next')).toBeDisabled();
        await wizard.field(row.field).press('Enter');
        await wizard.expectStep(step);
        await wizard.fill(row.field, good);
        await expect(wizard.button('Next')).toBeEnabled();
      });
    }
    await wizard.next();
  }
  await wizard.expectStep('Summary');
  await expect(wizard.button('Finish')).toBeEnabled();
});
