// @vitest-environment happy-dom
/**
 * The problem line in the whole window against the FAKE vnmd (src/test/fake-vnm-api.ts): under
 * the state line in the list and at the top of Details with Diagnose…, gone once vnmd's
 * findings say the network is well; and the Overview's host checks, "unknown" until vnmd answers.
 * e2e/specs/diagnose.spec.ts shows the same against a real vnmd and a real drop policy.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Findings } from '@shared/rpc/contract';
import { App } from '@/app/app';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';

let fake: FakeVnmBridge;

const SUMMARY = 'table inet admin chain fwd drops guest traffic forwarded through the host.';
const findings: Findings = {
  host: [
    {
      id: 'ipv4-forwarding',
      status: 'fail',
      summary:
        'IPv4 forwarding is off (net.ipv4.ip_forward = 0): NAT and routed guests cannot leave the host.',
      fix: 'sysctl -w net.ipv4.ip_forward=1',
    },
    {
      id: 'default-route',
      status: 'warn',
      summary: 'The host has no IPv4 default route: no guest can reach the Internet.',
      fix: null,
    },
  ],
  networks: [{ network: 'default', status: 'fail', check: 'firewall-forward', summary: SUMMARY, failed: 2 }],
  checkedAt: 5000,
};

beforeEach(() => {
  fake = freshFakeVnm();
});
afterEach(cleanup);

const option = (name: string) => screen.findByRole('option', { name });
const details = () => screen.getByRole('tabpanel', { name: 'Details' });

describe('problem line', () => {
  it('says a running network’s worst line under its state line, with a word and not colour alone', async () => {
    fake.findings = findings;
    render(<App />);
    const row = await option('default');
    await waitFor(() => expect(row.textContent).toContain(`Problem: ${SUMMARY}`));
    // A screen reader hears it with the row; the whole sentence is in the title when cut.
    const line = document.getElementById(`${row.id}-problem`)!;
    expect(row.getAttribute('aria-describedby')).toContain(line.id);
    expect(line.getAttribute('title')).toContain('2 checks fail');
    expect((await option('dmz')).textContent).not.toContain('Problem');
  });

  it('shows the problem at the top of Details with Diagnose…, and goes once vnmd says it is fixed', async () => {
    fake.findings = findings;
    render(<App />);
    fireEvent.click(await option('default'));
    const alert = await within(await screen.findByRole('tabpanel', { name: 'Details' })).findByRole('alert');
    expect(alert.textContent).toContain(`Problem: ${SUMMARY}`);
    expect(within(alert).getByRole('button', { name: 'Diagnose…' })).toBeTruthy();
    fake.findings = { host: [], networks: [], checkedAt: 6000 };
    act(() => fake.pushFindings());
    await waitFor(() => expect(within(details()).queryByRole('alert')).toBeNull());
    expect(within(details()).getByText('The last check found no problem on this network.')).toBeTruthy();
    expect((await option('default')).textContent).not.toContain('Problem');
  });

  it('offers Diagnose… on every running network and none on a stopped one', async () => {
    render(<App />);
    fireEvent.click(await option('dmz'));
    // The pane is a chunk mounted after the list is painted: wait for it.
    const panel = await screen.findByRole('tabpanel', { name: 'Details' });
    expect(await within(panel).findByRole('button', { name: 'Diagnose…' })).toBeTruthy();
    fireEvent.click(await option('lab'));
    await within(details()).findByText('7a3b1c2d-0000-4000-8000-000000000003');
    expect(within(details()).queryByRole('button', { name: 'Diagnose…' })).toBeNull();
  });

  it('takes a problem that appears after a network starts, without the findings event', async () => {
    render(<App />);
    fireEvent.click(await option('lab'));
    fake.findings = {
      host: [],
      networks: [{ network: 'lab', status: 'warn', check: 'mtu', summary: 'MTU differs.', failed: 0 }],
      checkedAt: 7000,
    };
    fireEvent.click(screen.getByRole('button', { name: 'Start network' }));
    await waitFor(() =>
      expect(screen.getByRole('option', { name: 'lab' }).textContent).toContain('Warning: MTU differs.'),
    );
  });
});

describe('Overview host checks', () => {
  const section = async () => {
    fireEvent.click(await screen.findByRole('tab', { name: 'Overview' }));
    // Overview is a chunk loaded after the list is painted: wait for it.
    return (await screen.findByRole('heading', { name: 'Host checks' })).parentElement!;
  };

  it('says each host-wide finding once, with its fix', async () => {
    fake.findings = findings;
    render(<App />);
    const host = await section();
    const items = await within(host).findAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringMatching(/^Fails.*IPv4 forwarding is off.*sysctl -w net.ipv4.ip_forward=1/),
      expect.stringMatching(/^Warning.*no IPv4 default route/),
    ]);
  });

  it('says calmly when there is nothing, and "unknown" while vnmd is away', async () => {
    render(<App />);
    const host = await section();
    expect(await within(host).findByText('No problems found on this host.')).toBeTruthy();
    act(() => fake.setConnection({ state: 'lost', uri: 'unix:/fake', reason: 'vnmd went away' }));
    await waitFor(() => expect(within(host).getByText('unknown')).toBeTruthy());
  });
});
