/**
 * Whether "Define from XML…" is open. Its own tiny store, beside the app store, because
 * only the toolbar, the menu command and the shortcut open it and only the dialog reads it.
 */
import { create } from 'zustand';

interface DefineXmlState {
  readonly open: boolean;
}

export const useDefineXmlStore = create<DefineXmlState>()(() => ({ open: false }));

export function openDefineFromXml(): void {
  useDefineXmlStore.setState({ open: true });
}

export function closeDefineFromXml(): void {
  useDefineXmlStore.setState({ open: false });
}
