import { useCallback, useEffect, useRef, useState } from 'react';

export interface ApiData<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again with the same arguments (after a save, or from an error state's retry button). */
  reload: () => void;
  /** Replaces the loaded value locally, e.g. with the record a save returned. */
  setData: (data: T) => void;
}

/**
 * Loads data with plain fetch. `key` identifies the request: when it changes, the previous request is
 * aborted and a new one starts. `load` may be an inline closure; the latest one is used.
 */
export function useApi<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): ApiData<T> {
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<{
    key: string | null;
    data: T | undefined;
    error: unknown;
    loading: boolean;
  }>({ key: null, data: undefined, error: undefined, loading: key !== null });

  useEffect(() => {
    if (key === null) return;
    const ctrl = new AbortController();
    setState((s) => ({ ...s, key, loading: true, error: undefined }));
    loadRef.current(ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) setState({ key, data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!ctrl.signal.aborted) setState((s) => ({ ...s, key, error, loading: false }));
      },
    );
    return () => ctrl.abort();
  }, [key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const setData = useCallback((data: T) => setState((s) => ({ ...s, data, error: undefined })), []);
  return { data: state.data, error: state.error, loading: state.loading, reload, setData };
}
