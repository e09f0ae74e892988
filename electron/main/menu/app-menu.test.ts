// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../../shared/api/contract';
import { aboutText, menuTemplate } from './app-menu';

vi.mock('electron', () => ({}));

function find(items: MenuItemConstructorOptions[], path: string[]): MenuItemConstructorOptions | undefined {
  const [head, ...rest] = path;
  const item = items.find((i) => i.label === head);
  if (!item || rest.length === 0) return item;
  return find(item.submenu as MenuItemConstructorOptions[], rest);
}

const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('application menu', () => {
  it('sends commands for New Network…, Preferences and the theme, and quits and shows About', () => {
    const sent: AppCommand[] = [];
    const quit = vi.fn();
    const about = vi.fn();
    const menu = menuTemplate({ send: (c) => sent.push(c), quit, about, theme: 'dark' });
    expect(menu.map((m) => m.label)).toEqual(['File', 'View', 'Help']);
    click(find(menu, ['File', 'New Network…']));
    click(find(menu, ['File', 'Preferences']));
    click(find(menu, ['View', 'Theme', 'Light']));
    click(find(menu, ['File', 'Quit']));
    click(find(menu, ['Help', 'About vnm']));
    expect(sent).toEqual([
      { type: 'new-network' },
      { type: 'preferences' },
      { type: 'set-theme', theme: 'light' },
    ]);
    expect(quit).toHaveBeenCalledOnce();
    expect(about).toHaveBeenCalledOnce();
    expect(find(menu, ['View', 'Theme', 'Dark'])?.checked).toBe(true);
    expect(find(menu, ['File', 'New Network…'])?.accelerator).toBe('CmdOrCtrl+N');
  });

  it('sends Define from XML… from the File menu, on Ctrl+O as the browser shell does', () => {
    const sent: AppCommand[] = [];
    const menu = menuTemplate({ send: (c) => sent.push(c), quit: vi.fn(), about: vi.fn(), theme: 'system' });
    click(find(menu, ['File', 'Define from XML…']));
    expect(sent).toEqual([{ type: 'define-xml' }]);
    expect(find(menu, ['File', 'Define from XML…'])?.accelerator).toBe('CmdOrCtrl+O');
  });

  it('lists versions in About', () => {
    expect(aboutText('0.1.0', { electron: '45.4.1', node: '22.1.0' }, '0.1.0')).toBe(
      'vnm 0.1.0\nvnmd 0.1.0\nelectron 45.4.1\nnode 22.1.0',
    );
  });

  it('closes the window on Ctrl+W and refreshes on F5, as the browser shell does', () => {
    const sent: AppCommand[] = [];
    const menu = menuTemplate({ send: (c) => sent.push(c), quit: vi.fn(), about: vi.fn(), theme: 'system' });
    const close = find(menu, ['File', 'Close Window']);
    expect(close).toMatchObject({ role: 'close', accelerator: 'CmdOrCtrl+W' });
    const refresh = find(menu, ['View', 'Refresh']);
    expect(refresh?.accelerator).toBe('F5');
    click(refresh);
    expect(sent).toEqual([{ type: 'refresh' }]);
  });
});
