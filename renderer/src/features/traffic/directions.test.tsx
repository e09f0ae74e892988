// @vitest-environment happy-dom
/** One wording for traffic direction: the guests' side in networks, the host's on its interfaces. */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';
import { App } from '@/app/app';

let fake: FakeVnmBridge;
beforeEach(() => {
  fake = freshFakeVnm();
});
afterEach(cleanup);

const OLD_WORDINGS = /Guest sends|Guest receives|Received is what|\bReceive\b|\bSend\b/;

describe('traffic direction wording', () => {
  it('says whose point of view once in a network’s Traffic, and labels columns and totals alike', async () => {
    render(<App />);
    await screen.findByRole('option', { name: 'default' });
    fireEvent.click(await screen.findByRole('tab', { name: 'Traffic' }));
    act(() => fake.pushStats(Date.now()));
    const ports = await screen.findByRole('table', { name: 'Guest ports' });
    const panel = screen.getByRole('tabpanel', { name: 'Traffic' });
    expect(ports.textContent).toContain('Sent by guests');
    expect(ports.textContent).toContain('Received by guests');
    expect(panel.textContent?.match(/point of view/g)).toHaveLength(1);
    expect(panel.textContent).toMatch(/Network total \(ports\)Sent by guests .* · Received by guests /);
    expect(panel.textContent).not.toMatch(OLD_WORDINGS);
  });

  it('tells host interfaces from the host’s side', async () => {
    render(<App />);
    await screen.findByRole('option', { name: 'default' });
    fireEvent.click(screen.getByRole('tab', { name: 'Host Interfaces' }));
    expect(await screen.findByRole('columnheader', { name: 'Received by host' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Sent by host' })).toBeTruthy();
  });
});
