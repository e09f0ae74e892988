/**
 * The findings slice against the FAKE vnmd (src/test/fake-vnm-api.ts): read on connect, after
 * lifecycle events and when Diagnose closes, taken from vnmd's findings event, newest read
 * wins, reads asked for meanwhile folded into one, and failures kept out of error dialogs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Findings } from '@shared/rpc/contract';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';
import { api } from '@/api/vnm-api';
import { useAppStore } from './app-store';
import { problemOf } from './findings-slice';
import { loadEverything, startSync } from './event-router';

let fake: FakeVnmBridge;
let stop: () => void;

const dropped: Findings = {
  host: [
    {
      id: 'drop-policy:inet admin fwd',
      status: 'fail',
      summary:
        'Table inet admin chain fwd drops at the forward hook what its rules do not accept (policy drop).',
      fix: null,
    },
  ],
  networks: [
    {
      network: 'default',
      status: 'fail',
      check: 'firewall-forward',
      summary: 'table inet admin chain fwd drops guest traffic forwarded through the host.',
      failed: 1,
    },
  ],
  checkedAt: 2000,
};
const healthy: Findings = { host: [], networks: [], checkedAt: 3000 };

const findingsCalls = () => fake.calls.filter((c) => c.call === 'hostFindings').map((c) => c.params);
const state = () => useAppStore.getState();

beforeEach(async () => {
  fake = freshFakeVnm();
  stop = startSync(api());
  // The first read, on connect, is done: each case starts from a quiet store.
  await expect.poll(() => state().findings).not.toBeNull();
  await state().loadFindings();
  fake.calls.splice(0);
});
afterEach(() => stop());

describe('findings slice', () => {
  it('knows nothing before the first answer, then has what vnmd said', async () => {
    stop();
    fake = freshFakeVnm();
    expect(state().findings).toBeNull();
    fake.findings = dropped;
    await loadEverything();
    expect(state().findings).toEqual(dropped);
    expect(problemOf(state().findings, 'default')?.check).toBe('firewall-forward');
    expect(problemOf(state().findings, 'dmz')).toBeNull();
  });

  it('reads again, fresh, after a lifecycle event of any network', async () => {
    fake.findings = dropped;
    fake.lifecycle('default', 'started');
    await expect.poll(() => state().findings).toEqual(dropped);
    expect(findingsCalls()).toContainEqual({ refresh: true });
  });

  it('takes the findings event without asking vnmd, but never an older read over a newer one', () => {
    fake.findings = healthy;
    fake.pushFindings();
    expect(state().findings).toEqual(healthy);
    // A read from before the last one (a slow answer, an old event) must not bring a problem back.
    fake.findings = dropped;
    fake.pushFindings();
    expect(state().findings).toEqual(healthy);
    expect(findingsCalls()).toEqual([]);
  });

  it('folds reads asked for while one runs into one more read', async () => {
    const loads = [1, 2, 3, 4].map(() => state().loadFindings(false));
    await Promise.all(loads);
    // The first read, then one for the three that waited.
    expect(findingsCalls()).toHaveLength(2);
  });

  it('keeps a failed read out of the error dialogs and says why where the findings show', async () => {
    stop();
    fake = freshFakeVnm();
    fake.failures.set('hostFindings', { kind: 'internal', message: 'Unknown method host.findings.' });
    await state().loadFindings();
    expect(state().findings).toBeNull();
    expect(state().findingsError).toBe('Unknown method host.findings.');
    expect(state().errors).toEqual([]);
    await state().loadFindings();
    expect(state().findingsError).toBeNull();
  });

  it('reads again, fresh, when Diagnose closes', async () => {
    state().openDiagnose('default');
    expect(state().diagnosing).toBe('default');
    fake.calls.splice(0);
    fake.findings = dropped;
    state().closeDiagnose();
    expect(state().diagnosing).toBeNull();
    await expect.poll(() => state().findings).toEqual(dropped);
    expect(findingsCalls()).toEqual([{ refresh: true }]);
  });
});
