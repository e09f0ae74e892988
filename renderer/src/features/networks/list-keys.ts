/** Keyboard moves in the network list (a listbox with a roving tab stop). */

export { rowId } from '@shared/first-view/rows';

/**
 * Where a key moves from row `current` (-1: none selected) in a list of `count` rows, or null
 * when the key is not a move. It stops at the ends rather than wrapping, as virt-manager does.
 */
export function stepTarget(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return current === -1 ? 0 : Math.min(last, current + 1);
    case 'ArrowUp':
      return current === -1 ? 0 : Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/** Moves focus to the selected sub-tab of the network's pane (what Enter on a row does). */
export function focusSelectedSubTab(network: string): void {
  const tabs = document.querySelector<HTMLElement>(
    `[role="tablist"][aria-label="${CSS.escape(`Network ${network}`)}"]`,
  );
  tabs?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
}
