// Deployment health: circuit colours and words, when a state began (from the live health events), and the recent
// error rate from the counters of successive refreshes.
import type { DeploymentHealth } from '../api/requests';

/** A circuit state's colour and words. */
export function circuitLook(circuit: string): { color: string; label: string } {
  switch (circuit) {
    case 'closed': return { color: 'teal', label: 'Closed' };
    case 'open': return { color: 'red', label: 'Open' };
    case 'half_open': return { color: 'yellow', label: 'Half-open' };
    default: return { color: 'gray', label: circuit };
  }
}

/** A `health` event of GET /api/admin/events. */
export interface HealthEvent {
  kind: 'health';
  at: string;
  deployment: string;
  state: string;
  lasting_ms?: number;
}

/** When each deployment's current state began, as far as this page has seen (by deployment id). */
export type Since = Record<string, { state: string; at: string }>;

/** Remembers when a deployment entered a state; a repeat of the same state keeps the first time. */
export function noteHealthEvent(since: Since, e: HealthEvent): Since {
  const known = since[e.deployment];
  if (known && known.state === e.state) return since;
  return { ...since, [e.deployment]: { state: e.state, at: e.at } };
}

/** The counters of one refresh. */
export interface Snapshot {
  at: number;
  counts: Record<string, { successes: number; failures: number }>;
}

/** Keeps the snapshots of the last `windowMs` (and one older, as the window's base). */
export function addSnapshot(history: Snapshot[], deployments: DeploymentHealth[], at: number,
  windowMs = 5 * 60_000): Snapshot[] {
  const counts: Snapshot['counts'] = {};
  for (const d of deployments) counts[d.id] = { successes: d.successes ?? 0, failures: d.failures ?? 0 };
  const next = [...history, { at, counts }];
  while (next.length > 2 && next[1].at <= at - windowMs) next.shift();
  return next;
}

/**
 * The error rate over the snapshots' window: failures over attempts between the oldest snapshot and the newest.
 * When the window saw no attempts (or has one snapshot), the rate since the gateway started, marked as such; null
 * when the deployment has had no attempts at all. A reset (counters going down) restarts from the newest.
 */
export function recentErrorRate(history: Snapshot[], id: string):
    { rate: number; attempts: number; lifetime: boolean } | null {
  if (history.length === 0) return null;
  const last = history[history.length - 1].counts[id];
  if (!last) return null;
  const first = history[0].counts[id];
  if (first && history.length > 1) {
    const ok = last.successes - first.successes;
    const failed = last.failures - first.failures;
    if (ok >= 0 && failed >= 0 && ok + failed > 0) return { rate: failed / (ok + failed), attempts: ok + failed,
      lifetime: false };
  }
  const total = last.successes + last.failures;
  return total > 0 ? { rate: last.failures / total, attempts: total, lifetime: true } : null;
}

/** The deployments in the order the page lists them: open circuits first, then half-open, then by id. */
export function sortDeployments(list: DeploymentHealth[]): DeploymentHealth[] {
  const rank = (c: string) => (c === 'open' ? 0 : c === 'half_open' ? 1 : 2);
  return [...list].sort((a, b) => rank(a.circuit) - rank(b.circuit) || a.id.localeCompare(b.id));
}
