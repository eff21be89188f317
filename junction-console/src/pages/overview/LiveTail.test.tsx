import { MantineProvider } from '@mantine/core';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveTail } from './LiveTail';

/** A stand-in for the browser's EventSource: the test sends the events. */
class FakeSource {
  static CLOSED = 2;
  static last: FakeSource | null = null;
  readonly url: string;
  readyState = 1;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  constructor(url: string) {
    this.url = url;
    FakeSource.last = this;
  }
  addEventListener(kind: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(kind, [...(this.listeners.get(kind) ?? []), fn]);
  }
  close() { this.closed = true; }
  emit(kind: string, data: unknown) {
    for (const fn of this.listeners.get(kind) ?? []) fn(new MessageEvent(kind, { data: JSON.stringify(data) }));
  }
}

const request = (i: number) => ({
  kind: 'request', at: '2026-12-07T10:00:00Z', request_id: `req_${i}`, key_name: `key-${i}`, operation: 'chat',
  endpoint: '/v1/chat/completions', model: 'chat', provider: 'mockai', deployment: 'chat-a', upstream_model: 'm',
  stream: false, status: 200, latency_ms: 10, ttfb_ms: 5, input_tokens: 1, output_tokens: 2, cost_usd: 0.001,
  attempts: 1,
});

/** The callbacks waiting for the next animation frame; `frame()` runs them (the tail renders once per frame). */
let frames: (() => void)[] = [];
function frame() {
  const run = frames;
  frames = [];
  run.forEach((fn) => fn());
}

describe('LiveTail', () => {
  beforeEach(() => {
    vi.stubGlobal('EventSource', FakeSource);
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (fn: () => void) => frames.push(fn));
    vi.stubGlobal('cancelAnimationFrame', () => {});
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows arriving requests newest first, at most 50, and skips them while paused', () => {
    const seen = vi.fn();
    const { unmount } = render(<MantineProvider><LiveTail onRequest={seen} /></MantineProvider>);
    const source = FakeSource.last!;
    expect(source.url).toBe('/api/admin/events');
    act(() => source.onopen?.());
    act(() => { for (let i = 1; i <= 60; i++) source.emit('request', request(i)); });
    expect(frames).toHaveLength(1); // a burst is one render
    act(() => frame());
    const rows = () => document.querySelectorAll('tbody tr[data-request-id]');
    expect(rows()).toHaveLength(50);
    expect(rows()[0].getAttribute('data-request-id')).toBe('req_60');
    expect(seen).toHaveBeenCalledTimes(60);

    fireEvent.click(screen.getByLabelText('Pause live tail'));
    act(() => { source.emit('request', request(61)); frame(); });
    expect(rows()[0].getAttribute('data-request-id')).toBe('req_60');
    expect(screen.getByText('1 skipped while paused')).toBeInTheDocument();
    expect(screen.getByTestId('tail-status')).toHaveTextContent('paused');

    fireEvent.click(screen.getByLabelText('Pause live tail'));
    act(() => { source.emit('request', request(62)); frame(); });
    expect(rows()[0].getAttribute('data-request-id')).toBe('req_62');

    act(() => source.emit('lost', { dropped: 7 }));
    expect(screen.getByText(/7 lost/)).toBeInTheDocument();
    unmount();
    expect(source.closed).toBe(true);
  }, 20_000); // fifty Mantine rows take a few seconds in jsdom on a busy machine

  it('offers to reconnect when the stream is refused', () => {
    render(<MantineProvider><LiveTail /></MantineProvider>);
    const first = FakeSource.last!;
    act(() => { first.readyState = 2; first.onerror?.(); });
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect' }));
    expect(first.closed).toBe(true);
    expect(FakeSource.last).not.toBe(first);
  });
});
