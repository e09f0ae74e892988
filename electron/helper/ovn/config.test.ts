import { describe, expect, it } from 'vitest';
import { applyOvnAddresses, ovnConfig, ovsdbRemoteProblem } from './config';

describe('OVN database addresses', () => {
  it('takes OVSDB remotes and lists of them', () => {
    for (const ok of [
      'tcp:192.0.2.1:6641',
      'ssl:[2001:db8::1]:6641',
      'tcp:central.example',
      'unix:/run/ovn/ovnnb_db.sock',
      'tcp:192.0.2.1:6641,tcp:192.0.2.2:6641',
    ])
      expect(ovsdbRemoteProblem(ok), ok).toBeUndefined();
  });

  it.each(['--db=evil', 'a"b', 'x,y', 'tcp:a=b:1', '{}', '[', 'tcp:192.0.2.1:6641\n', 'unix:rel/path', ''])(
    'refuses %j, saying what an address looks like',
    (bad) => expect(ovsdbRemoteProblem(bad)).toMatch(/is not an OVSDB address: give tcp:IP:PORT/),
  );

  it("sets the variables OVN's tools read, a flag winning over the environment, and nothing on a bad value", () => {
    const env: NodeJS.ProcessEnv = { OVN_NB_DB: 'unix:/old.sock' };
    applyOvnAddresses({ nbDb: 'tcp:192.0.2.1:6641', sbDb: 'tcp:192.0.2.1:6642' }, env);
    expect(ovnConfig(env)).toMatchObject({ nbDb: 'tcp:192.0.2.1:6641', sbDb: 'tcp:192.0.2.1:6642' });
    expect(() => applyOvnAddresses({ nbDb: '--db=evil' }, env)).toThrow(
      /^vnm daemon --ovn-nb-db: "--db=evil" is not an OVSDB address/,
    );
    expect(env.OVN_NB_DB).toBe('tcp:192.0.2.1:6641');
    expect(ovnConfig({}).sbDb).toBeNull();
  });
});
