/**
 * Static hosts of one <ip>: the addresses DHCP always gives the same guest. IPv4 guests are
 * known by MAC address, IPv6 ones by client id (DUID); both may have a name. Each row's
 * fields are named with the row's number ("Host 2 IP address"), so a screen reader (and
 * the e2e suite) can tell the rows apart.
 */
import { Box, Button, FormHelperText, IconButton, Stack, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import type { IpFamily } from '@shared/model/network';
import type { HostDraft, IpDraft } from './details-draft';
import { newHostKey } from './details-draft';
import type { DraftProblem } from './details-problems';
import { problemText } from './details-problems';

export interface StaticHostsEditorProps {
  readonly family: IpFamily;
  readonly ip: IpDraft;
  readonly change: (patch: Partial<IpDraft>) => void;
  readonly problems: readonly DraftProblem[];
  readonly disabled: boolean;
}

type HostField = Exclude<keyof HostDraft, 'key'>;

export function StaticHostsEditor({ family, ip, change, problems, disabled }: StaticHostsEditorProps) {
  const hosts = ip.hosts;
  const setHost = (key: string, patch: Partial<HostDraft>) =>
    change({ hosts: hosts.map((h) => (h.key === key ? { ...h, ...patch } : h)) });
  const add = () =>
    change({ hosts: [...hosts, { key: newHostKey(hosts), mac: '', id: '', name: '', ip: '' }] });
  const idField: HostField = family === 'ipv4' ? 'mac' : 'id';
  return (
    <Box>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        Static hosts
      </Typography>
      {hosts.length === 0 ? (
        <Typography variant="body2" color="textSecondary" sx={{ mb: 1 }}>
          None: every guest gets an address from the DHCP range.
        </Typography>
      ) : null}
      <Stack spacing={1.5}>
        {hosts.map((h, i) => (
          <HostRow
            key={h.key}
            host={h}
            index={i + 1}
            idField={idField}
            problem={problemText(problems, `${family}.host.${h.key}`)}
            disabled={disabled}
            onChange={(patch) => setHost(h.key, patch)}
            onRemove={() => change({ hosts: hosts.filter((x) => x.key !== h.key) })}
          />
        ))}
      </Stack>
      <Button startIcon={<AddIcon />} onClick={add} disabled={disabled} sx={{ mt: 1 }}>
        Add host
      </Button>
    </Box>
  );
}

interface HostRowProps {
  readonly host: HostDraft;
  readonly index: number;
  readonly idField: HostField;
  readonly problem: string | undefined;
  readonly disabled: boolean;
  readonly onChange: (patch: Partial<HostDraft>) => void;
  readonly onRemove: () => void;
}

const FIELD_LABELS: Record<HostField, string> = {
  mac: 'MAC address',
  id: 'Client ID',
  name: 'Host name',
  ip: 'IP address',
};

function HostRow({ host, index, idField, problem, disabled, onChange, onRemove }: HostRowProps) {
  const helpId = `host-${host.key}-${idField}-problem`;
  const fields: HostField[] = [idField, 'name', 'ip'];
  return (
    <Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        {fields.map((f) => (
          <TextField
            key={f}
            size="small"
            label={FIELD_LABELS[f]}
            value={host[f]}
            onChange={(e) => onChange({ [f]: e.target.value })}
            disabled={disabled}
            error={problem !== undefined}
            slotProps={{
              htmlInput: {
                'aria-label': `Host ${index} ${FIELD_LABELS[f]}`,
                'aria-describedby': problem ? helpId : undefined,
                spellCheck: false,
              },
            }}
            sx={{ flex: f === 'name' ? 1 : 1.3 }}
          />
        ))}
        <IconButton aria-label={`Remove host ${index}`} onClick={onRemove} disabled={disabled} size="small">
          <DeleteOutlineIcon fontSize="small" />
        </IconButton>
      </Stack>
      {problem ? (
        <FormHelperText id={helpId} error sx={{ mx: 1.75 }}>
          {problem}
        </FormHelperText>
      ) : null}
    </Box>
  );
}
