/** The fields of the Add port forward dialog; each shows its own problem under it. */
import {
  Autocomplete,
  Box,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
  createFilterOptions,
} from '@mui/material';
import type { ForwardProtocol } from '@shared/model/port-forward';
import { FORWARD_PROTOCOLS } from '@shared/model/port-forward';
import { useAppStore } from '@/stores/app-store';
import { useShallow } from 'zustand/react/shallow';
import type { DraftField, ForwardDraft } from './forward-draft';
import type { GuestChoice } from './forward-guests';
import { guestLabel } from './forward-guests';
import { hostAddressChoices } from './forward-host-addresses';
import { PROTOCOL_LABEL } from './forward-text';

export interface ForwardFieldsProps {
  readonly draft: ForwardDraft;
  readonly change: (patch: Partial<ForwardDraft>) => void;
  readonly problem: (field: DraftField) => string | undefined;
  readonly guests: readonly GuestChoice[];
  readonly disabled: boolean;
  /** Offered when the guest holds only a dynamic lease. */
  readonly reserve?: { readonly checked: boolean; readonly set: (v: boolean) => void; readonly name: string };
}

const filterGuests = createFilterOptions<GuestChoice>({ stringify: guestLabel });

export function ForwardFields({ draft, change, problem, guests, disabled, reserve }: ForwardFieldsProps) {
  const interfaces = useAppStore((s) => s.interfaces);
  const bridges = useAppStore(useShallow((s) => s.networks.flatMap((n) => (n.bridge ? [n.bridge] : []))));
  const hostAddresses = hostAddressChoices(interfaces, bridges);
  const text = (field: DraftField, hint: string) => ({
    value: draft[field],
    onChange: (e: { target: { value: string } }) => change({ [field]: e.target.value }),
    error: problem(field) !== undefined,
    helperText: problem(field) ?? hint,
    disabled,
    fullWidth: true,
    size: 'small' as const,
  });

  return (
    <>
      <FormControl disabled={disabled}>
        <FormLabel id="forward-protocol-label">Protocol</FormLabel>
        <RadioGroup
          row
          aria-labelledby="forward-protocol-label"
          value={draft.protocol}
          onChange={(e) => change({ protocol: e.target.value as ForwardProtocol })}
        >
          {FORWARD_PROTOCOLS.map((p) => (
            <FormControlLabel key={p} value={p} control={<Radio />} label={PROTOCOL_LABEL[p]} />
          ))}
        </RadioGroup>
      </FormControl>
      <Stack direction="row" spacing={2}>
        <TextField label="Host port" {...text('hostPort', 'A port, or a range such as 8000-8010.')} />
        {/* A native select: its accessible name is its label alone (MUI's own adds the value). */}
        <TextField
          select
          label="Host address"
          {...text('hostAddress', 'Where the host listens.')}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          <option value="">All addresses</option>
          {hostAddresses.map((a) => (
            <option key={`${a.interface}-${a.address}`} value={a.address}>
              {a.address} ({a.interface})
            </option>
          ))}
        </TextField>
      </Stack>
      <Autocomplete<GuestChoice, false, false, true>
        freeSolo
        options={[...guests]}
        filterOptions={filterGuests}
        getOptionLabel={(o) => (typeof o === 'string' ? o : o.address)}
        inputValue={draft.guestAddress}
        onInputChange={(_e, value) => change({ guestAddress: value })}
        disabled={disabled}
        renderOption={(props, o) => {
          const { key, ...rest } = props as typeof props & { key: string };
          return (
            <Box component="li" key={key} {...rest}>
              <Box>
                <Typography variant="body2">
                  {o.hostname ?? 'unnamed guest'} — {o.address}
                </Typography>
                <Typography variant="caption" color="textSecondary">
                  {[o.mac, o.reserved ? 'static host' : 'DHCP lease'].filter(Boolean).join(' · ')}
                </Typography>
              </Box>
            </Box>
          );
        }}
        renderInput={(params) => (
          <TextField
            {...params}
            label="Guest address"
            size="small"
            error={problem('guestAddress') !== undefined}
            helperText={
              problem('guestAddress') ?? 'Pick a guest from its lease or static host, or type an address.'
            }
          />
        )}
      />
      {reserve ? (
        <FormControlLabel
          control={<Checkbox checked={reserve.checked} onChange={(e) => reserve.set(e.target.checked)} />}
          label={`Reserve this address for ${reserve.name} (adds a static host)`}
          disabled={disabled}
        />
      ) : null}
      <Stack direction="row" spacing={2}>
        <TextField
          label="Guest port"
          placeholder={draft.hostPort.trim() || undefined}
          {...text('guestPort', 'Empty: the same port as on the host.')}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField label="Description" {...text('description', 'Optional, e.g. web server.')} />
      </Stack>
    </>
  );
}
