/**
 * Issue #15: the whole window by keyboard alone (page.keyboard only, no mouse) against a real
 * vnmd in the sandbox host: the main tabs, the network list, the sub-tabs, the wizard (a NAT
 * network created with keys only, Enter on Finish), Details (a DHCP range changed and
 * applied) and the read-only XML (reached, read to its end, left). Each result is checked
 * with the CLI; after each dialog the focus must still be somewhere a keyboard user can go on
 * from.
 */
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test, vnm } from '../fixtures/sandbox';
import { removeNetworksAfterAll } from '../fixtures/spec-head';
import { KeyboardPage } from '../pages/keyboard-page';
import { XmlPage } from '../pages/xml-page';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
test.describe.configure({ timeout: 180_000 });

const NAME = 'keys-nat';

removeNetworksAfterAll(NAME);

test('list, tabs, wizard and Details by keyboard alone', async ({ page, sandboxApp, sandbox }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const app = new KeyboardPage(page);
  await app.open(sandboxApp.url);

  // The main tabs: one Tab stop (the open one), arrows move, Enter opens.
  await app.tabTo(app.tab('Virtual Networks'), 'the Virtual Networks tab');
  await page.keyboard.press('ArrowLeft');
  await expect(app.tab('Overview')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.tab('Overview')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(app.tab('Virtual Networks')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.tab('Virtual Networks')).toHaveAttribute('aria-selected', 'true');

  // The list: one Tab stop, arrows move focus and selection, Enter opens Details.
  await expect(app.network('default')).toBeVisible();
  await app.tabIntoList();
  await expect(app.network('default')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(app.network('lab')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(app.network('default')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.subTab('Details')).toBeFocused();

  // The sub-tabs: arrows and Enter reach XML and come back.
  await page.keyboard.press('ArrowRight');
  await expect(app.subTab('XML')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.subTab('XML')).toHaveAttribute('aria-selected', 'true');
  // The read-only XML is a Tab stop: the caret goes to its end (a long one scrolls there), a
  // key typed changes nothing, Shift+Tab comes back to the sub-tabs.
  const xml = new XmlPage(page).editor();
  const before = await xml.textContent();
  await app.tabTo(xml, 'the read-only XML');
  await page.keyboard.press('Control+End');
  expect(await app.caretOnLastLine(xml)).toBe(true);
  await page.keyboard.type('x');
  expect(await xml.textContent()).toBe(before);
  await app.tabTo(app.subTab('XML'), 'the XML sub-tab', { back: true });
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(app.subTab('Details')).toHaveAttribute('aria-selected', 'true');

  // The wizard: Ctrl+N, a name typed into the focused field, Tab to Finish, Enter.
  await page.keyboard.press('Control+n');
  const wizard = app.wizard;
  await expect(wizard.field('Name')).toBeFocused();
  await expect(wizard.field('Name')).not.toHaveValue('', { timeout: 30_000 });
  await page.keyboard.press('Control+a');
  await page.keyboard.type(NAME);
  await expect(wizard.button('Finish')).toBeEnabled();
  await app.tabTo(wizard.button('Finish'), 'Finish');
  await app.screenshot('keyboard-wizard-finish-focused-1280x800', 'light');
  await page.keyboard.press('Enter');
  await expect(wizard.dialog).toBeHidden({ timeout: 30_000 });
  expect(await app.focusLost()).toBe(false);
  await expect(app.network(NAME)).toHaveAttribute('aria-selected', 'true');
  expect(await vnm(sandbox, 'net-list')).toMatch(new RegExp(`${NAME}\\s+active`));

  // Details: Tab to DHCP end, type a new one, Tab to Apply, Enter.
  const end = app.details.field('IPv4 configuration', 'DHCP end');
  await expect(end).not.toHaveValue('');
  const base = (await end.inputValue()).replace(/\.\d+$/, '');
  await app.tabTo(end, 'DHCP end');
  await page.keyboard.press('Control+a');
  await page.keyboard.type(`${base}.200`);
  await app.tabTo(app.details.apply, 'Apply');
  await app.screenshot('keyboard-details-apply-focused-1280x800', 'light');
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => vnm(sandbox, 'net-dumpxml', '--inactive', NAME))
    .toContain(`<range start='${base}.128' end='${base}.200'/>`);
  await expect(app.details.apply).toBeDisabled();
  expect(await app.focusLost()).toBe(false);
});
