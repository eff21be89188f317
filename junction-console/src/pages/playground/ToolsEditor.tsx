import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { TOOL_TEMPLATE, toolProblems, type ToolDraft } from '../../lib/playground';

/** The tools the model may call: a name, a description and a JSON schema each, checked as they are typed. */
export function ToolsEditor({ tools, onChange }: { tools: ToolDraft[]; onChange: (tools: ToolDraft[]) => void }) {
  const set = (i: number, change: Partial<ToolDraft>) =>
    onChange(tools.map((t, j) => (j === i ? { ...t, ...change } : t)));
  return (
    <Stack gap="sm">
      {tools.length === 0 && <Text size="sm" c="dimmed">No tools: the model answers in text.</Text>}
      {tools.map((tool, i) => {
        const problems = toolProblems(tool);
        return (
          <Paper key={i} withBorder p="sm" radius="md">
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <TextInput label={`Tool ${i + 1} name`} value={tool.name} style={{ flex: 1 }}
                onChange={(e) => set(i, { name: e.currentTarget.value })} />
              <ActionIcon variant="subtle" color="red" aria-label={`Remove tool ${i + 1}`} size="lg"
                onClick={() => onChange(tools.filter((_, j) => j !== i))}><IconTrash size={18} /></ActionIcon>
            </Group>
            <TextInput mt="xs" label="Description" value={tool.description}
              onChange={(e) => set(i, { description: e.currentTarget.value })} />
            <Textarea mt="xs" label="Parameters (JSON schema)" autosize minRows={4} maxRows={14}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
              value={tool.schema} onChange={(e) => set(i, { schema: e.currentTarget.value })}
              error={problems.length > 0 ? problems.join(' ') : undefined} />
          </Paper>
        );
      })}
      <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} w="fit-content"
        onClick={() => onChange([...tools, { ...TOOL_TEMPLATE, name: tools.length ? `tool_${tools.length + 1}`
          : TOOL_TEMPLATE.name }])}>Add a tool</Button>
    </Stack>
  );
}
