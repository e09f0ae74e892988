/**
 * The Connection Details window against a sandbox host's vnmd: it shows what vnmd has
 * (checked with the CLI), `default`'s traffic moves live, a guest's lease is listed, and
 * every tab is saved as a screenshot in light and dark for a person to look at.
 */
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import { networkNames } from '../fixtures/sandbox-networks';
import { ConnectionDetailsPage } from '../pages/connection-details-page';
import { skipDarkScreenshotsInCiSplit } from '../fixtures/ci-split';

// Only where network namespaces cannot be made (not root); CI runs as root, so these run.
test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
// Under a busy machine (other suites in parallel) a run took 70 s of the default 90 s.
test.describe.configure({ timeout: 180_000 });

test('lists the networks vnmd has, with no connection banner', async ({ page, sandbox, sandboxApp }) => {
  const app = new ConnectionDetailsPage(page);
  await app.open(sandboxApp.url);
  await app.tab('Virtual Networks').click();
  await expect(app.connectionBanner).toHaveCount(0);
  const names = await networkNames(sandbox);
  expect(names).toEqual(expect.arrayContaining(['default', 'lab']));
  await expect(app.networkList.getByRole('option')).toHaveCount(names.length);
  for (const name of names) await expect(app.network(name)).toBeVisible();
  await expect(app.network('default')).toContainText('Active');
  await expect(app.network('lab')).toContainText('Inactive');
});

test('the traffic chart of default moves and its totals grow', async ({ page, sandboxApp }) => {
  const app = new ConnectionDetailsPage(page);
  await app.open(sandboxApp.url);
  await app.selectNetwork('default');
  await app.traffic.open();
  const line = app.traffic.chartLine;
  await expect(line).toBeVisible({ timeout: 20_000 });
  const firstPath = await line.getAttribute('d');
  await expect.poll(async () => line.getAttribute('d'), { timeout: 15_000 }).not.toBe(firstPath);
  await expect.poll(() => app.traffic.totalReceived(), { timeout: 10_000 }).toBeGreaterThan(0);
  const firstTotal = await app.traffic.totalReceived();
  await expect.poll(() => app.traffic.totalReceived(), { timeout: 20_000 }).toBeGreaterThan(firstTotal);
});

test("a guest's lease on default is listed in DHCP Leases", async ({ page, sandbox, sandboxApp }) => {
  type Lease = { hostname?: string | null; ipPrefix?: string; ip?: string };
  const leased = async () =>
    JSON.parse(await vnm(sandbox, 'net-dhcp-leases', 'default', '--json')) as Lease[];
  await expect.poll(async () => (await leased()).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const [lease] = (await leased()).filter((l) => l.hostname);
  expect(lease, 'a lease with a hostname').toBeDefined();
  const app = new ConnectionDetailsPage(page);
  await app.open(sandboxApp.url);
  await app.selectNetwork('default');
  await app.leases.open();
  const table = app.leases.table;
  const row = app.leases.row(lease!.hostname!);
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText(lease!.ipPrefix ?? lease!.ip ?? '');
  // The table's scroll box stays inside its panel (it once ran past the window's right edge);
  // a table wider than the panel scrolls inside that box.
  const panel = app.leases.panel;
  const [t, p] = [await table.locator('..').boundingBox(), await panel.boundingBox()];
  expect(t && p && t.x + t.width <= p.x + p.width + 1).toBe(true);
  expect(p && p.x + p.width <= (page.viewportSize()?.width ?? 0)).toBe(true);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`saves a screenshot of every tab in ${scheme}`, async ({ page, sandboxApp }) => {
    skipDarkScreenshotsInCiSplit(scheme);
    await page.emulateMedia({ colorScheme: scheme });
    const app = new ConnectionDetailsPage(page);
    await app.open(sandboxApp.url);
    await app.tab('Overview').click();
    await expect(page.getByRole('heading', { name: 'Host', exact: true })).toBeVisible();
    await app.screenshot('overview', scheme);
    await app.tab('Host Interfaces').click();
    await expect(page.getByRole('table', { name: 'Host interfaces' })).toBeVisible();
    await app.screenshot('host-interfaces', scheme);
    await app.selectNetwork('default');
    for (const sub of [app.details, app.xml, app.traffic, app.leases]) {
      await sub.open();
      await sub.expectOpen();
      if (sub === app.traffic) await expect(app.traffic.chartLine).toBeVisible();
      if (sub === app.leases) await expect(app.leases.table).toBeVisible();
      // The editor loads in a chunk of its own: the picture is of the XML, not its placeholder.
      if (sub === app.xml) await expect(app.xml.editor()).toContainText('<network');
      await sub.screenshot(`network-${sub.name.toLowerCase().replace(' ', '-')}`, scheme);
    }
  });
}
