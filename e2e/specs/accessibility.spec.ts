/**
 * axe-core finds no serious or critical violation on each tab, sub-tab and dialog of the
 * window (Diagnose and Define from XML included), in light and dark (#13, #15). Minor and
 * moderate findings do not fail it.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { CAN_SANDBOX, SANDBOX_SKIP, expect, test } from '../fixtures/sandbox';
import type { ColorScheme } from '../pages/base-page';
import { DefineFromXmlPage } from '../pages/define-from-xml-page';
import { DiagnosePage } from '../pages/diagnose-page';
import { WindowFitPage } from '../pages/window-fit-page';

test.skip(!CAN_SANDBOX, SANDBOX_SKIP ?? '');
test.describe.configure({ timeout: 240_000 });

/**
 * Findings known and left open (named in the #15 report), each checked everywhere but where it
 * is known, so anything new still fails:
 * - a network row is named by the network alone ("default"), its state line its description,
 *   which label-content-name-mismatch (WCAG 2.5.3) flags; every spec and page object finds rows
 *   by that name, so renaming them is a change of its own.
 * (CodeMirror's dark theme drew the XML's gutter and attribute names below 4.5:1 and was excused
 * here too, until xml-dark-theme.ts lightened those two colours.)
 */
const KNOWN: readonly { readonly rule: string; readonly where: string }[] = [
  { rule: 'label-content-name-mismatch', where: '[role="listbox"][aria-label="Virtual networks"]' },
];

/** Whether the node axe names by `target` lies inside an element `where` selects. */
async function inside(page: Page, target: string, where: string): Promise<boolean> {
  return page.evaluate(([t, w]) => document.querySelector(t)?.closest(w) != null, [target, where] as const);
}

async function expectNoSeriousViolation(page: Page, where: string): Promise<void> {
  // The resting state: a click that opened a dialog leaves the pointer over whatever button
  // the dialog puts there, and MUI's hover tint is not what a reader sees at rest.
  await page.mouse.move(0, 0);
  // ...and the tint fades out over MUI's transition: axe must read the colours it ends in
  // (a run in the middle measured a button on a half-faded tint at 4.43:1).
  // Transitions only (a spinner's animation never ends); one cancelled for another is not awaited.
  await page.evaluate(async () => {
    for (let running = document.getAnimations(); ; running = document.getAnimations()) {
      const fades = running.filter((a) => a instanceof CSSTransition && a.playState === 'running');
      if (fades.length === 0) return;
      await Promise.allSettled(fades.map((a) => a.finished));
    }
  });
  // One axe run per view (each takes seconds); a known finding is dropped only where it is known.
  const { violations } = await new AxeBuilder({ page }).analyze();
  const lines: string[] = [];
  for (const v of violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    const known = KNOWN.filter((k) => k.rule === v.id);
    const nodes = [];
    for (const n of v.nodes) {
      const target = n.target.join(' ');
      const excused = n.target.length === 1 && (await anyInside(page, target, known));
      if (!excused) nodes.push(`${target} ${n.html} ${n.failureSummary ?? ''}`);
    }
    if (nodes.length > 0) lines.push(`${v.id} (${v.impact}): ${v.help} — ${nodes.join('; ')}`);
  }
  expect(lines, `axe on ${where}`).toEqual([]);
}

async function anyInside(page: Page, target: string, known: readonly { readonly where: string }[]) {
  for (const k of known) if (await inside(page, target, k.where)) return true;
  return false;
}

for (const scheme of ['light', 'dark'] as const satisfies readonly ColorScheme[]) {
  test(`no serious or critical axe violation on each tab and dialog (${scheme})`, async ({
    page,
    sandboxApp,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    const app = new WindowFitPage(page);
    await app.open(sandboxApp.url);
    await expect(app.network('default')).toBeVisible();
    await app.tab('Overview').click();
    await expectNoSeriousViolation(page, 'Overview');
    await app.tab('Host Interfaces').click();
    await expectNoSeriousViolation(page, 'Host Interfaces');
    await app.selectNetwork('default');
    for (const sub of ['Details', 'XML', 'Traffic', 'DHCP Leases', 'Port Forwarding'] as const) {
      await app.subTab(sub).click();
      await expect(app.subTab(sub)).toHaveAttribute('aria-selected', 'true');
      await expectNoSeriousViolation(page, `Virtual Networks → ${sub}`);
    }
    await app.subTab('Details').click();
    const diagnose = new DiagnosePage(page);
    await diagnose.open('default');
    await expectNoSeriousViolation(page, 'Diagnose');
    await diagnose.dialog('default').getByRole('button', { name: 'Close' }).click();
    await expect(diagnose.dialog('default')).toBeHidden();
    const defineXml = new DefineFromXmlPage(page);
    await defineXml.open();
    await expectNoSeriousViolation(page, 'Define from XML');
    await defineXml.button('Cancel').click();
    await expect(defineXml.dialog).toBeHidden();
    await app.wizard.open();
    await expectNoSeriousViolation(page, 'the wizard');
    await app.wizard.button('Cancel').click();
    await expect(app.wizard.dialog).toBeHidden();
    await page.getByRole('button', { name: 'Preferences' }).click();
    await expect(app.dialog('Preferences')).toBeVisible();
    await expectNoSeriousViolation(page, 'Preferences');
  });
}
