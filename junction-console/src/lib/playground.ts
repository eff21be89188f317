// The playground's request: parameters, tools (JSON schemas) and images checked as the user types, and the OpenAI
// Chat Completions body built from them for POST /api/admin/playground/chat/completions.

/** What the user picked: a route (public model), or one deployment of it. */
export interface Target { route: string; deployment?: string }

/** Targets travel through a Select as "route" or "route#deployment". */
export function targetValue(t: Target): string {
  return t.deployment ? `${t.route}#${t.deployment}` : t.route;
}

export function parseTarget(value: string): Target {
  const [route, deployment] = value.split('#');
  return deployment ? { route, deployment } : { route };
}

export function targetLabel(t: Target): string {
  return t.deployment ? `${t.route} → ${t.deployment}` : t.route;
}

/** The sampling parameters as typed (empty means "the model's default"). */
export interface ParamsDraft { temperature: string; maxTokens: string; topP: string; stop: string }

export const DEFAULT_PARAMS: ParamsDraft = { temperature: '', maxTokens: '256', topP: '', stop: '' };

export interface Params { temperature?: number; max_tokens?: number; top_p?: number; stop?: string[] }

/** The parameters and a message per field that is wrong. */
export function readParams(draft: ParamsDraft): { params: Params; errors: Partial<Record<keyof ParamsDraft, string>> } {
  const params: Params = {};
  const errors: Partial<Record<keyof ParamsDraft, string>> = {};
  const number = (field: keyof ParamsDraft, min: number, max: number, integer: boolean) => {
    const text = draft[field].trim();
    if (!text) return undefined;
    const n = Number(text);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
      errors[field] = integer ? `A whole number from ${min} to ${max}.` : `A number from ${min} to ${max}.`;
      return undefined;
    }
    return n;
  };
  const temperature = number('temperature', 0, 2, false);
  if (temperature !== undefined) params.temperature = temperature;
  const maxTokens = number('maxTokens', 1, 1_000_000, true);
  if (maxTokens !== undefined) params.max_tokens = maxTokens;
  const topP = number('topP', 0, 1, false);
  if (topP !== undefined) params.top_p = topP;
  // One stop sequence per line (a sequence may contain commas); OpenAI takes up to four.
  const stop = draft.stop.split('\n').map((s) => s.replace(/\r$/, '')).filter((s) => s.length > 0);
  if (stop.length > 4) errors.stop = 'At most 4 stop sequences (one per line).';
  else if (stop.length > 0) params.stop = stop;
  return { params, errors };
}

/** A tool as edited: its name, description and parameters' JSON schema as text. */
export interface ToolDraft { name: string; description: string; schema: string }

export const TOOL_TEMPLATE: ToolDraft = {
  name: 'get_weather',
  description: 'The current weather in a city.',
  schema: JSON.stringify({ type: 'object', properties: { city: { type: 'string', description: 'The city' } },
    required: ['city'] }, null, 2),
};

export interface ChatTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const SCHEMA_TYPES = ['object', 'string', 'number', 'integer', 'boolean', 'array', 'null'];

/** What is wrong with a tool, in words; empty when it can be sent. */
export function toolProblems(tool: ToolDraft): string[] {
  const problems: string[] = [];
  if (!TOOL_NAME.test(tool.name)) {
    problems.push('The name must be 1 to 64 letters, digits, "_" or "-".');
  }
  let schema: unknown;
  try {
    schema = JSON.parse(tool.schema);
  } catch (e) {
    problems.push(`The schema is not valid JSON: ${(e as Error).message}`);
    return problems;
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    problems.push('The schema must be a JSON object.');
    return problems;
  }
  const s = schema as { type?: unknown; properties?: unknown; required?: unknown };
  if (s.type !== 'object') problems.push('The schema\'s "type" must be "object" (a tool takes named arguments).');
  if (s.properties !== undefined) {
    if (typeof s.properties !== 'object' || s.properties === null || Array.isArray(s.properties)) {
      problems.push('"properties" must be an object of property schemas.');
    } else {
      for (const [name, prop] of Object.entries(s.properties as Record<string, unknown>)) {
        const type = (prop as { type?: unknown } | null)?.type;
        if (typeof prop !== 'object' || prop === null) problems.push(`Property "${name}" must be a schema object.`);
        else if (type !== undefined && !(typeof type === 'string' && SCHEMA_TYPES.includes(type))
            && !Array.isArray(type)) {
          problems.push(`Property "${name}" has an unknown type ${JSON.stringify(type)}.`);
        }
      }
    }
  }
  if (s.required !== undefined) {
    if (!Array.isArray(s.required) || s.required.some((r) => typeof r !== 'string')) {
      problems.push('"required" must be a list of property names.');
    } else {
      const known = typeof s.properties === 'object' && s.properties ? Object.keys(s.properties) : [];
      for (const r of s.required as string[]) {
        if (!known.includes(r)) problems.push(`"required" names "${r}", which is not in "properties".`);
      }
    }
  }
  return problems;
}

/** The tool in the request's shape; call only when it has no problems. */
export function chatTool(tool: ToolDraft): ChatTool {
  return { type: 'function', function: { name: tool.name, ...(tool.description ? { description: tool.description }
    : {}), parameters: JSON.parse(tool.schema) as Record<string, unknown> } };
}

/** An image for the user's message: a URL, or a file read as a data URL. */
export interface ImageInput { url: string; name: string }

/** Whether the text is an image URL the request may carry (http(s) or a data URL of an image). */
export function imageUrlProblem(url: string): string | null {
  if (/^data:image\/[a-z0-9.+-]+;base64,/i.test(url)) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? null : 'Use an http(s) URL.';
  } catch {
    return 'Not a URL.';
  }
}

export type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | ContentPart[] | null;
  tool_calls?: unknown[];
}

/** The user's turn: plain text, or text and image parts when there are images. */
export function userMessage(text: string, images: ImageInput[]): ChatMessage {
  if (images.length === 0) return { role: 'user', content: text };
  const parts: ContentPart[] = [];
  if (text) parts.push({ type: 'text', text });
  for (const image of images) parts.push({ type: 'image_url', image_url: { url: image.url } });
  return { role: 'user', content: parts };
}

export interface ChatBodyInput {
  target: Target;
  system: string;
  history: ChatMessage[];
  params: Params;
  tools: ChatTool[];
  stream: boolean;
}

/** The Chat Completions body for the playground endpoint (usage asked for in streams, for tokens and cost). */
export function chatBody(input: ChatBodyInput): Record<string, unknown> {
  const messages: ChatMessage[] = [];
  if (input.system.trim()) messages.push({ role: 'system', content: input.system });
  messages.push(...input.history);
  const body: Record<string, unknown> = { model: input.target.route, messages, ...input.params };
  if (input.tools.length > 0) body.tools = input.tools;
  if (input.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  if (input.target.deployment) body.junction_deployment = input.target.deployment;
  return body;
}
