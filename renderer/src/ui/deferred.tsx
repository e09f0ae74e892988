/**
 * Parts of the window the network list's first paint does not need (issue 17): each is a
 * chunk of its own, loaded and mounted once the first view is painted (app/first-view.ts);
 * until then it renders nothing.
 */
import { lazy, Suspense } from 'react';
import type { ComponentType } from 'react';
import { useAppStore } from '@/stores/app-store';

/** True from the frame after the network list (or the reason there is none) was first painted. */
export function useFirstViewPainted(): boolean {
  return useAppStore((s) => s.firstViewPainted);
}

/** `load`'s component, in its own chunk, rendered once the first view is painted. */
export function deferred<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  return function Deferred(props: P) {
    const painted = useFirstViewPainted();
    return painted ? (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    ) : null;
  };
}
