/** How numbers and states read in the window. */
export { formatBitRate, formatBytes } from '@shared/format/units';
export { kindLabel, stateLabel } from '@shared/format/network-labels';

/** Lease expiry: epoch seconds, 0 = never. */
export function formatExpiry(epochSeconds: number, now = Date.now()): string {
  if (epochSeconds === 0) return 'Never';
  const left = Math.round(epochSeconds - now / 1000);
  const date = new Date(epochSeconds * 1000);
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  // Most leases end today or tomorrow: a word is shorter than a date and keeps the column narrow.
  const day =
    date.toDateString() === new Date(now).toDateString()
      ? ''
      : date.toDateString() === tomorrow.toDateString()
        ? 'tomorrow '
        : `${date.toLocaleDateString()} `;
  const when = `${day}${date.toLocaleTimeString()}`;
  if (left <= 0) return `${when} (expired)`;
  const mins = Math.floor(left / 60);
  const rel =
    mins >= 60 ? `${Math.floor(mins / 60)} h ${mins % 60} min` : mins > 0 ? `${mins} min` : `${left} s`;
  return `${when} (in ${rel})`;
}

export function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}
