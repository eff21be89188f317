import { useEffect, useRef, useState } from 'react';
import { subscribeEvents } from '../../api/events';
import { addLive, eventMatches, rowOfEvent, type LiveRequestEvent, type LogRow, type RequestFilters } from '../../lib/requests';

/** How often arrived events are put on the page: batching keeps a busy gateway from re-rendering per request. */
const FLUSH_MS = 300;

/**
 * The requests that arrive through the live stream while the page is open and match the filters, newest first.
 * While paused they wait (counted in `pending`) and go on top when resumed. New filters start the list afresh.
 */
export function useLiveRows(filters: RequestFilters, paused: boolean) {
  const [rows, setRows] = useState<LogRow[]>([]);
  const [pending, setPending] = useState(0);
  const [connected, setConnected] = useState(false);
  const buffer = useRef<LogRow[]>([]);
  const filtersRef = useRef(filters);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  useEffect(() => {
    filtersRef.current = filters;
    buffer.current = [];
    setRows([]);
    setPending(0);
  }, [filters]);

  useEffect(() => {
    const close = subscribeEvents({
      on: {
        request: (data) => {
          const e = data as LiveRequestEvent;
          if (eventMatches(e, filtersRef.current)) buffer.current.push(rowOfEvent(e));
        },
      },
      onState: setConnected,
    });
    const timer = window.setInterval(() => {
      if (buffer.current.length === 0) return;
      if (pausedRef.current) {
        setPending(buffer.current.length);
        return;
      }
      const incoming = buffer.current;
      buffer.current = [];
      setPending(0);
      setRows((live) => addLive(live, incoming));
    }, FLUSH_MS);
    return () => {
      close();
      window.clearInterval(timer);
    };
  }, []);

  return { rows, pending, connected };
}
