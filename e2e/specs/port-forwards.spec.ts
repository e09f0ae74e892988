/**
 * Port forwarding (issue #14) in the window against a real vnmd in the sandbox host: a web
 * server runs in one of default's guests; a forward added in the Port Forwarding tab makes it
 * answer from the wan through the host's uplink address; removed, the wan gets nothing. The
 * tab and the Add dialog are saved as screenshots at 1280x800 and 1024x640, light and dark.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { UPLINK } from '../../electron/sandbox/uplink';
import type { Guest } from '../../electron/sandbox/guest';
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import type { Sandbox } from '../fixtures/sandbox';
import { leasedGuest } from '../fixtures/sandbox-networks';
import type { ColorScheme } from '../pages/base-page';
import { ConnectionDetailsPage } from '../pages/connection-details-page';
import { ForwardsPage } from '../pages/forwards-page';
import { skipDarkScreenshotsInCiSplit } from '../fixtures/ci-split';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
test.describe.configure({ timeout: 180_000 });

const GUEST_PORT = '8000';
const HOST_PORT = '8080';

/** busybox httpd on GUEST_PORT inside the guest, serving a page that names the guest. */
function startGuestWebServer(guest: Guest): ChildProcess {
  const dir = join(guest.spec.dir, 'www');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), `<p>Hello from ${guest.hostname}</p>\n`);
  return guest.ns.spawn('busybox', ['httpd', '-f', '-p', GUEST_PORT, '-h', dir]);
}

/** The page the wan gets from the host's uplink address and HOST_PORT, or null when none comes in 4 s. */
async function fetchFromWan(sandbox: Sandbox): Promise<string | null> {
  const url = `http://${UPLINK.hostAddress}:${HOST_PORT}/`;
  // busybox 1.35's wget crashes with -T, so `timeout` bounds it.
  return sandbox.wan.exec('timeout', ['4', 'busybox', 'wget', '-q', '-O', '-', url]).then(
    (r) => r.stdout,
    () => null,
  );
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}

/** Nothing in the table is cut off or scrolled away sideways: Remove is in the window. */
async function expectTableFits(page: Page, forwards: ForwardsPage): Promise<void> {
  const box = forwards.table.locator('..');
  const overflow = await box.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow, 'the forwards table scrolls sideways').toBeLessThanOrEqual(0);
  const remove = await forwards.table.getByRole('button', { name: 'Remove' }).first().boundingBox();
  expect(remove && remove.x + remove.width <= (page.viewportSize()?.width ?? 0)).toBe(true);
}

test('a forward added in the window reaches a guest’s web server from the wan, and is gone once removed', async ({
  page,
  sandbox,
  sandboxApp,
}) => {
  const guest = await leasedGuest(sandbox, 'default');
  const address = guest.leasedIp()!;
  const server = startGuestWebServer(guest);
  try {
    expect(await fetchFromWan(sandbox), 'nothing answers before the forward').toBeNull();
    const app = new ConnectionDetailsPage(page);
    const forwards = new ForwardsPage(page);
    await app.open(sandboxApp.url);
    // Only NAT hides guests behind the host: the isolated lab has no such tab.
    await app.selectNetwork('lab');
    await expect(app.subTab('DHCP Leases')).toBeVisible();
    await expect(forwards.tab).toHaveCount(0);
    await app.selectNetwork('default');
    await forwards.open();
    await forwards.expectOpen();
    await expect(forwards.emptyState).toBeVisible();

    await forwards.fill({
      hostPort: HOST_PORT,
      guestAddress: address,
      guestPort: GUEST_PORT,
      description: 'guest web server',
    });
    // The demo reserves each guest's address (a static host), so the forward survives a new
    // lease already and the dialog offers no reservation (the offer for a dynamic lease is
    // covered by forwards-tab.test.tsx).
    await expect(forwards.reservation(guest.hostname)).toHaveCount(0);
    await forwards.submit();

    const row = forwards.row(HOST_PORT);
    await expect(row).toContainText(address);
    await expect(row).toContainText(guest.hostname);
    await expect(row).toContainText('all addresses');
    await expect(row).toContainText('guest web server');
    await expect
      .poll(() => fetchFromWan(sandbox), { timeout: 15_000 })
      .toContain(`Hello from ${guest.hostname}`);
    // The window's change is vnmd's: the CLI sees the forward, and the reservation is kept.
    expect(await vnm(sandbox, 'net-forward-list', 'default')).toContain(address);
    expect(await vnm(sandbox, 'net-dumpxml', 'default')).toContain(`ip='${address}'`);

    await forwards.remove(
      HOST_PORT,
      `TCP port ${HOST_PORT} on all addresses to ${address} (${guest.hostname})`,
    );
    await expect(forwards.emptyState).toBeVisible();
    await expect.poll(() => fetchFromWan(sandbox), { timeout: 15_000 }).toBeNull();
  } finally {
    await stop(server);
  }
});

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
] as const;

for (const scheme of ['light', 'dark'] as const satisfies readonly ColorScheme[]) {
  test(`saves the Port Forwarding tab and its Add dialog in ${scheme}`, async ({
    page,
    sandbox,
    sandboxApp,
  }) => {
    skipDarkScreenshotsInCiSplit(scheme);
    const guest = await leasedGuest(sandbox, 'default');
    const address = guest.leasedIp()!;
    const port = scheme === 'light' ? '9080' : '9081';
    // One forward from the CLI, so the table has a row; removed again at the end.
    await vnm(sandbox, 'net-forward-add', 'default', 'tcp', port, `${address}:80`, '--description', 'web');
    try {
      await page.emulateMedia({ colorScheme: scheme });
      const app = new ConnectionDetailsPage(page);
      const forwards = new ForwardsPage(page);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await app.open(sandboxApp.url);
        await app.selectNetwork('default');
        await forwards.open();
        await expect(forwards.row(port)).toContainText(guest.hostname);
        await expect(forwards.button('Add')).toBeEnabled();
        await expectTableFits(page, forwards);
        await forwards.screenshot(`port-forwards-${size.width}x${size.height}`, scheme);
        await forwards.fill({
          hostPort: '70000',
          guestAddress: '10.9.9.9',
          guestPort: '80-81',
          description: 'x',
        });
        // Every problem shows at once on its field.
        await expect(forwards.dialog.getByText(/out of range/)).toBeVisible();
        await expect(forwards.dialog.getByText(/is outside network 'default'/)).toBeVisible();
        await forwards.screenshot(`port-forwards-add-${size.width}x${size.height}`, scheme);
        await forwards.dialog.getByRole('button', { name: 'Cancel' }).click();
      }
    } finally {
      await vnm(sandbox, 'net-forward-remove', 'default', 'tcp', port);
    }
  });
}
