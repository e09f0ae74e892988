import { describe, expect, it } from 'vitest';
import type { DiagnoseResult } from '../../../shared/rpc/contract';
import { consentFor, formatDiagnosis, notApplicable } from './diagnose';

const result: DiagnoseResult = {
  network: 'dg',
  checks: [
    { id: 'state', status: 'ok', summary: 'Network dg (nat) is active.', fix: null, details: [] },
    {
      id: 'firewall-forward',
      status: 'fail',
      summary: 'table inet filter chain forward drops guest traffic forwarded through the host.',
      fix: 'nft insert rule inet filter forward ...',
      details: [],
      canApply: true,
    },
    {
      id: 'uplink',
      status: 'fail',
      summary: 'The uplink up0 is down.',
      fix: 'ip link set dev up0 up',
      details: [],
    },
  ],
};

describe('net-diagnose --fix', () => {
  it('applies with --yes, asks at a terminal, refuses a script without --yes', () => {
    expect(consentFor(true, false)).toBe('apply');
    expect(consentFor(true, true)).toBe('apply');
    expect(consentFor(false, true)).toBe('ask');
    expect(consentFor(false, false)).toBe('refuse');
  });

  it('says before asking why a line cannot be applied', () => {
    expect(notApplicable(result, 'firewall-forward')).toBeNull();
    expect(notApplicable(result, 'uplink')).toBe(
      "vnmd does not apply the fix for 'uplink' itself; run it by hand if it is right for this host: ip link set dev up0 up.",
    );
    expect(notApplicable(result, 'state')).toBe(
      "check 'state' of network 'dg' passes: there is nothing to fix.",
    );
    expect(notApplicable(result, 'nope')).toBe(
      "network 'dg' has no check 'nope'; its checks are: state, firewall-forward, uplink (see vnm net-diagnose dg).",
    );
  });

  it('prints each line with its fix under it', () => {
    expect(formatDiagnosis({ checks: result.checks.slice(0, 2) })).toBe(
      'ok    Network dg (nat) is active.\n' +
        'fail  table inet filter chain forward drops guest traffic forwarded through the host.\n' +
        '      fix: nft insert rule inet filter forward ...\n',
    );
  });
});
