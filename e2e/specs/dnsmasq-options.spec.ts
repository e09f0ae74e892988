/**
 * A network with <dnsmasq:options> against a sandbox host's vnmd (issue #16): Details and
 * XML list the options and say they are root-equivalent, as libvirt taints such networks.
 * The network is defined with the CLI, shown at 1280x800 and 1024x640 in light and dark
 * for a person to look at, and undefined afterwards; the sandbox lives on for the next spec.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import { ConnectionDetailsPage } from '../pages/connection-details-page';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
test.describe.configure({ timeout: 180_000 });

const XML = `<network xmlns:dnsmasq='http://libvirt.org/schemas/network/dnsmasq/1.0'>
  <name>opts</name>
  <bridge name='vnmopts0'/>
  <domain name='opts.test'/>
  <ip address='10.79.0.1' prefix='24'>
    <dhcp><range start='10.79.0.10' end='10.79.0.50'/></dhcp>
  </ip>
  <dnsmasq:options>
    <dnsmasq:option value='cname=printer.opts.test,gw.opts.test'/>
    <dnsmasq:option value='log-queries'/>
  </dnsmasq:options>
</network>
`;

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
] as const;

let dir = '';

test.beforeAll(async ({ sandbox }) => {
  dir = mkdtempSync(join(tmpdir(), 'vnm-e2e-opts-'));
  writeFileSync(join(dir, 'opts.xml'), XML);
  await vnm(sandbox, 'net-define', join(dir, 'opts.xml'));
});

test.afterAll(async ({ sandbox }) => {
  await vnm(sandbox, 'net-undefine', 'opts').catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function shoot(app: ConnectionDetailsPage, name: string): Promise<void> {
  for (const size of SIZES)
    for (const scheme of ['light', 'dark'] as const) {
      await app.page.setViewportSize(size);
      await app.page.emulateMedia({ colorScheme: scheme });
      await app.screenshot(`${name}-${size.width}`, scheme);
    }
}

test('Details and XML say the dnsmasq options are root-equivalent', async ({ page, sandboxApp }) => {
  const app = new ConnectionDetailsPage(page);
  await app.open(sandboxApp.url);
  await app.selectNetwork('opts');
  await app.details.open();
  const note = app.details.dnsmasqOptionsNote();
  await expect(note).toContainText('root-equivalent');
  await expect(note.getByRole('listitem')).toHaveText([
    'cname=printer.opts.test,gw.opts.test',
    'log-queries',
  ]);
  await note.scrollIntoViewIfNeeded();
  await shoot(app, 'dnsmasq-options-details');

  await app.xml.open();
  await expect(app.xml.editor()).toContainText('<dnsmasq:option value=');
  await expect(app.xml.dnsmasqOptionsNote()).toContainText('root-equivalent');
  await shoot(app, 'dnsmasq-options-xml');
});
