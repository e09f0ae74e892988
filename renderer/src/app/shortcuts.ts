/**
 * The window's own keys, so they work alike in Electron (where the menu has them too) and in
 * the browser shell (which has no menu): Ctrl+N opens the wizard, Ctrl+O Define from XML, F5 reads vnmd again. Ctrl+W
 * needs nothing here: the Electron menu's Close Window and Chromium itself close the window.
 */
import { useEffect } from 'react';
import type { AppCommand } from '@shared/api/contract';
import { useAppStore } from '@/stores/app-store';
import { loadEverything } from '@/stores/event-router';
import { openDefineFromXml } from '@/stores/define-xml-store';

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** The command a key press means, or null. */
export function shortcutFor(e: KeyLike): AppCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'n') return { type: 'new-network' };
  if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'o') return { type: 'define-xml' };
  if (e.key === 'F5' && !mod && !e.altKey) return { type: 'refresh' };
  return null;
}

function onKeyDown(e: KeyboardEvent): void {
  const command = shortcutFor(e);
  if (!command) return;
  // Chromium's own Ctrl+N (new window) and F5 (page reload) would lose the window's place.
  e.preventDefault();
  const s = useAppStore.getState();
  if (s.connection.state !== 'connected') return;
  if (command.type === 'new-network') s.setCreateOpen(true);
  else if (command.type === 'define-xml') openDefineFromXml();
  else void loadEverything();
}

export function useShortcuts(): void {
  useEffect(() => {
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
