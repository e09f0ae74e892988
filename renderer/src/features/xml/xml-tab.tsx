/**
 * The XML sub-tab: the network's XML, read-only until Edit. Save checks the XML, defines
 * the network again, and on an error shows the reason and marks its line. It says which
 * definition it shows: a running persistent network has two (running and saved), and a
 * switch picks one.
 */
import { useState } from 'react';
import { Alert, Button, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { toErrorData } from '@shared/rpc/errors';
import { useAppStore } from '@/stores/app-store';
import { useNetworkXml } from '@/stores/use-network-xml';
import { LazyXmlEditor as XmlEditor } from './lazy-xml-editor';
import { lineOf, lineOfQuotedValue, wellFormedProblem } from './xml-errors';
import type { XmlProblem } from './xml-errors';

export function XmlTab({ network }: { readonly network: string }) {
  const summary = useAppStore((s) => s.networks.find((n) => n.name === network));
  const active = summary?.active ?? false;
  const both = active && (summary?.persistent ?? false);
  const [shown, setShown] = useState<'running' | 'saved'>('running');
  const showSaved = !active || (both && shown === 'saved');
  const { xml, error } = useNetworkXml(network, showSaved);
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<XmlProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const connected = useAppStore((s) => s.connection.state === 'connected');

  const startEditing = async () => {
    try {
      // Edits start from the stored definition, as virsh net-edit does.
      setDraft(await useAppStore.getState().readStoredXml(network));
      setProblem(null);
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
      await useAppStore.getState().defineXml(draft);
      setDraft(null);
      setProblem(null);
    } catch (err) {
      const data = toErrorData(err);
      const line =
        lineOf(data.message) ?? lineOf(data.details ?? '') ?? lineOfQuotedValue(draft, data.message);
      setProblem({ message: data.message, line });
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
        <Typography variant="body2" color="text.secondary">
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
      {error ? <Alert severity="error">{toErrorData(error).message}</Alert> : null}
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
