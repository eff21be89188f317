import { useQuery } from '@tanstack/react-query';
import type { Dimension } from '../../api/analytics';
import { keys, QK, teams, tenants, users } from '../../api/governance';
import type { Names } from '../../lib/analytics';

const toMap = (list: { id: string; name: string }[] | undefined) =>
  list ? new Map(list.map((x) => [x.id, x.name])) : undefined;

/**
 * Names for the ids the rollups group by (keys, users, teams, tenants), read only for the dimensions shown. Until
 * they arrive (or when one fails) the ids show as they are.
 */
export function useNames(dims: Dimension[]): Names {
  const want = new Set(dims);
  const k = useQuery({ queryKey: QK.keys, queryFn: keys.list, enabled: want.has('key'), staleTime: 60_000 });
  const u = useQuery({ queryKey: QK.users, queryFn: users.list, enabled: want.has('user'), staleTime: 60_000 });
  const t = useQuery({ queryKey: QK.teams, queryFn: teams.list, enabled: want.has('team'), staleTime: 60_000 });
  const n = useQuery({ queryKey: QK.tenants, queryFn: tenants.list, enabled: want.has('tenant'), staleTime: 60_000 });
  return { key: toMap(k.data), user: toMap(u.data), team: toMap(t.data), tenant: toMap(n.data) };
}
