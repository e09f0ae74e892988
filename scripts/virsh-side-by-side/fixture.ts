/** libvirt-9.0.json: what virsh printed for each step of the plan, normalised (record.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Outcome } from './normalise';

export const FIXTURE = join(import.meta.dirname, 'libvirt-9.0.json');

export interface Fixture {
  /** virsh --version of the recording. */
  readonly virsh: string;
  readonly recorded: string;
  readonly outcomes: Readonly<Record<string, Outcome>>;
}

export function readFixture(): Fixture {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;
}
