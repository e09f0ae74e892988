/**
 * Sharing expensive host reads between callers, so a storm of read-only requests costs vnmd
 * a bounded number of child processes: callers during a read share it, and its answer serves
 * everyone for `freshMs` more. A failure is not kept: the next caller tries again.
 */
export function throttled<T>(
  read: () => Promise<T>,
  freshMs: number,
  now = () => Date.now(),
): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  let last: { value: T; at: number } | null = null;
  return () => {
    if (last && now() - last.at < freshMs) return Promise.resolve(last.value);
    inFlight ??= read().then(
      (value) => {
        last = { value, at: now() };
        inFlight = null;
        return value;
      },
      (err: unknown) => {
        inFlight = null;
        throw err;
      },
    );
    return inFlight;
  };
}
