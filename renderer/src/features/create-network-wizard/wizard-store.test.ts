import { beforeEach, describe, expect, it } from 'vitest';
import { GOOD } from '@/features/create-network-wizard/logic/test-choices';
import { resetWizard, useWizardStore } from './wizard-store';

const state = () => useWizardStore.getState();

beforeEach(() => {
  resetWizard();
  useWizardStore.setState({ values: GOOD, phase: 'ready' });
});

describe('wizard store', () => {
  it('moves the gateway and DHCP range with the network until they are edited', () => {
    state().setField('ipv4Network', '10.1.0.0/16');
    expect([state().values.ipv4Gateway, state().values.ipv4Start, state().values.ipv4End]).toEqual([
      '10.1.0.1',
      '10.1.128.0',
      '10.1.255.254',
    ]);
    state().setField('ipv4Start', '10.1.0.50');
    state().setField('ipv4Network', '10.2.0.0/16');
    expect(state().values.ipv4Start).toBe('10.1.0.50');
    expect(state().values.ipv4Gateway).toBe('10.2.0.1');
    expect([...state().edited]).toEqual(['ipv4Start']);
  });

  it('keeps the last proposals while the network is being typed', () => {
    state().setField('ipv4Network', '10.1.');
    expect(state().values.ipv4Gateway).toBe(GOOD.ipv4Gateway);
  });

  it('steps within the mode’s steps and clears a Finish error on any change', () => {
    for (let i = 0; i < 9; i++) state().next();
    expect(state().stepIndex).toBe(4);
    useWizardStore.setState({ finishError: 'start failed' });
    state().back();
    expect(state().stepIndex).toBe(3);
    expect(state().finishError).toBeNull();
    useWizardStore.setState({ finishError: 'start failed' });
    state().setField('name', 'other');
    expect(state().finishError).toBeNull();
    state().setField('mode', 'bridge');
    for (let i = 0; i < 3; i++) state().next();
    expect(state().stepIndex).toBe(1);
  });

  it('starts afresh on reset', () => {
    state().setField('ipv4Start', '10.1.0.50');
    resetWizard();
    expect(state().phase).toBe('loading');
    expect(state().edited.size).toBe(0);
    expect(state().values.name).toBe('');
  });
});
