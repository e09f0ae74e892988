/**
 * The XML sub-tab's errors against a sandbox host's vnmd: a copy of lab under a new name that
 * keeps lab's uuid is refused with the <uuid> line marked (not <domain name='lab'>, which quotes
 * the name the message names), and an element libvirt does not know is named after Save,
 * which leaves it out. lab is put back afterwards; the sandbox lives on for the next spec.
 */
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import { networkNames } from '../fixtures/sandbox-networks';
import { inEveryView, keepDefinition } from '../fixtures/spec-head';
import { ConnectionDetailsPage } from '../pages/connection-details-page';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
test.describe.configure({ timeout: 180_000 });

const lab = keepDefinition('lab');

async function shoot(app: ConnectionDetailsPage, name: string): Promise<void> {
  await inEveryView(app.page, (size, scheme) => app.screenshot(`${name}-${size.width}`, scheme));
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
  const original = lab.xml();
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
  const original = lab.xml();
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
