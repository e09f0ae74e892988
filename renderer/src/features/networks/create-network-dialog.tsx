/**
 * Add network: defines a network from libvirt XML, prefilled with a proposal that works
 * on this host. The step-by-step wizard (issue 7) will take this dialog's place.
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import { toErrorData } from '../../../../shared/rpc/errors';
import { api } from '../../lib/api';
import { useAppStore } from '../../stores/app-store';
import { LazyXmlEditor as XmlEditor } from '../xml/lazy-xml-editor';
import { proposalXml, proposeName } from './proposal';

export function CreateNetworkDialog() {
  const open = useAppStore((s) => s.createOpen);
  const setOpen = useAppStore((s) => s.setCreateOpen);
  const [xml, setXml] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    const names = useAppStore.getState().networks.map((n) => n.name);
    api()
      .proposeSubnet({})
      .then(
        (p) => setXml(proposalXml(proposeName(names), p.subnet)),
        (err: unknown) => setError(toErrorData(err).message),
      );
  }, [open]);

  const close = () => {
    setOpen(false);
    setError(null);
  };

  const finish = async () => {
    setSaving(true);
    try {
      const name = await useAppStore.getState().defineXml(xml);
      close();
      useAppStore.getState().navigate({ kind: 'select', network: name });
    } catch (err) {
      setError(toErrorData(err).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} maxWidth="md" fullWidth aria-labelledby="create-title">
      <DialogTitle id="create-title">Create a new virtual network</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>
          The network’s libvirt XML. The proposal uses a subnet that is free on this host; change what you
          need.
        </DialogContentText>
        <XmlEditor value={xml} onChange={setXml} editable label="Network XML" height="280px" />
        {error ? (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button variant="contained" onClick={() => void finish()} disabled={saving || !xml.trim()}>
          Finish
        </Button>
      </DialogActions>
    </Dialog>
  );
}
