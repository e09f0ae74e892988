/** Handlers of one kind of news: `add` returns the function that removes the handler. */
export class Listeners<T> {
  private readonly handlers = new Set<(value: T) => void>();

  add(handler: (value: T) => void): () => void {
    this.handlers.add(handler);
    return () => void this.handlers.delete(handler);
  }

  /** Calls each handler; over a copy, so that a handler may remove itself. */
  emit(value: T): void {
    for (const h of [...this.handlers]) h(value);
  }
}
