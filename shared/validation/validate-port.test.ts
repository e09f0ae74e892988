import { describe, expect, it } from 'vitest';
import { portBandwidthProblem } from './validate-port';

describe("a network port's <bandwidth>", () => {
  it('allows an inbound floor (unlike a network or portgroup), alone or beside an average', () => {
    expect(portBandwidthProblem({ inbound: { floor: 100 } })).toBeNull();
    expect(portBandwidthProblem({ inbound: { average: 10, floor: 5 }, outbound: { average: 3 } })).toBeNull();
    expect(portBandwidthProblem(undefined)).toBeNull();
  });

  it("refuses what libvirt's parser refuses, in its words", () => {
    expect(portBandwidthProblem({ outbound: { average: 1, floor: 10 } })).toMatch(
      /'floor' attribute allowed only in <inbound> element/,
    );
    expect(portBandwidthProblem({ inbound: { peak: 10 } })).toMatch(
      /Missing mandatory average or floor attributes/,
    );
    expect(portBandwidthProblem({ inbound: { floor: 1, burst: 10 } })).toMatch(
      /'peak' and 'burst' require 'average' attribute/,
    );
  });
});
