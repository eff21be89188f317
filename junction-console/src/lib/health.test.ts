import { describe, expect, it } from 'vitest';
import { addSnapshot, circuitLook, noteHealthEvent, recentErrorRate, sortDeployments } from './health';
import type { DeploymentHealth } from '../api/requests';

const dep = (id: string, circuit: string, successes = 0, failures = 0): DeploymentHealth =>
  ({ id, circuit, routes: [], successes, failures });

describe('health', () => {
  it('colours and names the circuit states', () => {
    expect(circuitLook('open')).toEqual({ color: 'red', label: 'Open' });
    expect(circuitLook('half_open').label).toBe('Half-open');
    expect(circuitLook('closed').color).toBe('teal');
  });

  it('remembers when a state began and keeps the first time of a repeat', () => {
    let since = noteHealthEvent({}, { kind: 'health', at: 't1', deployment: 'd', state: 'open' });
    since = noteHealthEvent(since, { kind: 'health', at: 't2', deployment: 'd', state: 'open' });
    expect(since.d).toEqual({ state: 'open', at: 't1' });
    expect(noteHealthEvent(since, { kind: 'health', at: 't3', deployment: 'd', state: 'closed' }).d.at).toBe('t3');
  });

  it('computes the error rate over the window, else since start', () => {
    let h = addSnapshot([], [dep('d', 'closed', 10, 10)], 0);
    expect(recentErrorRate(h, 'd')).toEqual({ rate: 0.5, attempts: 20, lifetime: true });
    h = addSnapshot(h, [dep('d', 'closed', 13, 11)], 1000);
    expect(recentErrorRate(h, 'd')).toEqual({ rate: 0.25, attempts: 4, lifetime: false });
    expect(recentErrorRate(addSnapshot([], [dep('e', 'closed')], 0), 'e')).toBeNull();
  });

  it('drops snapshots older than the window but keeps a base', () => {
    let h = addSnapshot([], [dep('d', 'closed')], 0, 100);
    h = addSnapshot(h, [dep('d', 'closed')], 50, 100);
    h = addSnapshot(h, [dep('d', 'closed')], 200, 100);
    h = addSnapshot(h, [dep('d', 'closed')], 260, 100);
    // The newest snapshot older than the window stays as its base.
    expect(h.map((s) => s.at)).toEqual([50, 200, 260]);
    h = addSnapshot(h, [dep('d', 'closed')], 400, 100);
    expect(h.map((s) => s.at)).toEqual([260, 400]);
  });

  it('lists open circuits first', () => {
    expect(sortDeployments([dep('a', 'closed'), dep('b', 'open'), dep('c', 'half_open')]).map((d) => d.id))
      .toEqual(['b', 'c', 'a']);
  });
});
