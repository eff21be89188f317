// Pieces shared by the Configure pages (providers, routes): where an entity comes from, and validation messages.
import { Badge, List, Text, Tooltip } from '@mantine/core';
import type { Source } from '../../api/configure';

const SOURCE: Record<Source, { label: string; color: string; hint: string }> = {
  file: { label: 'config file', color: 'gray', hint: 'Declared in the YAML configuration file: read-only here; edit the file.' },
  env: { label: 'environment', color: 'grape', hint: 'Enabled by environment variables: read-only here.' },
  builtin: { label: 'built in', color: 'teal', hint: 'Built into the gateway: read-only.' },
  store: { label: 'stored', color: 'blue', hint: 'Stored in the database through the admin API: editable here.' },
};

/** Where an entity comes from; only stored ones can be edited. */
export function SourceBadge({ source }: { source: Source }) {
  const s = SOURCE[source] ?? SOURCE.store;
  return (
    <Tooltip label={s.hint} multiline w={260}>
      <Badge variant="light" color={s.color} data-testid="source" style={{ minWidth: "max-content" }}>{s.label}</Badge>
    </Tooltip>
  );
}

/** A read-only entity's note. */
export const readOnlyText = (source: Source) => SOURCE[source]?.hint ?? '';

/** Validation messages as the gateway (and check-config) words them. */
export function ProblemList({ problems, title }: { problems: string[]; title?: string }) {
  if (problems.length === 0) return null;
  return (
    <div role="alert" data-testid="problems">
      {title && <Text size="sm" fw={600} c="red">{title}</Text>}
      <List size="sm" c="red" spacing={2}>
        {problems.map((p) => <List.Item key={p}><span className="mono">{p}</span></List.Item>)}
      </List>
    </div>
  );
}
