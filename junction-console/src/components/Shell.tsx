import {
  ActionIcon, AppShell, Burger, Group, NavLink, ScrollArea, Stack, Text, Title, Tooltip, useComputedColorScheme,
  useMantineColorScheme, Center, Loader,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLogout, IconMoon, IconSun } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import type { Session } from '../api/session';
import { can, canEverywhere, signOut } from '../api/session';
import { GROUPS, pagesFor } from '../routes';
import { NotFound } from './NotFound';

/** The frame of every page: the navigation, the theme switch, who is signed in, and sign-out. */
export function Shell({ session }: { session: Session }) {
  const [opened, { toggle, close }] = useDisclosure();
  const [location] = useLocation();
  const client = useQueryClient();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');

  const leave = async () => {
    try {
      await signOut();
    } finally {
      // Forget every answer of this session, but keep the session query itself (App observes it).
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      client.setQueryData(['session'], null);
    }
  };

  const pages = pagesFor((p) => (p.instance ? canEverywhere(session, p.needs)
    : can(session, p.needs) || (p.orNeeds !== undefined && can(session, p.orNeeds))));
  const active = (path: string) => (path === '/' ? location === '/' : location === path
    || location.startsWith(`${path}/`));

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={4} component="span">Junction</Title>
            <Text size="sm" c="dimmed" visibleFrom="xs">console</Text>
          </Group>
          <Group gap="xs">
            <Text size="sm" c="dimmed" data-testid="actor">Signed in as {session.actor}</Text>
            <Tooltip label={scheme === 'dark' ? 'Light theme' : 'Dark theme'}>
              <ActionIcon variant="default" size="lg" onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}
                aria-label={scheme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}>
                {scheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Sign out">
              <ActionIcon variant="default" size="lg" onClick={leave} aria-label="Sign out">
                <IconLogout size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Pages">
        <ScrollArea>
          <Stack gap={4}>
            {GROUPS.filter((group) => pages.some((p) => p.group === group)).map((group) => (
              <div key={group}>
                <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="sm" pb={4}>{group}</Text>
                {pages.filter((p) => p.group === group).map((p) => (
                  <NavLink key={p.path} component={Link} href={p.path} label={p.label} active={active(p.path)}
                    leftSection={<p.icon size={18} stroke={1.6} />} onClick={close} />
                ))}
              </div>
            ))}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Center mih={200}><Loader aria-label="Loading the page" /></Center>}>
          <Switch>
            {pages.flatMap((p) => [p.path, ...(p.children ?? [])].map((path) => (
              <Route key={path} path={path} component={p.component} />
            )))}
            <Route><NotFound /></Route>
          </Switch>
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
