// @vitest-environment happy-dom
/**
 * The Diagnose dialog in the whole window against the FAKE vnmd (src/test/fake-vnm-api.ts):
 * the checklist in vnmd's order with a word for each verdict, details on request, the guest
 * field, Apply fix… only where vnmd can apply, behind a confirmation with the exact command,
 * the checklist run again after it, and errors in the dialog with vnmd's sentence.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiagnoseCheck } from '@shared/rpc/contract';
import { App } from '@/app/app';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';

let fake: FakeVnmBridge;

const FIX = 'nft insert rule inet admin fwd iifname "virbr0" ip saddr 192.168.122.0/24 accept';
const ok = (id: string, summary: string): DiagnoseCheck => ({
  id,
  status: 'ok',
  summary,
  fix: null,
  details: [],
});
const forwardFails: DiagnoseCheck = {
  id: 'firewall-forward',
  status: 'fail',
  summary: 'table inet admin chain fwd drops guest traffic forwarded through the host.',
  fix: FIX,
  details: ['out tcp 192.168.122.2 -> 203.0.113.7:443: policy drop of chain fwd'],
  canApply: true,
};
const dnsWarns: DiagnoseCheck = {
  id: 'firewall-dns',
  status: 'warn',
  summary: 'table ip filter chain INPUT may drop DNS queries from guests to the host.',
  fix: 'iptables -t filter -I INPUT -i virbr0 -p udp --dport 53 -j ACCEPT',
  details: [],
};
const checklist = [
  ok('state', 'Network default (nat) is active.'),
  ok('bridge', 'Bridge virbr0 is up.'),
  forwardFails,
  dnsWarns,
];

beforeEach(() => {
  fake = freshFakeVnm();
  fake.checklists.set('default', checklist);
});
afterEach(cleanup);

const callsOf = (name: string) => fake.calls.filter((c) => c.call === name).map((c) => c.params);
const dialog = () => screen.getByRole('dialog', { name: 'Diagnose network default' });
const lines = () =>
  within(within(dialog()).getByRole('list', { name: 'Checklist' }))
    .getAllByRole('listitem')
    .filter((li) => li.parentElement?.getAttribute('aria-label') === 'Checklist');
const line = (text: string) => lines().find((li) => li.textContent?.includes(text))!;

/** Says yes in the confirmation, and waits until it has gone (the checklist is hidden behind it till then). */
async function confirmApply() {
  const confirm = await screen.findByRole('dialog', { name: 'Apply this fix to network default?' });
  fireEvent.click(within(confirm).getByRole('button', { name: 'Apply fix' }));
  await waitFor(() => expect(screen.queryByRole('dialog', { name: /Apply this fix/ })).toBeNull());
}

