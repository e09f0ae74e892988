/**
 * The renderer's only way to vnmd: `window.vnm` (put there by the Electron preload or the
 * browser shell), wrapped so calls reject with `VnmError`.
 */
import { createVnmClient } from '@shared/api/client';
import type { VnmClient } from '@shared/api/client';
import type { VnmBridge } from '@shared/api/contract';

declare global {
  interface Window {
    vnm?: VnmBridge;
  }
}

const MISSING =
  'This page has no connection to vnm; open it through `npm start`, which prints the address to use.';

/** A bridge that fails every call, so the window can say what is wrong instead of crashing. */
function missingBridge(): VnmBridge {
  return {
    invoke: () => Promise.resolve({ ok: false, error: { kind: 'connection', message: MISSING } }),
    listen: () => () => undefined,
  } as VnmBridge;
}

let client: VnmClient | null = null;

export function api(): VnmClient {
  client ??= createVnmClient(window.vnm ?? missingBridge());
  return client;
}

/** Tests install their own bridge (a fake, see src/test/fake-vnm-api.ts). */
export function installBridge(bridge: VnmBridge): void {
  client = createVnmClient(bridge);
}
