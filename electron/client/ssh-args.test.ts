import { describe, expect, it } from 'vitest';
import { remoteCommand, shellWord, sshArgs } from './ssh-args';
import { parseSshUri } from './ssh-uri';

describe('the ssh command line', () => {
  it('is batch mode with strict host keys when nobody can be asked', () => {
    const args = sshArgs(parseSshUri('vnm+ssh://admin@host'), { batch: true, timeoutMs: 10_000 });
    expect(args.join(' ')).toBe(
      '-T -e none -o BatchMode=yes -o ConnectTimeout=10 -o StrictHostKeyChecking=yes ' +
        '-o ServerAliveInterval=15 -o ServerAliveCountMax=3 admin@host -- vnm proxy',
    );
  });

  it('asks about unknown host keys when an askpass is given, and accepts new ones with no_verify=1', () => {
    const uri = 'vnm+ssh://host';
    expect(sshArgs(parseSshUri(uri), { batch: false, timeoutMs: 2500 })).toEqual(
      expect.arrayContaining(['BatchMode=no', 'StrictHostKeyChecking=ask', 'ConnectTimeout=3']),
    );
    expect(sshArgs(parseSshUri(`${uri}?no_verify=1`), { batch: true, timeoutMs: 1 })).toEqual(
      expect.arrayContaining(['StrictHostKeyChecking=accept-new', 'ConnectTimeout=1']),
    );
  });

  it('passes port, key, known hosts and config file, then the remote command', () => {
    const t = parseSshUri(
      'vnm+ssh://u@h:2222/system?keyfile=/k/id&known_hosts=/k/known%20hosts&ro=1&socket=/s/v.sock',
    );
    const args = sshArgs(t, { batch: true, timeoutMs: 10_000, configFile: '/c/ssh_config' });
    expect(args.slice(args.indexOf('-o', 12))).toEqual([
      '-o',
      'UserKnownHostsFile="/k/known hosts"',
      '-p',
      '2222',
      '-i',
      '/k/id',
      '-o',
      'IdentitiesOnly=yes',
      '-F',
      '/c/ssh_config',
      'u@h',
      '--',
      'vnm',
      'proxy',
      '--ro',
      '--socket',
      '/s/v.sock',
    ]);
  });

  it('quotes remote words for the remote shell', () => {
    expect(shellWord('/opt/vnm/bin/vnm')).toBe('/opt/vnm/bin/vnm');
    expect(shellWord("/my dir/it's")).toBe(`'/my dir/it'\\''s'`);
    expect(remoteCommand(parseSshUri('vnm+ssh://h?command=/a%20b/vnm&socket=/x;rm'))).toEqual([
      "'/a b/vnm'",
      'proxy',
      '--socket',
      "'/x;rm'",
    ]);
  });
});
