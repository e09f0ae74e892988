/**
 * The window driven by keys alone: Tab and Shift+Tab until a control has the focus, and
 * whether the focus is somewhere (not lost to the page body after a dialog closes).
 */
import type { Locator } from '@playwright/test';
import { WindowFitPage } from './window-fit-page';

export class KeyboardPage extends WindowFitPage {
  private hasFocus(el: Locator): Promise<boolean> {
    return el.evaluate((node) => node === document.activeElement).catch(() => false);
  }

  /** Presses Tab (or Shift+Tab with back) until `el` has the focus; fails after `max` presses. */
  async tabTo(el: Locator, what: string, { back = false, max = 60 } = {}): Promise<void> {
    for (let i = 0; i < max; i++) {
      if (await this.hasFocus(el)) return;
      await this.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    if (!(await this.hasFocus(el))) throw new Error(`${what} did not take the focus within ${max} presses`);
  }

  /** Whether the text caret is in the last line of a CodeMirror editor (after Ctrl+End). */
  caretOnLastLine(editor: Locator): Promise<boolean> {
    return editor.evaluate((node) => {
      const lines = node.querySelectorAll('.cm-line');
      const at = document.getSelection()?.focusNode ?? null;
      return lines.length > 0 && at !== null && lines[lines.length - 1]!.contains(at);
    });
  }

  /** Whether the focus is on the page body, where a keyboard user has lost their place. */
  focusLost(): Promise<boolean> {
    return this.page.evaluate(
      () => document.activeElement === null || document.activeElement === document.body,
    );
  }
}
