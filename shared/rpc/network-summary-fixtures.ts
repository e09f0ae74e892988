/**
 * Test data: a network as network.list gives it, for the served first view's tests
 * (`shared/first-view/`, `electron/main/shells/browser/first-view.test.ts`) and the window's
 * FAKE vnmd (`renderer/src/test/fake-data.ts`), so their rows are built the same way.
 */
import type { NetworkSummary } from './contract';

/** An inactive, persistent NAT network named `name`, UUID ending in `i`, then `rest`. */
export function networkSummary(name: string, i = 1, rest: Partial<NetworkSummary> = {}): NetworkSummary {
  return {
    name,
    uuid: `7a3b1c2d-0000-4000-8000-00000000000${i}`,
    active: false,
    persistent: true,
    autostart: false,
    kind: 'nat',
    bridge: null,
    problem: null,
    ...rest,
  };
}
