// @vitest-environment happy-dom
/**
 * Define from XML against the FAKE vnmd (src/test/fake-vnm-api.ts): a file is read into the
 * editor, checked before anything is sent, defined with mustNotExist, selected and confirmed.
 * The real vnmd is driven by e2e/specs/define-from-xml.spec.ts.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '@/app/app';
import type { FakeVnmBridge } from '@/test/fake-vnm-api';
import { freshFakeVnm } from '@/test/fresh-fake-vnm';
import { closeDefineFromXml } from '@/stores/define-xml-store';

let fake: FakeVnmBridge;
beforeEach(() => {
  fake = freshFakeVnm();
  closeDefineFromXml();
});
afterEach(cleanup);

const XML =
  "<network>\n  <name>imported</name>\n  <forward mode='nat'/>\n  <ip address='10.66.0.1' prefix='24'/>\n</network>\n";
const dialog = () => screen.getByRole('dialog', { name: 'Define from XML' });

async function openWithFile(text: string) {
  render(<App />);
  await screen.findByRole('option', { name: 'default' }, { timeout: 10_000 });
  fireEvent.click(screen.getByRole('button', { name: 'Define from XML…' }));
  // The dialogs are a chunk loaded after the list is painted: wait for it.
  const input = within(
    await screen.findByRole('dialog', { name: 'Define from XML' }),
  ).getByLabelText<HTMLInputElement>('Network XML file');
  fireEvent.change(input, { target: { files: [new File([text], 'net.xml', { type: 'text/xml' })] } });
  await within(dialog()).findByText(/Read from net\.xml/);
}

describe('Define from XML', () => {
  it('defines a valid file as a new network, selects it and confirms', async () => {
    await openWithFile(XML);
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Define' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Define from XML' })).toBeNull());
    expect(fake.calls.filter((c) => c.call === 'defineNetwork').map((c) => c.params)).toEqual([
      { xml: XML, mustNotExist: true },
    ]);
    await waitFor(() =>
      expect(screen.getByRole('option', { name: 'imported' }).getAttribute('aria-selected')).toBe('true'),
    );
    expect(await screen.findByText('Network imported defined from XML.')).toBeTruthy();
  });

  it('shows a malformed file’s problem with its line and sends nothing', async () => {
    await openWithFile(XML.replace('</name>', '</nam>'));
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Define' }));
    expect((await within(dialog()).findByText(/Nothing was defined/)).textContent).toMatch(/Line 2: /);
    expect(fake.calls.some((c) => c.call === 'defineNetwork')).toBe(false);
  });

  // Issue 20 item 9: a file over vnmd's 2 MiB request limit made net-define wait forever.
  // The window refuses it before sending: the dialog says why, and the call never starts.
  it(
    'refuses a 3 MiB file at once, saying it is too large, and sends nothing',
    { timeout: 20_000 },
    async () => {
      const big = XML.replace('</network>', `<!-- ${'x'.repeat(3 * 1024 * 1024)} -->\n</network>`);
      await openWithFile(big);
      fireEvent.click(within(dialog()).getByRole('button', { name: 'Define' }));
      expect((await within(dialog()).findByText(/Nothing was defined/)).textContent).toMatch(
        /larger than 1048576 bytes/,
      );
      expect(fake.calls.some((c) => c.call === 'defineNetwork')).toBe(false);
      expect(within(dialog()).getByRole('button', { name: 'Define' })).toBeTruthy();
    },
  );

  it(
    'shows vnmd’s refusal of a name that exists, leaving that network alone',
    { timeout: 20_000 },
    async () => {
      await openWithFile(XML.replace('imported', 'default'));
      fireEvent.click(within(dialog()).getByRole('button', { name: 'Define' }));
      expect((await within(dialog()).findByText(/Nothing was defined/)).textContent).toMatch(
        /already exists/,
      );
      expect(screen.getByRole('dialog', { name: 'Define from XML' })).toBeTruthy();
    },
  );
});
