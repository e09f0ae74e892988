// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';
import { App } from '@/app/app';
import { useConnections } from './connections-store';

let fake: FakeVnmBridge;

beforeEach(() => {
  fake = freshFakeVnm();
  useConnections.setState({ connections: [], askpass: [], listOpen: false, addOpen: false });
});
afterEach(cleanup);

const callsOf = (call: string) => fake.calls.filter((c) => c.call === call).map((c) => c.params);

async function openConnections() {
  render(<App />);
  await screen.findByRole('option', { name: 'default' });
  fireEvent.click(screen.getByRole('button', { name: 'Connections' }));
  return screen.findByRole('dialog', { name: 'Connections' });
}

describe('Connections', () => {
  it('lists Local as this window’s connection, adds an SSH host and connects it', async () => {
    const dialog = await openConnections();
    const local = within(dialog).getByRole('row', { name: 'Local' });
    expect(local.textContent).toContain('(this window)');
    expect(local.textContent).toContain('Connected');
    expect(within(local).queryByRole('button', { name: 'Remove' })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add Connection…' }));
    const add = await screen.findByRole('dialog', { name: 'Add Connection' });
    fireEvent.change(within(add).getByRole('textbox', { name: 'Hostname' }), { target: { value: 'lab1' } });
    fireEvent.change(within(add).getByRole('textbox', { name: 'Username' }), { target: { value: 'ops' } });
    fireEvent.change(within(add).getByRole('textbox', { name: 'Port' }), { target: { value: '2222' } });
    expect(within(add).getByLabelText('Generated URI').textContent).toBe('vnm+ssh://ops@lab1:2222/system');
    fireEvent.click(within(add).getByRole('button', { name: 'Add' }));
    const row = await within(dialog).findByRole('row', { name: 'ops@lab1' });
    expect(callsOf('addConnection')).toEqual([{ host: 'lab1', user: 'ops', port: 2222, autoconnect: true }]);
    expect(row.textContent).toContain('Not connected');
    fireEvent.click(within(row).getByRole('button', { name: 'Connect' }));
    expect(await within(row).findByText('Connected')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Disconnect' })).toBeTruthy();
  });

  it('says what is wrong with a host before anything is sent', async () => {
    const dialog = await openConnections();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add Connection…' }));
    const add = await screen.findByRole('dialog', { name: 'Add Connection' });
    fireEvent.change(within(add).getByRole('textbox', { name: 'Hostname' }), {
      target: { value: '-oProxyCommand=sh' },
    });
    expect(add.textContent).toContain('is not a host name');
    expect(within(add).getByRole('button', { name: 'Add' })).toHaveProperty('disabled', true);
    expect(callsOf('addConnection')).toEqual([]);
  });

  it('shows a failed connection’s reason on its row', async () => {
    fake.connections.push({
      id: 'c-1',
      name: 'ops@lab2',
      uri: 'vnm+ssh://ops@lab2/system',
      local: false,
      autoconnect: false,
      status: {
        state: 'failed',
        uri: 'vnm+ssh://ops@lab2/system',
        reason: 'ssh refused the key for ops@lab2.',
      },
    });
    const dialog = await openConnections();
    const row = await within(dialog).findByRole('row', { name: 'ops@lab2' });
    expect(row.textContent).toContain('Failed');
    expect(within(row).getByRole('note').textContent).toBe('ssh refused the key for ops@lab2.');
  });

  it('asks ssh’s questions: a password hidden, a host key by an explicit click', async () => {
    render(<App />);
    await screen.findByRole('option', { name: 'default' });
    act(() =>
      fake.push('askpass', [
        { id: 'q1', connection: 'ops@lab1', prompt: "ops@lab1's password: ", secret: true },
      ]),
    );
    const ask = await screen.findByRole('dialog', { name: 'ssh asks, for ops@lab1' });
    const field = within(ask).getByLabelText('Password');
    expect(field.getAttribute('type')).toBe('password');
    fireEvent.change(field, { target: { value: 'pw' } });
    fireEvent.click(within(ask).getByRole('button', { name: 'OK' }));
    expect(callsOf('answerAskpass')).toEqual([{ id: 'q1', answer: 'pw' }]);
    const prompt =
      "The authenticity of host 'lab1' can't be established.\nED25519 key fingerprint is SHA256:abc.\nAre you sure you want to continue connecting (yes/no/[fingerprint])? ";
    act(() => fake.push('askpass', [{ id: 'q2', connection: 'ops@lab1', prompt, secret: false }]));
    const key = await screen.findByRole('dialog', { name: 'ssh asks, for ops@lab1' });
    expect(key.textContent).toContain('SHA256:abc');
    fireEvent.click(within(key).getByRole('button', { name: 'Accept host key' }));
    expect(callsOf('answerAskpass')).toContainEqual({ id: 'q2', answer: 'yes' });
  });
});
