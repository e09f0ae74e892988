/**
 * The XML sub-tab: the network's XML, read-only until Edit. Save checks the XML, defines
 * the network again, and on an error shows the reason and marks its line. It says which
 * definition it shows: a running persistent network has two (running and saved), and a
 * switch picks one. After Save it names any element vnmd did not keep (libvirt drops unknown
 * elements silently).
 */
import { useState } from 'react';
import { Alert, Button, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { toErrorData } from '@shared/rpc/errors';
import { useAppStore } from '@/stores/app-store';
import { useNetworkXml } from '@/stores/use-network-xml';
import { LazyXmlEditor as XmlEditor } from './lazy-xml-editor';
import { droppedElements } from './dropped-elements';
import { errorLine } from './error-line';
import { wellFormedProblem } from './xml-errors';
import type { XmlProblem } from './xml-errors';
import { parseNetworkXml } from '@shared/xml';
import { DnsmasqOptionsNotice } from '@/features/network-details/dnsmasq-options-notice';

/** The <dnsmasq:options> of the XML shown, when it reads as a network. */
function dnsmasqOptionsOf(xml: string | null): readonly string[] | undefined {
  if (!xml) return undefined;
  const parsed = parseNetworkXml(xml);
  return parsed.ok ? parsed.def.dnsmasqOptions : undefined;
}

/** What the stored definition of `name` lacks of `edited`; nothing when it cannot be read. */
async function notKept(name: string, edited: string): Promise<string[]> {
  try {
    return droppedElements(edited, await useAppStore.getState().readStoredXml(name));
  } catch {
    return [];
  }
}

export function XmlTab({ network }: { readonly network: string }) {
  const summary = useAppStore((s) => s.networks.find((n) => n.name === network));
  const active = summary?.active ?? false;
  const both = active && (summary?.persistent ?? false);
  const [shown, setShown] = useState<'running' | 'saved'>('running');
  const showSaved = !active || (both && shown === 'saved');
  const { xml, error } = useNetworkXml(network, showSaved);
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<XmlProblem | null>(null);
  const [dropped, setDropped] = useState<readonly string[]>([]);
  const [saving, setSaving] = useState(false);
  const connected = useAppStore((s) => s.connection.state === 'connected');

  const startEditing = async () => {
    try {
      // Edits start from the stored definition, as virsh net-edit does.
      setDraft(await useAppStore.getState().readStoredXml(network));
      setProblem(null);
      setDropped([]);
    } catch (err) {
      useAppStore.getState().showError(`Could not read the definition of ${network}`, err);
    }
  };

  const save = async () => {
    if (draft === null) return;
    const local = wellFormedProblem(draft);
    if (local) return setProblem(local);
    setSaving(true);
    try {
      const saved = await useAppStore.getState().defineXml(draft);
      setDraft(null);
      setProblem(null);
      setDropped(await notKept(saved, draft));
    } catch (err) {
      const data = toErrorData(err);
      setProblem({ message: data.message, line: errorLine(draft, data.message, data.details) });
    } finally {
      setSaving(false);
    }
  };

  const editing = draft !== null;
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        {editing ? (
          <>
            <Button variant="contained" onClick={() => void save()} disabled={saving || !connected}>
              Save
            </Button>
            <Button onClick={() => (setDraft(null), setProblem(null))}>Cancel</Button>
          </>
        ) : (
          <Button variant="outlined" onClick={() => void startEditing()} disabled={!xml}>
            Edit
          </Button>
        )}
        <Typography variant="body2" color="textSecondary">
          {editing && !connected
            ? 'vnmd is not connected: your edit is kept, and Save works again when it is back.'
            : editing
              ? active
                ? 'Editing the saved definition; changes take effect the next time the network starts.'
                : 'Editing the saved definition.'
              : `Showing the ${showSaved ? 'saved' : 'running'} definition, read-only. Press Edit to change the saved one.`}
        </Typography>
        {both && !editing ? (
          <ToggleButtonGroup
            size="small"
            exclusive
            value={shown}
            onChange={(_e, v: 'running' | 'saved' | null) => v && setShown(v)}
            aria-label="Definition shown"
            sx={{ ml: 'auto' }}
          >
            <ToggleButton value="running">Running</ToggleButton>
            <ToggleButton value="saved">Saved</ToggleButton>
          </ToggleButtonGroup>
        ) : null}
      </Stack>
      {problem ? (
        <Alert severity="error">
          {problem.line ? `Line ${problem.line}: ` : ''}
          {problem.message}
        </Alert>
      ) : null}
      {dropped.length > 0 && !editing ? (
        <Alert severity="warning" onClose={() => setDropped([])}>
          Saved, but the stored definition has no {dropped.join(', ')}: vnmd, like libvirt, leaves out
          elements it does not know there (and empty ones). Check the spelling and where each sits.
        </Alert>
      ) : null}
      {error ? <Alert severity="error">{toErrorData(error).message}</Alert> : null}
      {!editing ? <DnsmasqOptionsNotice options={dnsmasqOptionsOf(xml)} /> : null}
      <XmlEditor
        value={editing ? draft : (xml ?? '')}
        onChange={editing ? setDraft : undefined}
        editable={editing}
        label={editing ? 'Network XML (editing)' : 'Network XML'}
        errorLine={problem?.line}
      />
    </Stack>
  );
}
