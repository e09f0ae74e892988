/**
 * Issue #15's last item against a real vnmd in the sandbox host: the wizard's Summary has an
 * XML view of what the form would define; an edit there is what Finish defines (net-dumpxml
 * shows it), and a malformed edit blocks Finish with its message on its line. The XML view is
 * saved at 1280x800 and 760x480, light and dark.
 */
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import { inEveryView, removeNetworksAfterAll, WINDOWS } from '../fixtures/spec-head';
import { CreateNetworkWizardPage } from '../pages/create-network-wizard-page';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');

const NAME = 'wizxml-nat';
const SIZES = [WINDOWS[0], { width: 760, height: 480 }] as const;

removeNetworksAfterAll(NAME);

test('defines the XML as edited on the Summary, and blocks Finish on malformed XML', async ({
  page,
  sandboxApp,
  sandbox,
}) => {
  const wizard = new CreateNetworkWizardPage(page);
  await wizard.openAt(sandboxApp.url);
  await wizard.fill('Name', NAME);
  const base = (await wizard.field('Network').inputValue()).replace(/\.0\/24$/, '');
  await wizard.nextToSummary();
  await wizard.showXml();
  await expect(wizard.xmlEditor).toContainText(`<name>${NAME}</name>`);
  await expect(wizard.xmlEditor).toContainText(`<range start='${base}.128' end='${base}.254'/>`);
  const formXml = await wizard.xml();

  await wizard.replaceXml(formXml.replace('</name>', '</nam>'));
  const problem = wizard.dialog.getByRole('alert').filter({ hasText: /^Line 2: / });
  await expect(problem).toContainText('not well-formed');
  await expect(wizard.button('Finish')).toBeDisabled();

  const edited = formXml
    .replace(`end='${base}.254'`, `end='${base}.200'`)
    .replace(
      '</network>',
      `  <dns>\n    <host ip='${base}.10'>\n      <hostname>web</hostname>\n    </host>\n  </dns>\n</network>`,
    );
  await wizard.replaceXml(edited);
  await expect(problem).toBeHidden();
  await expect(wizard.dialog).toContainText('Finish defines the XML as edited.');
  await expect(wizard.button('Reset to form')).toBeVisible();
  await inEveryView(
    page,
    (size, scheme) => wizard.screenshot(`xml-${size.width}x${size.height}`, scheme),
    SIZES,
  );
  await page.setViewportSize(WINDOWS[0]);

  await wizard.finish();
  await expect(page.getByRole('option', { name: NAME, exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const dumped = await vnm(sandbox, 'net-dumpxml', NAME);
  expect(dumped).toContain(`<range start='${base}.128' end='${base}.200'/>`);
  expect(dumped).toMatch(
    new RegExp(`<host ip='${base.replace(/\./g, '\\.')}\\.10'>\\s*<hostname>web</hostname>`),
  );
  expect(await vnm(sandbox, 'net-list')).toMatch(new RegExp(`${NAME}\\s+active\\s+yes`));
});
