// @vitest-environment happy-dom
/** When the parts the list's first paint does not need may load (issue 17, first-view.ts). */
import { beforeEach, describe, expect, it } from 'vitest';
import { resetAppStore, useAppStore } from '@/stores/app-store';
import { firstViewReady } from './first-view';

const ready = () => firstViewReady(useAppStore.getState());

beforeEach(resetAppStore);

describe('the first view', () => {
  it('is not ready before the main process has said how the connection stands', () => {
    expect(ready()).toBe(false);
  });

  it('waits for the list while connected, and is ready once it is there', () => {
    useAppStore.getState().setConnection({ state: 'connected', uri: 'unix:/fake' });
    expect(ready()).toBe(false);
    useAppStore.setState({ networksLoaded: true });
    expect(ready()).toBe(true);
  });

  it('is ready when the list failed: the error dialog must be able to show', () => {
    useAppStore.getState().setConnection({ state: 'connected', uri: 'unix:/fake' });
    useAppStore.getState().showError('Could not list the virtual networks', new Error('boom'));
    expect(ready()).toBe(true);
  });

  it('is ready when vnmd is not up: there is no list to wait for', () => {
    useAppStore.getState().setConnection({ state: 'connecting', uri: 'unix:/fake', reason: 'refused' });
    expect(ready()).toBe(true);
  });
});
