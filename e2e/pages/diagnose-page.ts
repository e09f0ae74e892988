/**
 * Diagnostics in the window (issue #13): a running network's problem line in the list and in
 * Details, the Diagnose dialog's checklist with Apply fix…, its confirmation, and the
 * Overview's host checks.
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { BasePage } from './base-page';

export class DiagnosePage extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  /** The problem line under a network's row in the list (its title says it whole). */
  listProblem(network: string): Locator {
    return this.page
      .getByRole('listbox', { name: 'Virtual networks' })
      .getByRole('option', { name: network, exact: true })
      .getByText(/^(Problem|Warning): /);
  }

  /** The alert at the top of a running network's Details, with Diagnose… beside it. */
  get detailsProblem(): Locator {
    return this.page.getByRole('alert').filter({ hasText: /^(Problem|Warning): / });
  }

  get openButton(): Locator {
    return this.page.getByRole('button', { name: 'Diagnose…', exact: true });
  }

  dialog(network: string): Locator {
    return this.page.getByRole('dialog', { name: `Diagnose network ${network}` });
  }

  checklist(network: string): Locator {
    return this.dialog(network).getByRole('list', { name: 'Checklist' });
  }

  /** The checklist's line whose sentence matches. */
  line(network: string, text: string | RegExp): Locator {
    return this.checklist(network).getByRole('listitem').filter({ hasText: text });
  }

  confirmation(network: string): Locator {
    return this.page.getByRole('dialog', { name: `Apply this fix to network ${network}?` });
  }

  /** The Overview's "Host checks" list of problems that touch every network. */
  get hostProblems(): Locator {
    return this.page.getByRole('list', { name: 'Host problems' });
  }

  /** Opens Diagnose from Details and waits for its first run to end. */
  async open(network: string): Promise<void> {
    await this.openButton.click();
    // The dialog's own status line comes first; each checklist line has a status mark too.
    await expect(this.dialog(network).getByRole('status').first()).not.toHaveText('Checking…');
    await expect(this.checklist(network)).toBeVisible();
  }
}
