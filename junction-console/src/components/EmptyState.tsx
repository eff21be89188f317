import { Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** What a list or chart with nothing in it says: what it would show, and what to do next. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack align="center" gap="xs">
        <Text fw={600}>{title}</Text>
        {children && <Text c="dimmed" size="sm" ta="center" maw={520}>{children}</Text>}
        {action}
      </Stack>
    </Paper>
  );
}
