/**
 * Apply on the running `default` of a sandbox host, checked with the CLI and a guest: a
 * static host for the guest and a new DHCP range go live without a restart, and the guest
 * gets its reserved address on its next lease; an address change offers Apply and restart;
 * Apply (next start) leaves a mark and Restart clears it. default is put back afterwards.
 */
import { readFileSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import type { Sandbox } from '../fixtures/sandbox';
import { leasedGuest } from '../fixtures/sandbox-networks';
import { inEveryView, keepDefinition } from '../fixtures/spec-head';
import { ConnectionDetailsPage } from '../pages/connection-details-page';
import { LiveApplyPage } from '../pages/live-apply-page';
import type { Guest } from '../../electron/sandbox/guest';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
test.describe.configure({ timeout: 240_000, mode: 'serial' });

keepDefinition('default', { restart: true });

/** The first three octets of default's gateway ("192.168.122"). */
async function subnetOf(sandbox: Sandbox): Promise<string> {
  const xml = await vnm(sandbox, 'net-dumpxml', 'default');
  const m = /<ip address='(\d+\.\d+\.\d+)\.\d+'/.exec(xml);
  if (!m?.[1]) throw new Error(`default has no IPv4 address:\n${xml}`);
  return m[1];
}

/**
 * Releases and renews the guest's lease: SIGUSR2 to its own udhcpc (the sandbox started it),
 * then SIGUSR1 once the release is done. Sent together, both can be pending at once, and the
 * kernel delivers the lower signal first: renew, then release, and the guest stays unleased.
 */
async function renewLease(guest: Guest): Promise<void> {
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  // Only the udhcpc in this guest's own namespace: another sandbox on the machine (a demo)
  // may have a guest of the same hostname.
  const ownNs = `net:[${statSync(`/run/netns/${guest.spec.nsName}`).ino}]`;
  const udhcpc: number[] = [];
  for (const pid of pids) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const inGuest = readlinkSync(`/proc/${pid}/ns/net`) === ownNs;
      if (inGuest && cmd.includes('udhcpc') && cmd.includes(`hostname:${guest.hostname}`))
        udhcpc.push(Number(pid));
    } catch {
      // The process ended meanwhile.
    }
  }
  if (udhcpc.length !== 1)
    throw new Error(`expected one udhcpc of ${guest.hostname}, found ${udhcpc.length}`);
  process.kill(udhcpc[0]!, 'SIGUSR2');
  // The release runs udhcpc's deconfig, which removes the lease file.
  await expect.poll(() => guest.leasedIp()).toBeNull();
  process.kill(udhcpc[0]!, 'SIGUSR1');
}

async function openDefault(page: ConnectionDetailsPage['page'], url: string) {
  const app = new ConnectionDetailsPage(page);
  await app.open(url);
  await app.selectNetwork('default');
  await app.details.open();
  const details = new LiveApplyPage(page);
  await expect(details.field('IPv4 configuration', 'Gateway')).not.toHaveValue('');
  return { app, details };
}

