/**
 * The renderer's entry, kept small so it runs at once (issue 17): it sends the first view's
 * calls (api/early-calls.ts), then loads the window. While React and MUI are fetched and
 * evaluated in their own task, the main thread has a moment to open the connection and send
 * the calls, so vnmd's answers are there when the window first renders. The browser shell may
 * have served the list already (app/server-view.ts); the window takes its place once ready.
 */
import { api } from '@/api/vnm-api';
import { sendEarlyCalls } from '@/api/early-calls';
import { removeServerView, watchServerView } from '@/app/server-view';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
sendEarlyCalls(api());
watchServerView();
import('@/app/start-window').then(
  (m) => m.startWindow(root),
  (err: unknown) => {
    removeServerView();
    root.textContent = `vnm could not load its window (${String(err)}); reload the page, or run npm run build again.`;
  },
);
