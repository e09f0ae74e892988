// @vitest-environment happy-dom
/** The IPv6 step on its own: NAT networks choose IPv6 NAT (the default) or routed IPv6. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildNetworkXml } from '@shared/wizard/build-network';
import { GOOD } from '@/features/create-network-wizard/logic/test-choices';
import { resetWizard, useWizardStore } from '@/features/create-network-wizard/wizard-store';
import { Ipv6Step } from './ipv6-step';

const radio = (name: string) => screen.getByRole<HTMLInputElement>('radio', { name });
const xml = () => buildNetworkXml(useWizardStore.getState().values);

beforeEach(() => {
  resetWizard();
  useWizardStore.setState({ values: GOOD, phase: 'ready' });
});
afterEach(cleanup);

describe('IPv6 step', () => {
  it('offers IPv6 NAT first for a NAT network, and routed IPv6 saying what it needs', () => {
    render(<Ipv6Step errors={{}} />);
    expect(screen.getByRole('radiogroup', { name: 'IPv6 to the outside' })).toBeTruthy();
    expect(radio('NAT, like IPv4').checked).toBe(true);
    expect(screen.getByText(/through the host’s IPv6 address/)).toBeTruthy();
    expect(xml()).toContain("<nat ipv6='yes'/>");
    fireEvent.click(radio('Routed'));
    expect(useWizardStore.getState().values.ipv6Nat).toBe(false);
    expect(screen.getByText(/needs a prefix that your upstream router routes to this host/)).toBeTruthy();
    expect(xml()).not.toContain('<nat');
    expect(xml()).toContain("<ip family='ipv6' address='fd12:3456:789a:1::1' prefix='64'>");
  });

  it('greys the choice out while IPv6 is off', () => {
    useWizardStore.setState({ values: { ...GOOD, ipv6Enabled: false } });
    render(<Ipv6Step errors={{}} />);
    expect(radio('NAT, like IPv4').disabled).toBe(true);
    expect(radio('Routed').disabled).toBe(true);
  });

  it('has no choice in a routed network, only the note on what routing needs', () => {
    useWizardStore.setState({ values: { ...GOOD, mode: 'route' } });
    render(<Ipv6Step errors={{}} />);
    expect(screen.queryByRole('radiogroup', { name: 'IPv6 to the outside' })).toBeNull();
    expect(
      screen.getByText(/IPv6 is routed: .* needs a prefix that your upstream router routes/),
    ).toBeTruthy();
  });
});
