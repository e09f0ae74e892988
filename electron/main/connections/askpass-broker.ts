/**
 * Questions ssh asks while connecting (password, passphrase, an unknown host key), queued
 * for the windows: every window shows the oldest one, the first answer wins. Answers pass
 * straight back to ssh and are never kept.
 */
import { randomUUID } from 'node:crypto';
import type { AskpassRequest } from '../../../shared/api/contract';
import { Listeners } from '../backend/listeners';

interface Waiting {
  readonly request: AskpassRequest;
  readonly resolve: (answer: string | null) => void;
}

/** ssh asks for secrets as "user@host's password:" or "Enter passphrase for key '…':"; a host key is a yes/no question. */
export function isSecretPrompt(prompt: string): boolean {
  return !/\(yes\/no/.test(prompt) && /password|passphrase|PIN/i.test(prompt);
}

export class AskpassBroker {
  private readonly waiting: Waiting[] = [];
  private readonly listeners = new Listeners<readonly AskpassRequest[]>();

  /** Resolves with the person's answer, or null when they cancel or the connection is dropped. */
  ask(connection: string, prompt: string): Promise<string | null> {
    return new Promise((resolve) => {
      const request = { id: randomUUID(), connection, prompt, secret: isSecretPrompt(prompt) };
      this.waiting.push({ request, resolve });
      this.changed();
    });
  }

  /** False when that question is no longer waiting (another window answered it). */
  answer(id: string, answer: string | null): boolean {
    const i = this.waiting.findIndex((w) => w.request.id === id);
    if (i < 0) return false;
    const [w] = this.waiting.splice(i, 1);
    w?.resolve(answer);
    this.changed();
    return true;
  }

  /** Cancels what one connection still asks (it was disconnected or removed). */
  cancelFor(connection: string): void {
    for (const w of this.waiting.filter((x) => x.request.connection === connection))
      this.answer(w.request.id, null);
  }

  pending(): readonly AskpassRequest[] {
    return this.waiting.map((w) => w.request);
  }

  onChange(handler: (pending: readonly AskpassRequest[]) => void): () => void {
    return this.listeners.add(handler);
  }

  private changed(): void {
    this.listeners.emit(this.pending());
  }
}
