/**
 * Issue #15 items 2, 6-11: the wizard fits small windows (760x480 and 1024x640) with its title
 * and buttons always in view; the network list works by keyboard alone (one Tab stop, arrows
 * move focus and selection, Enter opens) and Ctrl+N opens the wizard in the browser shell; a
 * window opened before vnmd answers says "not connected yet" and shows unknown facts as
 * unknown; Start/Stop confirm in a Snackbar; the leases table fits 1024 px; the favicon is
 * served. Every view changed is saved at 1280x800 and 1024x640, light and dark.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startUi, findStartScript } from '../../electron/sandbox/ui';
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import { leasedGuest } from '../fixtures/sandbox-networks';
import { inEveryView, SCHEMES, WINDOWS } from '../fixtures/spec-head';
import { WindowFitPage } from '../pages/window-fit-page';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
test.describe.configure({ timeout: 240_000 });

async function shots(app: WindowFitPage, page: Page, name: string, sizes = WINDOWS): Promise<void> {
  await inEveryView(
    page,
    (size, scheme) => app.screenshot(`${name}-${size.width}x${size.height}`, scheme),
    sizes,
  );
}

for (const size of [
  { width: 760, height: 480 },
  { width: 1024, height: 640 },
]) {
  test(`the wizard fits ${size.width}x${size.height}: title and buttons in view on every step`, async ({
    page,
    sandboxApp,
  }) => {
    await page.setViewportSize(size);
    const app = new WindowFitPage(page);
    await app.open(sandboxApp.url);
    await app.tab('Virtual Networks').click();
    await app.wizard.open();
    for (let step = 0; step < 6; step++) {
      await app.expectInViewport(app.wizardTitle, `the title on step ${step + 1}`);
      // Finish is on every step (one-page create); Next on every step but the summary.
      const last = (await app.wizard.step('Summary').count()) > 0;
      const names = last
        ? (['Cancel', 'Back', 'Finish'] as const)
        : (['Cancel', 'Back', 'Next', 'Finish'] as const);
      for (const name of names) {
        await app.expectInViewport(app.wizard.button(name), `${name} on step ${step + 1}`);
      }
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        await app.screenshot(`wizard-${size.width}x${size.height}-step${step + 1}`, scheme);
      }
      await page.emulateMedia({ colorScheme: 'light' });
      if (last) break;
      await app.wizard.next();
    }
    await app.wizard.expectStep('Summary');
    await app.wizard.button('Cancel').click();
    await expect(app.wizard.dialog).toBeHidden();
  });
}

test('the network list by keyboard alone: one Tab stop, arrows move focus and selection, Enter opens', async ({
  page,
  sandboxApp,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const app = new WindowFitPage(page);
  await app.open(sandboxApp.url);
  await expect(app.network('default')).toBeVisible();
  await expect(app.listTabStops).toHaveCount(1);
  const rows = app.networkList.getByRole('option');
  await app.tabIntoList();
  await expect(rows.nth(0)).toBeFocused();
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('ArrowDown');
  const second = rows.nth(1);
  await expect(second).toBeFocused();
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'false');
  await expect(app.listTabStops).toHaveCount(1);

  // Tab leaves the list at once (no stop on every row); Shift+Tab comes back to the selection.
  await page.keyboard.press('Tab');
  expect((await app.focused()).role).not.toBe('option');
  await page.keyboard.press('Shift+Tab');
  await expect(second).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(app.subTab('Details')).toBeFocused();
  await app.screenshot('keyboard-list-after-enter-1280x800', 'light');

  await page.keyboard.press('Control+n');
  await expect(app.wizard.dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(app.wizard.dialog).toBeHidden();
});

test('Start and Stop confirm in a Snackbar; inactive rows and the list are saved for a look', async ({
  page,
  sandbox,
  sandboxApp,
}) => {
  const app = new WindowFitPage(page);
  await app.open(sandboxApp.url);
  await app.selectNetwork('lab');
  await shots(app, page, 'network-list-inactive-selected');
  await app.button('Start network').click();
  await expect(app.confirmation).toHaveText('Network lab started.');
  await page.setViewportSize(WINDOWS[0]);
  await app.screenshot('snackbar-started-1280x800', 'light');
  expect(await vnm(sandbox, 'net-list', '--name')).toContain('lab');
  await app.button('Stop network').click();
  await expect(app.confirmation).toHaveText('Network lab stopped.');
  expect(await vnm(sandbox, 'net-list', '--inactive', '--name')).toContain('lab');
});

test('traffic wording, statistics and leases at 1024 px: nothing clipped, saved for a look', async ({
  page,
  sandbox,
  sandboxApp,
}) => {
  const app = new WindowFitPage(page);
  await page.setViewportSize(WINDOWS[1]);
  await app.open(sandboxApp.url);
  await app.selectNetwork('default');
  await leasedGuest(sandbox, 'default');
  await app.leases.open();
  await expect(app.leases.table).toBeVisible({ timeout: 30_000 });
  const fits = await app.leases.table.evaluate((t) => {
    const box = t.parentElement!;
    return { table: t.scrollWidth, room: box.clientWidth };
  });
  expect(fits.table, 'the leases table is wider than its panel').toBeLessThanOrEqual(fits.room);
  await expect(app.leases.table.getByRole('columnheader', { name: 'Client ID' })).toBeHidden();
  await shots(app, page, 'leases');
  await app.traffic.open();
  await expect(app.traffic.panel.getByText(/point of view/)).toHaveCount(1);
  await shots(app, page, 'traffic');
  await app.tab('Overview').click();
  await shots(app, page, 'overview');
});

test('the favicon is served to the browser shell', async ({ page, sandboxApp }) => {
  const app = new WindowFitPage(page);
  await app.open(sandboxApp.url);
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  const res = await page.request.get(new URL(href ?? '', page.url()).toString());
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('image/svg+xml');
});

test('a window opened before vnmd answers says "not connected yet" and shows unknown facts', async ({
  page,
  sandbox,
}) => {
  const script = findStartScript();
  if (!script) throw new Error('scripts/start.mjs is missing; the app cannot be served');
  // The same sandbox, but a socket no vnmd listens on yet: the window starts first.
  const early = { ...sandbox, connectUri: `unix:${join(sandbox.tmpDir, 'vnmd-not-yet.sock')}` };
  let log = '';
  const ui = startUi(early, script, {
    open: false,
    shell: 'browser',
    port: 0,
    onLine: (l) => (log += `${l}\n`),
  });
  try {
    const url = await ui.url;
    if (!url) throw new Error(`the browser shell exited before serving:\n${log}`);
    const app = new WindowFitPage(page);
    await app.open(url);
    await expect(app.connectionBanner).toContainText('Not connected to vnmd yet');
    await expect(app.connectionBanner).not.toContainText('lost');
    await expect(app.button('Add network')).toBeDisabled();
    await expect(page.getByText(/add one with Add network/)).toHaveCount(0);
    await shots(app, page, 'not-connected-yet-networks');
    await app.tab('Overview').click();
    const dnsmasq = page.getByRole('definition').filter({ hasText: /^unknown$/ });
    await expect(dnsmasq.first()).toBeVisible();
    await expect(page.getByText('not found')).toHaveCount(0);
    await shots(app, page, 'not-connected-yet-overview');
  } finally {
    await ui.stop();
  }
});
