import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One figure with its label and an optional line under it. */
export function StatCard({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: ReactNode;
  testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text fz={26} fw={700} mt={4} className="nowrap">{value}</Text>
      {hint && <Text size="xs" c="dimmed" mt={2}>{hint}</Text>}
    </Paper>
  );
}
