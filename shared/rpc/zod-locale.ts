/**
 * zod/mini carries no messages of its own ("Invalid input" for everything): the processes that
 * tell people what was wrong with a request (vnmd, the app's main process) load English once.
 * The CLI does not, so its start stays light; the messages it shows come from vnmd.
 */
import { config, locales } from 'zod/mini';

let loaded = false;

export function useEnglishMessages(): void {
  if (loaded) return;
  loaded = true;
  config(locales.en());
}
