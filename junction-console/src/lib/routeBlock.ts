// A stored route's definition (the JSON form of a YAML routes.<name> block) and the structured form that edits it.
// The form covers what most edits touch (strategy, aliases, groups of deployments with provider, model and weight);
// every other key of the block (retry, fallback, params, timeouts, a deployment's rpm or tags…) is kept as it was,
// so a round trip through the form never loses a setting it does not show.

export const STRATEGIES = ['priority', 'round-robin', 'weighted', 'random', 'least-latency', 'least-busy',
  'least-cost', 'free-tier-first', 'capability-aware', 'failover-demotion'] as const;

export interface DeploymentForm {
  provider: string;
  model: string;
  /** Empty: the default (1). */
  weight: string;
  /** The deployment's other keys (id, rpm, tags, price…), kept as they were. */
  extra: Record<string, unknown>;
}

export interface GroupForm {
  name: string;
  /** A shared group by name (`use:`); then the group has no deployments of its own. */
  use: string;
  deployments: DeploymentForm[];
  extra: Record<string, unknown>;
}

export interface RouteForm {
  /** Empty: the default (priority). */
  strategy: string;
  aliases: string[];
  groups: GroupForm[];
  /** retry, fallback, params, timeouts and any other key of the block. */
  extra: Record<string, unknown>;
  /** The block used the short form (steps); it is written back that way while the form still fits it. */
  steps?: boolean;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function without(object: Json, keys: string[]): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(object)) if (!keys.includes(k)) out[k] = v;
  return out;
}

function deploymentForm(d: unknown): DeploymentForm {
  const o = isObject(d) ? d : {};
  return {
    provider: typeof o.provider === 'string' ? o.provider : '',
    model: typeof o.model === 'string' ? o.model : '',
    weight: o.weight === undefined || o.weight === null ? '' : String(o.weight),
    extra: without(o, ['provider', 'model', 'weight']),
  };
}

/** A block as the form shows it; the short form (`steps`) becomes one group. */
export function blockToForm(block: unknown): RouteForm {
  const b = isObject(block) ? block : {};
  let groups: GroupForm[] = [];
  if (Array.isArray(b.groups)) {
    groups = b.groups.map((g) => {
      const o = isObject(g) ? g : {};
      return {
        name: typeof o.name === 'string' ? o.name : '',
        use: typeof o.use === 'string' ? o.use : '',
        deployments: Array.isArray(o.deployments) ? o.deployments.map(deploymentForm) : [],
        extra: without(o, ['name', 'use', 'deployments']),
      };
    });
  } else if (Array.isArray(b.steps)) {
    groups = [{ name: '', use: '', deployments: b.steps.map(deploymentForm), extra: {} }];
  }
  const steps = !Array.isArray(b.groups) && Array.isArray(b.steps);
  return {
    strategy: typeof b.strategy === 'string' ? b.strategy : '',
    aliases: Array.isArray(b.aliases) ? b.aliases.filter((a): a is string => typeof a === 'string') : [],
    groups,
    extra: without(b, ['strategy', 'aliases', 'groups', 'steps']),
    ...(steps ? { steps: true } : {}),
  };
}

/** Whether a form still fits the short form: one unnamed group of deployments with no weight. */
function fitsSteps(form: RouteForm): boolean {
  const g = form.groups[0];
  return form.groups.length === 1 && !g.name.trim() && !g.use.trim() && Object.keys(g.extra).length === 0
    && g.deployments.every((d) => !d.weight.trim() && Object.keys(d.extra).every((k) => k === 'params'));
}

/**
 * The block a form makes, in the long form (`groups`). A weight that is a whole number is sent as a number; anything
 * else is sent as typed, so the gateway's check (the same as check-config's) names the problem.
 */
export function formToBlock(form: RouteForm): Json {
  const block: Json = {};
  if (form.strategy.trim()) block.strategy = form.strategy.trim();
  const aliases = form.aliases.map((a) => a.trim()).filter(Boolean);
  if (aliases.length) block.aliases = aliases;
  if (form.steps && fitsSteps(form)) {
    block.steps = form.groups[0].deployments.map((d) => ({ provider: d.provider.trim(), model: d.model.trim(),
      ...d.extra }));
    return { ...block, ...form.extra };
  }
  block.groups = form.groups.map((g) => {
    const group: Json = {};
    if (g.name.trim()) group.name = g.name.trim();
    if (g.use.trim()) {
      group.use = g.use.trim();
    } else {
      group.deployments = g.deployments.map((d) => {
        const out: Json = { provider: d.provider.trim(), model: d.model.trim() };
        const w = d.weight.trim();
        if (w) out.weight = /^\d+$/.test(w) ? Number(w) : w;
        return { ...out, ...d.extra };
      });
    }
    return { ...group, ...g.extra };
  });
  return { ...block, ...form.extra };
}

/** The JSON text of a block for the editor, two-space indented. */
export function blockText(block: unknown): string {
  return JSON.stringify(block ?? {}, null, 2);
}

/** Parses the editor's text: the block, or why it is not one (before anything is sent). */
export function parseBlock(text: string): { block: Json } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { error: `Not valid JSON: ${(e as Error).message}` };
  }
  if (!isObject(parsed)) return { error: 'The block must be a JSON object, such as {"groups": […]}.' };
  return { block: parsed };
}

/** An empty route: one group with one deployment to fill in. */
export function emptyForm(): RouteForm {
  return { strategy: '', aliases: [], groups: [{ name: '', use: '', deployments: [
    { provider: '', model: '', weight: '', extra: {} }], extra: {} }], extra: {} };
}
