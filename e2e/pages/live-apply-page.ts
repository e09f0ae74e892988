/** Details' Apply on a running network: the notices and the buttons that choose how it applies. */
import type { Locator, Page } from '@playwright/test';
import { DetailsPage } from './details-page';

export class LiveApplyPage extends DetailsPage {
  constructor(page: Page) {
    super(page);
  }

  /** Said before Apply when every change can be made live. */
  get liveNotice(): Locator {
    return this.panel.getByText(/Apply changes it now, without a restart/);
  }

  /** Said before Apply when a change needs a restart. */
  get restartNotice(): Locator {
    return this.panel.getByText(/takes effect only when it restarts/);
  }

  get applyAndRestart(): Locator {
    return this.button('Apply and restart');
  }

  get applyNextStart(): Locator {
    return this.button('Apply (next start)');
  }

  /** The notice of a network whose saved definition differs from what runs. */
  get savedDiffers(): Locator {
    return this.panel.getByText(/The saved definition differs from what runs/);
  }

  get restart(): Locator {
    return this.button('Restart');
  }
}
