// @vitest-environment happy-dom
/**
 * The Summary's XML view against the FAKE vnmd: the XML follows the form until it is edited,
 * the edited XML is what Finish defines, Reset to form drops the edits, and XML net-define
 * would refuse blocks Finish with its line. The real vnmd: e2e/specs/create-network-wizard-xml.spec.ts.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { EditorView } from '@codemirror/view';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '@/app/app';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';

let fake: FakeVnmBridge;
beforeEach(() => {
  fake = freshFakeVnm();
});
afterEach(cleanup);

const callsOf = (call: string) => fake.calls.filter((c) => c.call === call).map((c) => c.params);
const wizard = () => screen.getByRole('dialog', { name: 'Create a new virtual network' });
const button = (name: string) => within(wizard()).getByRole<HTMLButtonElement>('button', { name });
const nameField = () => within(wizard()).getByRole<HTMLInputElement>('textbox', { name: 'Name' });

async function openWizard() {
  render(<App />);
  await screen.findByRole('option', { name: 'default' }, { timeout: 10_000 });
  fireEvent.click(screen.getByRole('button', { name: 'Add network' }));
  await waitFor(() => expect(nameField().value).toBe('network'));
}

async function toSummaryXml() {
  while (!within(wizard()).queryByRole('group', { name: 'Summary' })) {
    await waitFor(() => expect(button('Next').disabled).toBe(false));
    fireEvent.click(button('Next'));
  }
  fireEvent.click(button('XML'));
}

function toFirstPage() {
  while (!within(wizard()).queryByRole('group', { name: 'Name and mode' })) fireEvent.click(button('Back'));
}

/** The editor's view; the CodeMirror content is a textbox named by its label. */
async function editor(): Promise<EditorView> {
  const el = await within(wizard()).findByRole('textbox', { name: 'Network XML' }, { timeout: 10_000 });
  const view = EditorView.findFromDOM(el);
  if (!view) throw new Error('no CodeMirror view on the Network XML textbox');
  return view;
}
const xmlText = async () => (await editor()).state.doc.toString();

/** Types into the editor as a person does: a change CodeMirror reports through onChange. */
async function editXml(change: (xml: string) => string) {
  const view = await editor();
  const now = view.state.doc.toString();
  view.dispatch({ changes: { from: 0, to: now.length, insert: change(now) }, userEvent: 'input.type' });
}

describe('The wizard’s XML view', () => {
  it('follows the form until edited, keeps the edits when the form changes, and Reset to form drops them', async () => {
    await openWizard();
    fireEvent.change(nameField(), { target: { value: 'alpha' } });
    await toSummaryXml();
    expect(await xmlText()).toContain('<name>alpha</name>');
    expect(within(wizard()).queryByText(/Finish defines the XML as edited/)).toBeNull();

    toFirstPage();
    fireEvent.change(nameField(), { target: { value: 'beta' } });
    await toSummaryXml();
    expect(await xmlText()).toContain('<name>beta</name>');

    await editXml((x) => x.replace("<forward mode='nat'/>", "<forward mode='route'/>"));
    expect(await within(wizard()).findByText(/Finish defines the XML as edited/)).toBeTruthy();

    toFirstPage();
    fireEvent.change(nameField(), { target: { value: 'gamma' } });
    await toSummaryXml();
    expect(await xmlText()).toContain('<name>beta</name>');
    expect(wizard().textContent).toContain('The form was changed after the XML was edited');

    fireEvent.click(button('Reset to form'));
    await waitFor(async () => expect(await xmlText()).toContain('<name>gamma</name>'));
    expect(await xmlText()).toContain("<forward mode='nat'/>");
    expect(within(wizard()).queryByText(/Finish defines the XML as edited/)).toBeNull();
  });

  it('defines the edited XML, then starts the network the XML names', { timeout: 20_000 }, async () => {
    await openWizard();
    await toSummaryXml();
    await editXml((x) => x.replace('<name>network</name>', '<name>edited</name>'));
    const sent = await xmlText();
    fireEvent.click(button('Finish'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 10_000 });
    expect(callsOf('defineNetwork')).toEqual([{ xml: sent, mustNotExist: true }]);
    expect(callsOf('startNetwork')).toEqual([{ network: 'edited' }]);
    expect(callsOf('setAutostart')).toEqual([{ network: 'edited', autostart: true }]);
  });

  it('blocks Finish on malformed XML, with the message on its line', async () => {
    await openWizard();
    await toSummaryXml();
    await editXml((x) => x.replace('</name>', '</nam>'));
    const alert = await within(wizard()).findByText(/not well-formed|mismatch|nam/i, {
      selector: '.MuiAlert-message',
    });
    expect(alert.textContent).toMatch(/^Line 2: /);
    await waitFor(() => expect(button('Finish').disabled).toBe(true));
    expect(wizard().querySelector('.cm-vnm-error-line')?.textContent).toContain('</nam>');
    fireEvent.submit(button('Finish'));
    expect(callsOf('defineNetwork')).toEqual([]);
  });

  it('shows vnmd’s refusal at Finish on its line and defines nothing', { timeout: 20_000 }, async () => {
    await openWizard();
    await toSummaryXml();
    await editXml((x) => x.replace('<name>network</name>', '<name>default</name>'));
    fireEvent.click(button('Finish'));
    const refusal = await within(wizard()).findByText(/Nothing was defined/, {}, { timeout: 10_000 });
    expect(refusal.textContent).toMatch(/line 2: .*default/);
    expect(wizard().querySelector('.cm-vnm-error-line')?.textContent).toContain('<name>default</name>');
    expect(callsOf('startNetwork')).toEqual([]);
    expect(callsOf('undefineNetwork')).toEqual([]);
  });
});
