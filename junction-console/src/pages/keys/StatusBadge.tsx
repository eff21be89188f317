import { Badge } from '@mantine/core';
import type { VirtualKey } from '../../api/governance';
import { keyStatus } from '../../lib/governance';

const COLOR = { enabled: 'teal', disabled: 'gray', revoked: 'red', expired: 'orange' } as const;

/** A key's status: enabled, disabled, revoked (disabled for good) or expired. */
export function StatusBadge({ k }: { k: VirtualKey }) {
  const status = keyStatus(k);
  return <Badge color={COLOR[status]} variant="light" style={{ minWidth: 'max-content' }}>{status}</Badge>;
}
