/**
 * One address family of a network: whether it has one, the host's address and prefix (so
 * the network), DHCP and its range, and the static hosts. A section of its own (a region
 * named by its heading), so its fields keep short labels.
 */
import { useId } from 'react';
import { Box, Checkbox, FormControlLabel, FormHelperText, Stack, TextField, Typography } from '@mui/material';
import type { IpFamily } from '@shared/model/network';
import { formatCidr, networkAddress, parseCidr, prefixToNetmask } from '@shared/net/subnet';
import type { IpDraft } from './details-draft';
import { problemText } from './details-problems';
import type { SectionProps } from './section-props';
import { StaticHostsEditor } from './static-hosts-editor';

const LABEL = { ipv4: 'IPv4', ipv6: 'IPv6' } as const;

/** "Network 10.77.0.0/24" from the gateway and prefix, when they make one. */
function networkText(d: IpDraft): string | undefined {
  const cidr = parseCidr(`${d.address.trim()}/${d.prefix.trim()}`);
  return cidr ? `Network ${formatCidr({ ...cidr, address: networkAddress(cidr) })}` : undefined;
}

function prefixHelp(family: IpFamily, prefix: string): string {
  if (family === 'ipv6') return 'Usually 64.';
  const n = Number(prefix);
  return /^\d+$/.test(prefix.trim()) && n <= 32 ? `Netmask ${prefixToNetmask(n)}` : 'Such as 24.';
}

export function IpEditor({ family, ...section }: SectionProps & { readonly family: IpFamily }) {
  const headingId = useId();
  const { values, disabled, edit } = section;
  const ip = values[family];
  const change = (patch: Partial<IpDraft>) => edit({ [family]: { ...ip, ...patch } });
  const title = `${LABEL[family]} configuration`;
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Typography variant="h6" component="h2" id={headingId}>
        {title}
      </Typography>
      <FormControlLabel
        control={<Checkbox checked={ip.enabled} onChange={(e) => change({ enabled: e.target.checked })} />}
        label={`Enable ${LABEL[family]}`}
        disabled={disabled}
      />
      {ip.enabled ? <IpFields family={family} ip={ip} change={change} {...section} /> : null}
    </Box>
  );
}

interface FieldsProps extends SectionProps {
  readonly family: IpFamily;
  readonly ip: IpDraft;
  readonly change: (patch: Partial<IpDraft>) => void;
}

function IpFields({ family, ip, change, problems, disabled }: FieldsProps) {
  const addressProblem = problemText(problems, `${family}.address`);
  const rangeProblem = problemText(problems, `${family}.range`);
  const dhcpLabel = family === 'ipv4' ? 'Enable DHCPv4' : 'Enable DHCPv6';
  return (
    <Stack spacing={1.5} sx={{ pl: 4 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label="Gateway"
          value={ip.address}
          onChange={(e) => change({ address: e.target.value })}
          disabled={disabled}
          error={addressProblem !== undefined}
          helperText={addressProblem ?? `The host’s address on the network. ${networkText(ip) ?? ''}`}
          slotProps={{ htmlInput: { spellCheck: false } }}
          sx={{ flex: 2 }}
        />
        <TextField
          label="Prefix length"
          value={ip.prefix}
          onChange={(e) => change({ prefix: e.target.value })}
          disabled={disabled}
          error={addressProblem !== undefined}
          helperText={prefixHelp(family, ip.prefix)}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          sx={{ flex: 1 }}
        />
      </Stack>
      <FormControlLabel
        control={<Checkbox checked={ip.dhcp} onChange={(e) => change({ dhcp: e.target.checked })} />}
        label={dhcpLabel}
        disabled={disabled}
      />
      {ip.dhcp ? (
        <DhcpRangeFields ip={ip} change={change} problem={rangeProblem} disabled={disabled} />
      ) : null}
      <StaticHostsEditor family={family} ip={ip} change={change} problems={problems} disabled={disabled} />
    </Stack>
  );
}

interface RangeProps {
  readonly ip: IpDraft;
  readonly change: (patch: Partial<IpDraft>) => void;
  readonly problem: string | undefined;
  readonly disabled: boolean;
}

/** Start and end, with one line under both: the range's problem, or what it is for. */
function DhcpRangeFields({ ip, change, problem, disabled }: RangeProps) {
  const helpId = useId();
  return (
    <Box>
      <Stack direction="row" spacing={2}>
        {(['dhcpStart', 'dhcpEnd'] as const).map((key) => (
          <TextField
            key={key}
            label={key === 'dhcpStart' ? 'DHCP start' : 'DHCP end'}
            value={ip[key]}
            onChange={(e) => change({ [key]: e.target.value })}
            disabled={disabled}
            error={problem !== undefined}
            slotProps={{ htmlInput: { spellCheck: false, 'aria-describedby': helpId } }}
            sx={{ flex: 1 }}
          />
        ))}
      </Stack>
      <FormHelperText id={helpId} error={problem !== undefined} sx={{ mx: 1.75 }}>
        {problem ?? 'Addresses handed out to guests, inside the network.'}
      </FormHelperText>
    </Box>
  );
}
