/** The application menu: File (New Network…, Define from XML…, Preferences, Close Window, Quit), View (theme, Refresh), Help (About). */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand, ThemePreference } from '../../../shared/api/contract';

export interface MenuActions {
  readonly send: (command: AppCommand) => void;
  readonly quit: () => void;
  readonly about: () => void;
  readonly theme: ThemePreference;
}

const THEMES: readonly [ThemePreference, string][] = [
  ['system', 'System'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  return [
    {
      label: 'File',
      submenu: [
        {
          label: 'New Network…',
          accelerator: 'CmdOrCtrl+N',
          click: () => actions.send({ type: 'new-network' }),
        },
        {
          label: 'Define from XML…',
          accelerator: 'CmdOrCtrl+O',
          click: () => actions.send({ type: 'define-xml' }),
        },
        {
          label: 'Preferences',
          accelerator: 'CmdOrCtrl+,',
          click: () => actions.send({ type: 'preferences' }),
        },
        { type: 'separator' },
        { label: 'Close Window', role: 'close', accelerator: 'CmdOrCtrl+W' },
        { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
      ],
    },
    {
      label: 'View',
      submenu: [
        {
          label: 'Theme',
          submenu: THEMES.map(([theme, label]) => ({
            label,
            type: 'radio' as const,
            checked: actions.theme === theme,
            click: () => actions.send({ type: 'set-theme', theme }),
          })),
        },
        { type: 'separator' },
        // F5 reads vnmd again and keeps the window's place; the page reload stays on Ctrl+R.
        { label: 'Refresh', accelerator: 'F5', click: () => actions.send({ type: 'refresh' }) },
        { role: 'reload' },
        { role: 'toggleDevTools' },
      ],
    },
    { label: 'Help', submenu: [{ label: 'About vnm', click: () => actions.about() }] },
  ];
}

/** The About box's text: our version and what it runs on. */
export function aboutText(
  version: string,
  versions: Readonly<Record<string, string>>,
  vnmd?: string,
): string {
  const lines = [`vnm ${version}`];
  if (vnmd) lines.push(`vnmd ${vnmd}`);
  for (const key of ['electron', 'chrome', 'node']) if (versions[key]) lines.push(`${key} ${versions[key]}`);
  return lines.join('\n');
}
