import type { SplitPreview, SplitPreviewBody } from '@zuzhang/api-schema';
import { useEffect, useRef, useState } from 'react';
import { targetsApi } from './targets-api.ts';

export interface PreviewState {
  preview: SplitPreview | undefined;
  error: unknown;
  /** A request is waiting (typing pause) or on its way. */
  pending: boolean;
}

/**
 * Previews a split as the user types (issue 4 item 9): waits for a pause in typing, then asks
 * POST /api/v1/targets/split. Answers can come back out of order; only the answer to the latest request is
 * shown, so the parts never belong to inputs the user has already changed.
 */
export function useSplitPreview(body: SplitPreviewBody | null, delay = 300): PreviewState {
  const key = body === null ? null : JSON.stringify(body);
  const latest = useRef(0);
  const [state, setState] = useState<PreviewState>({ preview: undefined, error: undefined, pending: false });

  useEffect(() => {
    const request = ++latest.current;
    if (key === null) {
      setState({ preview: undefined, error: undefined, pending: false });
      return;
    }
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      targetsApi.previewSplit(JSON.parse(key) as SplitPreviewBody).then(
        (preview) => {
          if (request === latest.current) setState({ preview, error: undefined, pending: false });
        },
        (error: unknown) => {
          if (request === latest.current) setState({ preview: undefined, error, pending: false });
        },
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [key, delay]);

  return state;
}
