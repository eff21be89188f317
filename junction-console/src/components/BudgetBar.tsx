import { Group, Progress, Stack, Text } from '@mantine/core';
import type { Budget } from '../api/governance';
import { formatAgo, formatPercent, formatUsd } from '../lib/format';
import { budgetStatus } from '../lib/governance';

/** A budget's use in this period: a bar coloured by the share spent and reserved, and the numbers under it. */
export function BudgetBar({ budget, compact = false }: { budget: Budget; compact?: boolean }) {
  const status = budgetStatus(budget);
  if (status.unknown) {
    return <Text size="xs" c="dimmed">{formatUsd(budget.amount_usd)} {budget.period}; spend unavailable (the ledger did not answer)</Text>;
  }
  const pct = Math.min(100, status.ratio * 100);
  return (
    <Stack gap={2} miw={compact ? 160 : 220} data-testid="budget-bar" data-spent={budget.spent_usd}
      data-budget-id={budget.id}>
      <Progress value={pct} color={status.color} size={compact ? 'sm' : 'md'}
        aria-label={`${formatPercent(status.ratio)} of the ${budget.period} budget used`} />
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" className="nowrap">
          {formatUsd(budget.spent_usd)} spent{budget.reserved_usd ? ` + ${formatUsd(budget.reserved_usd)} reserved` : ''}
          {' '}of {formatUsd(budget.amount_usd)} {budget.period}
        </Text>
        <Text size="xs" c="dimmed" className="nowrap">{formatUsd(budget.remaining_usd)} left</Text>
      </Group>
      {!compact && (
        <Text size="xs" c="dimmed">
          {budget.resets_at ? `Resets ${formatAgo(budget.resets_at)}` : 'Never resets (total budget)'}
        </Text>
      )}
    </Stack>
  );
}
