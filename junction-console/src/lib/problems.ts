// The gateway's validation messages (the same as `junction check-config` prints) placed next to the fields they
// are about. Each message starts with the path of the offending key in the YAML file, then ": " and what is wrong:
//   routes.chat.groups[0].deployments[1].provider: unknown provider 'nope' (configured: …)
// The page knows the entity's own prefix (routes.<name>, providers.<name>), so names with dots still work.

export interface Problem {
  /** The path inside the block, as the form names fields ("groups[0].deployments[1].provider"); "" for the block. */
  field: string;
  /** What is wrong, without the path. */
  message: string;
  /** The message as the gateway worded it, path included (what check-config prints). */
  text: string;
}

/** Splits a message into the field it is about (relative to `prefix`, e.g. "routes.chat") and what is wrong. */
export function parseProblem(text: string, prefix: string): Problem {
  if (text.startsWith(prefix)) {
    const rest = text.slice(prefix.length);
    if (rest.startsWith(': ')) return { field: '', message: rest.slice(2), text };
    if (rest.startsWith('.') || rest.startsWith('[')) {
      const colon = rest.indexOf(': ');
      if (colon > 0) {
        const field = rest.slice(rest.startsWith('.') ? 1 : 0, colon);
        return { field, message: rest.slice(colon + 2), text };
      }
    }
  }
  return { field: '', message: text, text };
}

/**
 * Messages grouped by field, for showing under each input; "" holds those about the block as a whole. The short
 * form's steps[i] is the form's groups[0].deployments[i] (the form shows steps as one group).
 */
export function problemsByField(texts: string[], prefix: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of texts) {
    const p = parseProblem(t, prefix);
    const field = p.field.replace(/^steps\[(\d+)\]/, 'groups[0].deployments[$1]');
    out.set(field, [...(out.get(field) ?? []), p.message]);
  }
  return out;
}

/**
 * The messages for one field of the form and everything under it that the form has no input for:
 * `forField(map, "groups[0].deployments[1]", ["provider", "model", "weight"])` gives the deployment's own problems
 * (an unknown key, a duplicate id) but leaves the provider's, model's and weight's to their inputs.
 */
export function forField(map: Map<string, string[]>, field: string, shownBelow: string[] = []): string[] {
  const out: string[] = [];
  for (const [f, messages] of map) {
    if (f === field) out.push(...messages);
    else if (f.startsWith(`${field}.`) || f.startsWith(`${field}[`)) {
      const rest = f.slice(field.length + (f[field.length] === '.' ? 1 : 0));
      if (!shownBelow.some((s) => rest === s || rest.startsWith(`${s}.`) || rest.startsWith(`${s}[`))) {
        out.push(...messages.map((m) => `${rest}: ${m}`));
      }
    }
  }
  return out;
}

/** The prefix of a route's messages. */
export const routePrefix = (name: string) => `routes.${name}`;
/** The prefix of a provider's messages. */
export const providerPrefix = (name: string) => `providers.${name}`;
