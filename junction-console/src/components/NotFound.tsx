import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';

export function NotFound() {
  return (
    <Stack align="flex-start">
      <Title order={2}>No such page</Title>
      <Text c="dimmed">The console has no page at this address.</Text>
      <Button component={Link} href="/">Go to the overview</Button>
    </Stack>
  );
}
