/**
 * What the window-fit and keyboard spec asks of the window: whether a control lies wholly inside
 * the viewport, which element has the focus, the list's Tab stops, and the confirmation.
 */
import { expect } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { ConnectionDetailsPage } from './connection-details-page';
import { CreateNetworkWizardPage } from './create-network-wizard-page';

export class WindowFitPage extends ConnectionDetailsPage {
  readonly wizard = new CreateNetworkWizardPage(this.page);

  /** Fails unless the element's box lies inside the viewport (not cut, not below the fold). */
  async expectInViewport(el: Locator, what: string): Promise<void> {
    const view = this.page.viewportSize();
    const box = await el.boundingBox();
    expect(box, `${what} has no box`).not.toBeNull();
    expect(view).not.toBeNull();
    const b = box!;
    const inside =
      b.x >= 0 && b.y >= 0 && b.x + b.width <= view!.width + 0.5 && b.y + b.height <= view!.height + 0.5;
    expect(inside, `${what} at ${JSON.stringify(b)} is outside ${view!.width}x${view!.height}`).toBe(true);
  }

  get wizardTitle(): Locator {
    return this.wizard.dialog.getByRole('heading', { name: 'Create a new virtual network' });
  }

  /** The rows of the network list a Tab can land on. */
  get listTabStops(): Locator {
    return this.networkList.locator('[role="option"][tabindex="0"]');
  }

  get confirmation(): Locator {
    return this.page.getByRole('status').filter({ hasText: /^Network .* (started|stopped|deleted)\.$/ });
  }

  /** The accessible role and text of the focused element. */
  focused(): Promise<{ role: string | null; text: string }> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      return { role: el?.getAttribute('role') ?? null, text: (el?.textContent ?? '').trim() };
    });
  }

  /** Presses Tab until the focus is on a network row; returns how many presses it took. */
  async tabIntoList(max = 40): Promise<number> {
    for (let i = 1; i <= max; i++) {
      await this.page.keyboard.press('Tab');
      if ((await this.focused()).role === 'option') return i;
    }
    throw new Error(`no network row took the focus within ${max} Tab presses`);
  }
}
