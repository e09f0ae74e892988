/**
 * Issue #15 item 4: Define from XML… against a real vnmd in the sandbox host. A valid file is
 * defined, selected and confirmed; a malformed one and a libvirt-invalid one (a bad forward
 * mode, a DHCP range outside the subnet) show net-define's message on its line, and
 * `vnm net-list --all` proves nothing was defined. Screenshots at 1280x800 and 1024x640,
 * light and dark.
 */
import type { Page } from '@playwright/test';
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import { networkNames } from '../fixtures/sandbox-networks';
import { inEveryView, removeNetworksAfterAll } from '../fixtures/spec-head';
import { DefineFromXmlPage } from '../pages/define-from-xml-page';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');

const PREFIX = 'dfx-';
removeNetworksAfterAll(PREFIX);

const xmlOf = (name: string, forward = 'nat', end = '10.231.7.200') => `<network>
  <name>${name}</name>
  <forward mode='${forward}'/>
  <ip address='10.231.7.1' prefix='24'>
    <dhcp>
      <range start='10.231.7.100' end='${end}'/>
    </dhcp>
  </ip>
</network>
`;

async function shots(dialog: DefineFromXmlPage, page: Page, name: string): Promise<void> {
  await inEveryView(page, (size, scheme) =>
    dialog.screenshot(`${name}-${size.width}x${size.height}`, scheme),
  );
}

async function openDialog(page: Page, url: string): Promise<DefineFromXmlPage> {
  await page.goto(url);
  await page.getByRole('tab', { name: 'Virtual Networks', exact: true }).click();
  await expect(page.getByRole('option', { name: 'default', exact: true })).toBeVisible();
  const dialog = new DefineFromXmlPage(page);
  await dialog.open();
  return dialog;
}

test('defines a valid file, selects the new network and confirms', async ({ page, sandboxApp, sandbox }) => {
  const name = `${PREFIX}valid`;
  const dialog = await openDialog(page, sandboxApp.url);
  await dialog.chooseFile(`${name}.xml`, xmlOf(name));
  await shots(dialog, page, 'valid');
  await dialog.button('Define').click();
  await expect(dialog.dialog).toBeHidden();
  await expect(page.getByRole('option', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText(`Network ${name} defined from XML.`)).toBeVisible();
  expect(await vnm(sandbox, 'net-list', '--all')).toMatch(new RegExp(`${name}\\s+inactive`));
  expect(await vnm(sandbox, 'net-dumpxml', '--inactive', name)).toContain(
    "<range start='10.231.7.100' end='10.231.7.200'/>",
  );
});

const BAD = [
  {
    what: 'malformed',
    name: `${PREFIX}malformed`,
    xml: xmlOf(`${PREFIX}malformed`).replace('</dhcp>', '</dhcpp>'),
    message: /Line 7: .*dhcp/,
  },
  {
    what: 'bad-forward-mode',
    name: `${PREFIX}badmode`,
    xml: xmlOf(`${PREFIX}badmode`, 'natty'),
    message: /Line 3: .*natty/,
  },
  {
    what: 'range-outside-subnet',
    name: `${PREFIX}outside`,
    xml: xmlOf(`${PREFIX}outside`, 'nat', '10.232.7.200'),
    message: /Line 6: .*10\.232\.7\.200/,
  },
] as const;

for (const { what, name, xml, message } of BAD) {
  test(`a ${what} file shows its message on its line and defines nothing`, async ({
    page,
    sandboxApp,
    sandbox,
  }) => {
    const before = await networkNames(sandbox);
    const dialog = await openDialog(page, sandboxApp.url);
    await dialog.chooseFile(`${what}.xml`, xml);
    await dialog.button('Define').click();
    await expect(dialog.problems).toContainText('Nothing was defined');
    await expect(dialog.problems).toContainText(message);
    await shots(dialog, page, what);
    await expect(dialog.dialog).toBeVisible();
    expect(await networkNames(sandbox)).toEqual(before);
    expect(await vnm(sandbox, 'net-list', '--all')).not.toContain(name);
  });
}
