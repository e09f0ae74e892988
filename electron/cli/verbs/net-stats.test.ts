import { describe, expect, it } from 'vitest';
import { parseVerbArgs } from '../args';
import { CliFailure } from '../context';
import { netStatsVerb, statsOptions } from './net-stats';

const parse = (...argv: string[]) => statsOptions(parseVerbArgs('net-stats', netStatsVerb.args, argv));

describe('net-stats arguments', () => {
  it('takes the network in order or by name, with optional interval, count and json', () => {
    expect(parse('default')).toEqual({ network: 'default', interval: null, count: null, json: false });
    expect(parse('--network', 'nat1', '--interval', '0.5', '--count=3', '--json')).toEqual({
      network: 'nat1',
      interval: 0.5,
      count: 3,
      json: true,
    });
    expect(parse('--json', 'x', '--interval=60').interval).toBe(60);
  });

  it.each([
    [['n', '--interval', '0.4'], /interval '0.4' is not valid: give a number of seconds from 0.5 to 60/],
    [['n', '--interval', '61'], /from 0.5 to 60/],
    [['n', '--interval', 'fast'], /interval 'fast'/],
    [['n', '--interval', ''], /interval ''/],
    [['n', '--count', '0'], /count '0' is not valid: give a whole number of samples, 1 or more/],
    [['n', '--count', '2.5'], /count '2.5'/],
    [['n', '--count', '-1'], /count '-1'/],
    [['n', '--count', '1e3'], /count '1e3'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parse(...argv)).toThrow(CliFailure);
    expect(() => parse(...argv)).toThrow(message);
  });

  it('needs a network, and prints JSON lines without a closing blank line', () => {
    expect(() => parse()).toThrow(/requires <network>/);
    expect(() => parse('n', '--loop')).toThrow(/doesn't support option --loop/);
    const json = parseVerbArgs('net-stats', netStatsVerb.args, ['n', '--json']);
    expect(netStatsVerb.rawOutput?.(json)).toBe(true);
    expect(netStatsVerb.rawOutput?.(parseVerbArgs('net-stats', netStatsVerb.args, ['n']))).toBe(false);
  });
});