async function openDiagnose() {
  render(<App />);
  fireEvent.click(await screen.findByRole('option', { name: 'default' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Diagnose…' }));
  // The dialogs load in a chunk of their own after the first paint (app/dialogs.tsx).
  await screen.findByRole('dialog', { name: 'Diagnose network default' });
  await within(dialog()).findByText('1 check of 4 fails; 1 warning.');
}

describe('Diagnose dialog', () => {
  it('runs net-diagnose and lists every line in vnmd’s order, each with its verdict in words', async () => {
    await openDiagnose();
    expect(callsOf('diagnoseNetwork')).toEqual([{ network: 'default' }]);
    expect(lines().map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^OK.*Network default \(nat\) is active\./),
      expect.stringMatching(/^OK.*Bridge virbr0 is up\./),
      expect.stringMatching(/^Fails.*table inet admin chain fwd drops/),
      expect.stringMatching(/^Warning.*may drop DNS queries/),
    ]);
    // The fix is the command itself, in a block of its own, with Copy.
    expect(within(line('chain fwd')).getByLabelText('Fix').textContent).toBe(FIX);
    expect(within(line('chain fwd')).getByRole('button', { name: 'Copy fix' })).toBeTruthy();
    expect(within(line('DNS')).getByLabelText('Fix').textContent).toContain('--dport 53');
  });

  it('folds out the facts behind a verdict on request', async () => {
    await openDiagnose();
    const show = within(line('chain fwd')).getByRole('button', { name: 'Show details' });
    expect(show.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText(/policy drop of chain fwd/)).toBeNull();
    fireEvent.click(show);
    expect(show.getAttribute('aria-expanded')).toBe('true');
    expect(within(line('chain fwd')).getByText(/policy drop of chain fwd/)).toBeTruthy();
  });

  it('checks a guest when one is named, as net-diagnose --guest does', async () => {
    await openDiagnose();
    fireEvent.change(within(dialog()).getByRole('textbox', { name: 'Guest (optional)' }), {
      target: { value: ' 52:54:00:12:34:50 ' },
    });
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Run checks' }));
    await waitFor(() => expect(callsOf('diagnoseNetwork')).toHaveLength(2));
    expect(callsOf('diagnoseNetwork')[1]).toEqual({ network: 'default', guest: '52:54:00:12:34:50' });
  });

  it('offers Apply fix… only on a line vnmd can apply, and Cancel changes nothing', async () => {
    await openDiagnose();
    expect(within(dialog()).getAllByRole('button', { name: 'Apply fix…' })).toHaveLength(1);
    expect(within(line('DNS')).queryByRole('button', { name: 'Apply fix…' })).toBeNull();
    fireEvent.click(within(line('chain fwd')).getByRole('button', { name: 'Apply fix…' }));
    const confirm = await screen.findByRole('dialog', { name: 'Apply this fix to network default?' });
    expect(within(confirm).getByLabelText('Command').textContent).toBe(FIX);
    expect(confirm.textContent).toContain('changes another tool’s firewall rules');
    // Cancel has the focus: Enter alone changes nothing.
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Apply this fix/ })).toBeNull());
    expect(callsOf('applyFix')).toEqual([]);
  });

  it('applies a fix after the confirmation, then runs the whole checklist again', async () => {
    fake.fixes.set('default/firewall-forward', () => {
      fake.checklists.set(
        'default',
        checklist.map((c) =>
          c.id === 'firewall-forward'
            ? ok(c.id, 'No other firewall table drops guest traffic forwarded through the host.')
            : c,
        ),
      );
      return ok(
        'firewall-forward',
        'No other firewall table drops guest traffic forwarded through the host.',
      );
    });
    await openDiagnose();
    fireEvent.click(within(line('chain fwd')).getByRole('button', { name: 'Apply fix…' }));
    await confirmApply();
    await within(dialog()).findByText('No check fails; 1 warning.');
    expect(callsOf('applyFix')).toEqual([{ network: 'default', check: 'firewall-forward' }]);
    expect(callsOf('diagnoseNetwork')).toHaveLength(2);
    expect(line('forwarded through').textContent).toMatch(/^OK/);
  });

  it('says in the dialog why vnmd refused a fix, and leaves the checklist as it was', async () => {
    await openDiagnose();
    fireEvent.click(within(line('chain fwd')).getByRole('button', { name: 'Apply fix…' }));
    await confirmApply();
    const alert = await within(dialog()).findByRole('alert');
    expect(alert.textContent).toBe(
      'Could not apply the fix: The fake vnmd has no fix for check firewall-forward of network default.',
    );
    expect(callsOf('diagnoseNetwork')).toHaveLength(1);
    expect(line('chain fwd').textContent).toMatch(/^Fails/);
  });

  it('says in the dialog when vnmd cannot be reached, and runs again on request', async () => {
    fake.failures.set('diagnoseNetwork', { kind: 'connection', message: 'vnmd is not running; start it.' });
    render(<App />);
    fireEvent.click(await screen.findByRole('option', { name: 'default' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Diagnose…' }));
    await screen.findByRole('dialog', { name: 'Diagnose network default' });
    const alert = await within(dialog()).findByRole('alert');
    expect(alert.textContent).toBe('Could not run the checks: vnmd is not running; start it.');
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Run checks' }));
    await within(dialog()).findByText('1 check of 4 fails; 1 warning.');
    expect(within(dialog()).queryByRole('alert')).toBeNull();
  });

  it('closes with Escape and reads the findings again, fresh', async () => {
    await openDiagnose();
    fake.calls.splice(0);
    act(() => void fireEvent.keyDown(dialog(), { key: 'Escape' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Diagnose network default' })).toBeNull(),
    );
    await waitFor(() => expect(callsOf('hostFindings')).toEqual([{ refresh: true }]));
  });

  it('on an OVN network, asks for what OVN knows a guest by (no hostname) and lists its lines', async () => {
    fake.define(`<network><name>span</name><metadata>
      <vnm:ovn xmlns:vnm="https://vnm.example/xmlns/network/1.0" mode="isolated" subnet="10.88.0.0/24"/>
      </metadata><forward mode='bridge'/><bridge name='br-int'/><virtualport type='openvswitch'/></network>`);
    await fake.invoke('startNetwork', { network: 'span' });
    fake.checklists.set('span', [
      ok('state', 'Network span (OVN) is active.'),
      ok('ovn-ports', '2 guest ports, each bound and addressed: host-a 1, host-b 1.'),
    ]);
    render(<App />);
    fireEvent.click(await screen.findByRole('option', { name: 'span' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Diagnose…' }));
    const d = await screen.findByRole('dialog', { name: 'Diagnose network span' });
    await within(d).findByText('2 guest ports, each bound and addressed: host-a 1, host-b 1.', {
      exact: false,
    });
    expect(within(d).getByText(/MAC, IP address or port name adds where it is plugged in/)).toBeTruthy();
    expect(within(d).queryByText(/hostname/)).toBeNull();
  });
});
