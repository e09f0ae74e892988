import { describe, expect, it } from 'vitest';
import { AskpassBroker, isSecretPrompt } from './askpass-broker';

describe('askpass broker', () => {
  it('queues questions, tells the windows, and passes the first answer back once', async () => {
    const broker = new AskpassBroker();
    const seen: number[] = [];
    broker.onChange((p) => seen.push(p.length));
    const asked = broker.ask('ops@lab1', "ops@lab1's password: ");
    const [req] = broker.pending();
    expect(req).toMatchObject({ connection: 'ops@lab1', secret: true });
    expect(broker.answer(req!.id, 's3cret')).toBe(true);
    expect(broker.answer(req!.id, 'again')).toBe(false);
    await expect(asked).resolves.toBe('s3cret');
    expect(seen).toEqual([1, 0]);
  });

  it('cancels what a dropped connection still asks', async () => {
    const broker = new AskpassBroker();
    const a = broker.ask('a', 'Enter passphrase for key /k: ');
    const b = broker.ask('b', 'b password: ');
    broker.cancelFor('a');
    await expect(a).resolves.toBeNull();
    expect(broker.pending().map((r) => r.connection)).toEqual(['b']);
    broker.cancelFor('b');
    await expect(b).resolves.toBeNull();
  });

  it('tells a secret from a host key question', () => {
    expect(isSecretPrompt("ops@lab1's password: ")).toBe(true);
    expect(isSecretPrompt("Enter passphrase for key '/root/.ssh/id_ed25519': ")).toBe(true);
    expect(
      isSecretPrompt(
        "The authenticity of host 'lab1 (10.0.0.5)' can't be established.\nED25519 key fingerprint is SHA256:abc.\nAre you sure you want to continue connecting (yes/no/[fingerprint])? ",
      ),
    ).toBe(false);
  });
});