test('a static host and a DHCP range go live without a restart, and the guest gets its reserved address', async ({
  page,
  sandbox,
  sandboxApp,
}) => {
  const net = await subnetOf(sandbox);
  const guest = await leasedGuest(sandbox, 'default');
  const reserved = `${net}.250`;
  const { app, details } = await openDefault(page, sandboxApp.url);
  const bridgeBefore = (await vnm(sandbox, 'net-info', 'default')).match(/Bridge:\s+(\S+)/)?.[1];
  const v4 = details.section('IPv4 configuration');
  await details.field('IPv4 configuration', 'DHCP start').fill(`${net}.100`);
  await details.field('IPv4 configuration', 'DHCP end').fill(`${net}.199`);
  // The sandbox reserves an address for each guest already: that row goes, a new one comes.
  const before = await v4.getByRole('button', { name: /^Remove host \d+$/ }).count();
  for (let i = 1; i <= before; i++) {
    const mac = details.field('IPv4 configuration', `Host ${i} MAC address`);
    if ((await mac.inputValue()).toLowerCase() === guest.mac) {
      await v4.getByRole('button', { name: `Remove host ${i}` }).click();
      break;
    }
  }
  await v4.getByRole('button', { name: 'Add host' }).click();
  const rows = await v4.getByRole('button', { name: /^Remove host \d+$/ }).count();
  await details.field('IPv4 configuration', `Host ${rows} MAC address`).fill(guest.mac);
  await details.field('IPv4 configuration', `Host ${rows} Host name`).fill('reserved');
  await details.field('IPv4 configuration', `Host ${rows} IP address`).fill(reserved);
  await expect(details.liveNotice).toBeVisible();
  await inEveryView(page, async (size, scheme) => {
    await details.apply.scrollIntoViewIfNeeded();
    await app.screenshot(`live-apply-live-${size.width}`, scheme);
  });
  await details.apply.click();
  await expect(details.apply).toBeDisabled();
  // Apply runs one net-update per change (the range is deleted, then added): wait for the last.
  const wanted = [
    `<host mac='${guest.mac}' name='reserved' ip='${reserved}'/>`,
    `<range start='${net}.100' end='${net}.199'/>`,
  ];
  await expect
    .poll(async () => {
      const live = await vnm(sandbox, 'net-dumpxml', 'default');
      return wanted.filter((part) => !live.includes(part));
    })
    .toEqual([]);
  expect(await vnm(sandbox, 'net-dumpxml', '--inactive', 'default')).toContain(`ip='${reserved}'`);
  // Not restarted: the same bridge, still active.
  expect((await vnm(sandbox, 'net-info', 'default')).match(/Bridge:\s+(\S+)/)?.[1]).toBe(bridgeBefore);
  await renewLease(guest);
  await expect.poll(() => guest.leasedIp(), { timeout: 60_000 }).toBe(reserved);
  await expect(details.savedDiffers).toBeHidden();
});

test('an address change offers Apply and restart, and the network then runs the new address', async ({
  page,
  sandbox,
  sandboxApp,
}) => {
  const net = await subnetOf(sandbox);
  const { app, details } = await openDefault(page, sandboxApp.url);
  await details.field('IPv4 configuration', 'Gateway').fill(`${net}.2`);
  await expect(details.restartNotice).toBeVisible();
  await expect(details.apply).toBeHidden();
  await inEveryView(page, async (size, scheme) => {
    await details.applyAndRestart.scrollIntoViewIfNeeded();
    await app.screenshot(`live-apply-restart-${size.width}`, scheme);
  });
  await details.applyAndRestart.click();
  // Apply and restart stores the definition, then stops and starts: while it is stopped,
  // net-dumpxml shows the new address of the inactive definition, so the XML counts only when
  // the network was active both before and after reading it. A start that fails shows its
  // error dialog, whose text is then the failure.
  const active = async () => /Active:\s+yes/.test(await vnm(sandbox, 'net-info', 'default'));
  const dialog = page.getByRole('dialog');
  await expect
    .poll(
      async () => {
        if (await dialog.isVisible()) return `error dialog: ${await dialog.innerText()}`;
        if (!(await active())) return 'not active';
        const xml = await vnm(sandbox, 'net-dumpxml', 'default');
        if (!(await active())) return 'not active';
        return xml.includes(`<ip address='${net}.2'`) ? 'runs the new address' : 'runs the old address';
      },
      { timeout: 60_000 },
    )
    .toBe('runs the new address');
});

test('Apply (next start) leaves a mark in the list and Details, and Restart clears it', async ({
  page,
  sandbox,
  sandboxApp,
}) => {
  const { app, details } = await openDefault(page, sandboxApp.url);
  await details.field('IPv4 configuration', 'Prefix length').fill('23');
  await details.applyNextStart.click();
  await expect(details.savedDiffers).toBeVisible();
  const mark = app.network('default').getByText('Restart to apply changes');
  await expect(mark).toBeVisible();
  const wider = /prefix='23'|netmask='255\.255\.254\.0'/;
  expect(await vnm(sandbox, 'net-dumpxml', 'default')).not.toMatch(wider);
  await inEveryView(page, (size, scheme) => app.screenshot(`live-apply-saved-differs-${size.width}`, scheme));
  await details.restart.click();
  await expect(details.savedDiffers).toBeHidden({ timeout: 30_000 });
  await expect(mark).toBeHidden();
  expect(await vnm(sandbox, 'net-dumpxml', 'default')).toMatch(wider);
});
