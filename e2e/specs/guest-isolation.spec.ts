/**
 * Issue 16: a network defined with <port isolated='yes'/> shows a read-only Guest isolation
 * line in Details, against a sandbox host's vnmd. Saved at 1280x800 and 1024x640, light and
 * dark. The network is undefined afterwards, since the sandbox lives on for the next spec.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import { ConnectionDetailsPage } from '../pages/connection-details-page';
import { skipDarkScreenshotsInCiSplit } from '../fixtures/ci-split';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
test.describe.configure({ timeout: 180_000 });

const XML = `<network>
  <name>isolab</name>
  <bridge name='vnmisolab' stp='on' delay='0'/>
  <port isolated='yes'/>
  <ip address='10.79.0.1' prefix='24'>
    <dhcp>
      <range start='10.79.0.100' end='10.79.0.199'/>
    </dhcp>
  </ip>
</network>
`;

let dir = '';

test.beforeAll(async ({ sandbox }) => {
  dir = mkdtempSync(join(tmpdir(), 'vnm-e2e-isolation-'));
  const file = join(dir, 'isolab.xml');
  writeFileSync(file, XML);
  await vnm(sandbox, 'net-define', file);
});

test.afterAll(async ({ sandbox }) => {
  await vnm(sandbox, 'net-undefine', 'isolab');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
] as const;

for (const scheme of ['light', 'dark'] as const) {
  test(`shows and saves the Guest isolation line in ${scheme}`, async ({ page, sandboxApp }) => {
    skipDarkScreenshotsInCiSplit(scheme);
    await page.emulateMedia({ colorScheme: scheme });
    const app = new ConnectionDetailsPage(page);
    await app.open(sandboxApp.url);
    await app.selectNetwork('isolab');
    await app.details.open();
    const section = app.details.section('Guest isolation');
    await expect(section.getByRole('definition')).toHaveText('On: guests reach the host, not each other');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await section.scrollIntoViewIfNeeded();
      await expect(section).toBeInViewport();
      await app.screenshot(`guest-isolation-${size.width}x${size.height}`, scheme);
    }
  });
}
