/** The XML editor, loaded when first shown: CodeMirror is not needed to paint the window. */
import { lazy, Suspense } from 'react';
import { Skeleton } from '@mui/material';
import type { XmlEditorProps } from './xml-editor';

const XmlEditor = lazy(() => import('./xml-editor').then((m) => ({ default: m.XmlEditor })));

export function LazyXmlEditor(props: XmlEditorProps) {
  return (
    <Suspense fallback={<Skeleton variant="rectangular" height={props.height ?? '420px'} />}>
      <XmlEditor {...props} />
    </Suspense>
  );
}
