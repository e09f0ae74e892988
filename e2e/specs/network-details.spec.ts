/**
 * The Details sub-tab against a sandbox host's vnmd, checked with the CLI: lab's DHCP range
 * changed and a static host added with Apply; a range outside the network refused on its
 * field with Apply disabled; leaving with unapplied changes asks first. Saves the tab,
 * clean and with a problem, in light and dark. lab's definition is put back afterwards,
 * since the sandbox lives on for the worker's next spec file.
 */
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import { ConnectionDetailsPage } from '../pages/connection-details-page';
import { skipDarkScreenshotsInCiSplit } from '../fixtures/ci-split';
import { keepDefinition } from '../fixtures/spec-head';

// Only where network namespaces cannot be made (not root); CI runs as root, so these run.
test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
// A busy machine (other suites in parallel) makes every step slow.
test.describe.configure({ timeout: 180_000 });

keepDefinition('lab');

async function openLabDetails(app: ConnectionDetailsPage, url: string): Promise<void> {
  await app.open(url);
  await app.selectNetwork('lab');
  await app.details.open();
  await expect(
    app.details.section('IPv4 configuration').getByRole('textbox', { name: 'Gateway' }),
  ).toHaveValue('10.77.0.1');
}

test('changes lab’s DHCP range and adds a static host with Apply', async ({ page, sandbox, sandboxApp }) => {
  const app = new ConnectionDetailsPage(page);
  await openLabDetails(app, sandboxApp.url);
  const v4 = app.details.section('IPv4 configuration');
  await expect(v4.getByRole('textbox', { name: 'DHCP start' })).toHaveValue('10.77.0.100');
  await v4.getByRole('textbox', { name: 'DHCP start' }).fill('10.77.0.120');
  await v4.getByRole('textbox', { name: 'DHCP end' }).fill('10.77.0.180');
  await v4.getByRole('button', { name: 'Add host' }).click();
  const rows = await v4.getByRole('button', { name: /^Remove host \d+$/ }).count();
  await v4.getByRole('textbox', { name: `Host ${rows} MAC address` }).fill('52:54:00:77:00:33');
  await v4.getByRole('textbox', { name: `Host ${rows} Host name` }).fill('printer');
  await v4.getByRole('textbox', { name: `Host ${rows} IP address` }).fill('10.77.0.33');
  await app.button('Apply').click();
  await expect(app.button('Apply')).toBeDisabled();
  const xml = await vnm(sandbox, 'net-dumpxml', 'lab');
  expect(xml).toContain("<range start='10.77.0.120' end='10.77.0.180'/>");
  expect(xml).toContain("<host mac='52:54:00:77:00:33' name='printer' ip='10.77.0.33'/>");
  // The reservations that were there stay, and so does the rest.
  expect(xml).toContain("name='ubuntu' ip='10.77.0.10'/>");
  expect(xml).toContain("<domain name='lab'/>");
  // The form now shows what vnmd has.
  await expect(v4.getByRole('textbox', { name: 'DHCP start' })).toHaveValue('10.77.0.120');
});

test('a DHCP range outside the network is refused on its field, and Apply waits', async ({
  page,
  sandbox,
  sandboxApp,
}) => {
  const app = new ConnectionDetailsPage(page);
  await openLabDetails(app, sandboxApp.url);
  const before = await vnm(sandbox, 'net-dumpxml', '--inactive', 'lab');
  const v4 = app.details.section('IPv4 configuration');
  const end = v4.getByRole('textbox', { name: 'DHCP end' });
  await end.fill('10.78.0.5');
  await expect(v4.getByText(/is not entirely within network 10\.77\.0\.1\/24/)).toBeVisible();
  await expect(end).toHaveAttribute('aria-invalid', 'true');
  await expect(app.button('Apply')).toBeDisabled();
  await end.fill('10.77.0.190');
  await expect(app.button('Apply')).toBeEnabled();
  await v4.getByRole('textbox', { name: 'Host 1 MAC address' }).fill('01:00:5e:00:00:01');
  await expect(v4.getByText(/expected unicast mac address, found multicast/)).toBeVisible();
  await expect(app.button('Apply')).toBeDisabled();
  expect(await vnm(sandbox, 'net-dumpxml', '--inactive', 'lab')).toBe(before);
  // Leave without applying, so the next test starts clean.
  await app.xml.open();
  await app.dialog('Apply changes?').getByRole('button', { name: 'Discard' }).click();
});

test('leaving with unapplied changes asks first', async ({ page, sandbox, sandboxApp }) => {
  const app = new ConnectionDetailsPage(page);
  await openLabDetails(app, sandboxApp.url);
  const before = await vnm(sandbox, 'net-dumpxml', '--inactive', 'lab');
  const forwarding = app.details.section('Forwarding');
  await forwarding.getByRole('combobox', { name: 'Forwarding mode' }).selectOption('route');
  await app.xml.open();
  const prompt = app.dialog('Apply changes?');
  await expect(prompt).toContainText('unapplied changes to network lab');
  await prompt.getByRole('button', { name: 'Cancel' }).click();
  await expect(prompt).toBeHidden();
  await expect(app.subTab('Details')).toHaveAttribute('aria-selected', 'true');
  await expect(forwarding.getByRole('combobox', { name: 'Forwarding mode' })).toHaveValue('route');
  await app.network('default').click();
  await prompt.getByRole('button', { name: 'Discard' }).click();
  await expect(app.network('default')).toHaveAttribute('aria-selected', 'true');
  expect(await vnm(sandbox, 'net-dumpxml', '--inactive', 'lab')).toBe(before);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`saves the Details sub-tab in ${scheme}`, async ({ page, sandboxApp }) => {
    skipDarkScreenshotsInCiSplit(scheme);
    await page.emulateMedia({ colorScheme: scheme });
    const app = new ConnectionDetailsPage(page);
    await openLabDetails(app, sandboxApp.url);
    await app.screenshot('network-details-lab', scheme);
    const v4 = app.details.section('IPv4 configuration');
    await v4.getByRole('textbox', { name: 'DHCP end' }).fill('10.78.0.5');
    await v4.getByRole('button', { name: 'Add host' }).click();
    await expect(v4.getByText(/is not entirely within/)).toBeVisible();
    await v4.getByRole('button', { name: 'Add host' }).scrollIntoViewIfNeeded();
    await app.screenshot('network-details-problem', scheme);
    await app.button('Apply').scrollIntoViewIfNeeded();
    await app.screenshot('network-details-apply', scheme);
    await app.xml.open();
    await app.dialog('Apply changes?').getByRole('button', { name: 'Discard' }).click();
  });
}
