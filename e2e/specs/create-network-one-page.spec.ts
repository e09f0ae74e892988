/**
 * Issue #15 item 3: one-page create against a real vnmd in the sandbox host. The first page
 * holds vnmd's proposed subnet and DHCP range; Finish there defines and starts a NAT network,
 * which `vnm net-list` shows active. The first page is saved at 1280x800 and 1024x640, light
 * and dark.
 */
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import { inEveryView, removeNetworksAfterAll } from '../fixtures/spec-head';
import { CreateNetworkWizardPage } from '../pages/create-network-wizard-page';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');

const NAME = 'onepage-nat';
removeNetworksAfterAll(NAME);

test('creates a running NAT network from the first page with Finish', async ({
  page,
  sandboxApp,
  sandbox,
}) => {
  const wizard = new CreateNetworkWizardPage(page);
  await wizard.openAt(sandboxApp.url);
  await wizard.expectStep('Name and mode');
  await expect(wizard.mode('NAT')).toBeChecked();
  const subnet = await wizard.field('Network').inputValue();
  expect(subnet).toMatch(/^\d+\.\d+\.\d+\.0\/24$/);
  const base = subnet.replace(/\.0\/24$/, '');
  await expect(wizard.checkbox('Enable DHCPv4')).toBeChecked();
  await expect(wizard.field('DHCP start')).toHaveValue(`${base}.128`);
  await expect(wizard.field('DHCP end')).toHaveValue(`${base}.254`);
  await wizard.fill('Name', NAME);
  await expect(wizard.button('Finish')).toBeEnabled();
  await expect(wizard.button('Next')).toBeEnabled();
  await inEveryView(page, (size, scheme) =>
    wizard.screenshot(`first-page-${size.width}x${size.height}`, scheme),
  );
  await wizard.finish();
  await expect(page.getByRole('option', { name: NAME, exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  expect(await vnm(sandbox, 'net-list')).toMatch(new RegExp(`${NAME}\\s+active\\s+yes`));
  const xml = await vnm(sandbox, 'net-dumpxml', NAME);
  expect(xml).toMatch(/<forward mode='nat'\/?>/);
  expect(xml).toContain(`<range start='${base}.128' end='${base}.254'/>`);
});
