/** Renders the window into #root; main.tsx loads this once the first view's calls are sent. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

export function startWindow(root: HTMLElement): void {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
