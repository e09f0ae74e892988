/**
 * The Connection Details window against a sandbox host's vnmd: it shows what vnmd has
 * (checked with the CLI), `default`'s traffic moves live, a guest's lease is listed, and
 * every tab is saved as a screenshot in light and dark for a person to look at.
 */
import type { Page } from '@playwright/test';
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import type { Sandbox } from '../fixtures/sandbox';
import { ConnectionDetailsPage } from '../pages/connection-details-page';
import type { SubTabName } from '../pages/connection-details-page';

// Only where network namespaces cannot be made (not root); CI runs as root, so these run.
test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
// Under a busy machine (other suites in parallel) a run took 70 s of the default 90 s.
test.describe.configure({ timeout: 180_000 });

/** Network names from `vnm net-list --all` (skips the header and rule lines). */
async function cliNetworkNames(sandbox: Sandbox): Promise<string[]> {
  const out = await vnm(sandbox, 'net-list', '--all');
  return out
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

const UNITS: Record<string, number> = { B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40 };

/** Bytes received in the "Network total (ports)" line of the Traffic tab, as the window says. */
async function totalReceived(page: Page): Promise<number> {
  const line = page.getByText(/^Received .* Sent /).first();
  const m = /^Received ([\d.]+) (\w+)/.exec((await line.textContent()) ?? '');
  return m ? Number(m[1]) * (UNITS[m[2] ?? ''] ?? Number.NaN) : Number.NaN;
}

test('lists the networks vnmd has, with no connection banner', async ({ page, sandbox, sandboxApp }) => {
  const app = new ConnectionDetailsPage(page);
  await app.open(sandboxApp.url);
  await app.tab('Virtual Networks').click();
  await expect(app.connectionBanner).toHaveCount(0);
  const names = await cliNetworkNames(sandbox);
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
  await app.subTab('Traffic').click();
  const line = page
    .getByRole('img', { name: /rates from/ })
    .locator('path')
    .first();
  await expect(line).toBeVisible({ timeout: 20_000 });
  const firstPath = await line.getAttribute('d');
  await expect.poll(async () => line.getAttribute('d'), { timeout: 15_000 }).not.toBe(firstPath);
  await expect.poll(() => totalReceived(page), { timeout: 10_000 }).toBeGreaterThan(0);
  const firstTotal = await totalReceived(page);
  await expect.poll(() => totalReceived(page), { timeout: 20_000 }).toBeGreaterThan(firstTotal);
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
  await app.subTab('DHCP Leases').click();
  const table = page.getByRole('table', { name: 'DHCP leases' });
  const row = table.getByRole('row').filter({ hasText: lease!.hostname! });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText(lease!.ipPrefix ?? lease!.ip ?? '');
  // The table's scroll box stays inside its panel (it once ran past the window's right edge);
  // a table wider than the panel scrolls inside that box.
  const panel = page.getByRole('tabpanel', { name: 'DHCP Leases' });
  const [t, p] = [await table.locator('..').boundingBox(), await panel.boundingBox()];
  expect(t && p && t.x + t.width <= p.x + p.width + 1).toBe(true);
  expect(p && p.x + p.width <= (page.viewportSize()?.width ?? 0)).toBe(true);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`saves a screenshot of every tab in ${scheme}`, async ({ page, sandboxApp }) => {
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
    const subTabs: SubTabName[] = ['Details', 'XML', 'Traffic', 'DHCP Leases'];
    for (const sub of subTabs) {
      await app.subTab(sub).click();
      await expect(app.subTab(sub)).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByRole('tabpanel', { name: sub })).toBeVisible();
      if (sub === 'Traffic')
        await expect(
          page
            .getByRole('img', { name: /rates from/ })
            .locator('path')
            .first(),
        ).toBeVisible();
      if (sub === 'DHCP Leases') await expect(page.getByRole('table', { name: 'DHCP leases' })).toBeVisible();
      await page.waitForTimeout(300);
      await app.screenshot(`network-${sub.toLowerCase().replace(' ', '-')}`, scheme);
    }
  });
}
