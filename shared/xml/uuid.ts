/**
 * libvirt's virUUIDParse: 32 hex digits, with '-' or ' ' allowed between digit pairs and
 * blanks around; written back as 8-4-4-4-12 lower case. Undefined when malformed.
 */
export function canonicalUuid(raw: string): string | undefined {
  const body = raw.trim();
  if (!/^[0-9a-fA-F]{2}([- ]*[0-9a-fA-F]{2}){15}$/.test(body)) return undefined;
  const hex = body.replace(/[- ]/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
