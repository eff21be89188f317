import { useQuery } from '@tanstack/react-query';
import { can, currentSession } from './session';

/**
 * What the signed-in principal may do, for hiding the controls it cannot use (an analyst sees no "Create key"):
 * `useCan()('keys:write')` is true when the session holds the permission in some tenant. The server checks every
 * call anyway; this only keeps the page honest.
 */
export function useCan(): (permission: string) => boolean {
  const session = useQuery({ queryKey: ['session'], queryFn: currentSession, staleTime: 60_000 });
  return (permission: string) => !!session.data && can(session.data, permission);
}
