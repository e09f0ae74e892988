/**
 * DEV-ONLY preview against the FAKE vnmd (src/test/fake-vnm-api.ts), for looking at the
 * UI without a vnmd: `npx vite --config vite.config.ts` then open /dev-preview.html.
 * Not part of the build (vite.config.ts builds index.html only).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBridge } from '@/api/vnm-api';
import { App } from '@/app/app';
import { FakeVnmBridge } from '@/test/fake-vnm-api';

const fake = new FakeVnmBridge();
fake.leases.set('default', [
  {
    network: 'default',
    expiry: Math.round(Date.now() / 1000) + 3000,
    mac: '52:54:00:12:34:50',
    protocol: 'ipv4',
    ipPrefix: '192.168.122.10/24',
    ip: '192.168.122.10',
    hostname: 'guest1',
    clientId: '01:52:54:00:12:34:50',
  },
  {
    network: 'default',
    expiry: Math.round(Date.now() / 1000) + 1200,
    mac: '52:54:00:12:34:51',
    protocol: 'ipv4',
    ipPrefix: '192.168.122.11/24',
    ip: '192.168.122.11',
    hostname: 'guest2',
    clientId: null,
  },
]);
installBridge(fake);
(window as unknown as { fakeVnm: FakeVnmBridge }).fakeVnm = fake;
setInterval(() => fake.pushStats(Date.now()), 1000);

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
