/**
 * One export started by a button (a dashboard's or the audit log's Download), followed live over
 * `exportUpdated` and downloaded once when it completes; the export stays in the Exports history.
 */
import { useEffect, useRef, useState } from 'react';
import { useSubscription } from '@apollo/client/react';
import { EXPORT_UPDATED } from './documents';
import { triggerDownload } from './ExportPanel';

export interface FollowedExport { id: string; status: string; fileName?: string | null; downloadUrl?: string | null; progress: { percent?: number | null }; error?: { message: string } | null }

export function useDownloadWhenReady() {
  const [current, setCurrent] = useState<FollowedExport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const downloaded = useRef(new Set<string>());

  useSubscription(EXPORT_UPDATED, {
    variables: { id: current?.id ?? '' },
    skip: !current?.id,
    onData: ({ data }) => {
      const next = data.data?.exportUpdated;
      if (next) setCurrent(next);
    },
    onError: (e) => setError(e),
  });
  useEffect(() => {
    if (current?.status === 'COMPLETED' && current.downloadUrl && !downloaded.current.has(current.id)) {
      downloaded.current.add(current.id);
      triggerDownload(current.downloadUrl, current.fileName);
    }
  }, [current]);

  const busy = current?.status === 'PENDING' || current?.status === 'PROCESSING';
  return { current, follow: setCurrent, error, setError, busy };
}
