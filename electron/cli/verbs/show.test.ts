import { describe, expect, it } from 'vitest';
import type { NetworkInfo, NetworkProblem } from '../../../shared/rpc/contract';
import { formatNetInfo } from './show';

const info = {
  name: 'dg',
  uuid: '8f1c0d6e-1111-4222-8333-944455566677',
  active: true,
  persistent: true,
  autostart: false,
  bridge: 'vnmdg',
  problem: null,
} as unknown as NetworkInfo;
const problem = (summary: string): NetworkProblem => ({
  network: 'dg',
  status: 'fail',
  check: 'x',
  summary,
  failed: 1,
});

describe('net-info', () => {
  it('adds a Problem line only when the findings have one for the network', () => {
    expect(formatNetInfo(info)).not.toContain('Problem:');
    expect(formatNetInfo(info, problem('IP forwarding is off.'))).toMatch(
      /^Problem: +IP forwarding is off\.$/m,
    );
  });

  it("says vnmd's own problem once when the finding repeats it", () => {
    const withOwn = { ...info, problem: 'dnsmasq (pid 7) exited; restarting it' } as NetworkInfo;
    const text = formatNetInfo(
      withOwn,
      problem('Network dg runs with a problem: dnsmasq (pid 7) exited; restarting it'),
    );
    expect(text.match(/Problem:/g)).toHaveLength(1);
  });
});
