/**
 * The XML sub-tab's errors against a sandbox host's vnmd: a copy of lab under a new name that
 * keeps lab's uuid is refused with the <uuid> line marked (not <domain name='lab'>, which quotes
 * the name the message names), and an element libvirt does not know is named after Save,
 * which leaves it out. lab is put back afterwards; the sandbox lives on for the next spec.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import { networkNames } from '../fixtures/sandbox-networks';
import { ConnectionDetailsPage } from '../pages/connection-details-page';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
test.describe.configure({ timeout: 180_000 });

let original = '';
let dir = '';

test.beforeAll(async ({ sandbox }) => {
  original = await vnm(sandbox, 'net-dumpxml', '--inactive', 'lab');
  dir = mkdtempSync(join(tmpdir(), 'vnm-e2e-xml-'));
});

test.afterAll(async ({ sandbox }) => {
  if (original && dir) {
    const file = join(dir, 'lab.xml');
    writeFileSync(file, original);
    await vnm(sandbox, 'net-define', file);
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
] as const;

async function shoot(app: ConnectionDetailsPage, name: string): Promise<void> {
  for (const size of SIZES)
    for (const scheme of ['light', 'dark'] as const) {
      await app.page.setViewportSize(size);
      await app.page.emulateMedia({ colorScheme: scheme });
      await app.screenshot(`${name}-${size.width}`, scheme);
    }
}

async function openLabXml(app: ConnectionDetailsPage, url: string): Promise<void> {
  await app.open(url);
  await app.selectNetwork('lab');
  await app.xml.open();
  await expect(app.xml.editor()).toContainText('<name>lab</name>');
}

test('a copy that keeps the old uuid is refused with its <uuid> line marked', async ({
  page,
  sandbox,
  sandboxApp,
}) => {
  expect(original).toContain("<domain name='lab'/>");
  const copy = original.replace('<name>lab</name>', '<name>lab-copy</name>');
  const uuidLine = copy.split('\n').findIndex((l) => l.includes('<uuid>')) + 1;
  expect(uuidLine).toBeGreaterThan(0);
  const app = new ConnectionDetailsPage(page);
  await openLabXml(app, sandboxApp.url);
  await app.xml.edit(copy);
  const problem = app.xml.problem(/is already defined with uuid/);
  await expect(problem).toContainText(`Line ${uuidLine}: network 'lab' is already defined with uuid`);
  await expect(app.xml.editor(true)).toBeVisible();
  expect(await networkNames(sandbox)).not.toContain('lab-copy');
  await shoot(app, 'xml-tab-uuid-error');
});

test('Save names an element vnmd did not keep', async ({ page, sandbox, sandboxApp }) => {
  const edited = original.replace('<name>lab</name>\n', '<name>lab</name>\n  <frobnicate level="3"/>\n');
  expect(edited).toContain('<frobnicate');
  const app = new ConnectionDetailsPage(page);
  await openLabXml(app, sandboxApp.url);
  await app.xml.edit(edited);
  const notice = app.xml.problem(/Saved, but the stored definition has no <frobnicate> in <network>/);
  await expect(notice).toBeVisible();
  await expect(app.xml.button('Edit')).toBeVisible();
  expect(await vnm(sandbox, 'net-dumpxml', '--inactive', 'lab')).toBe(original);
  await shoot(app, 'xml-tab-dropped');
  await notice.getByRole('button', { name: 'Close' }).click();
  await expect(notice).toBeHidden();
});
