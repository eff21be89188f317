import { Badge, Card, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { settings } from '../../api/configure';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { orderedSections, sectionRows, type SettingRow } from '../../lib/settings';

/** What the gateway runs with, read-only; every secret arrives masked from the API and shows as hidden. */
export default function SettingsPage() {
  const data = useQuery({ queryKey: ['settings'], queryFn: settings });
  const file = data.data?.config_file;
  return (
    <>
      <PageHeader title="Settings" description={<>What this gateway runs with: listeners, store, Redis, access,
        console sessions, limits and observability. Change them in the configuration file
        {typeof file === 'string' ? <> (<span className="mono">{file}</span>)</> : null} or the environment;
        secrets are never shown.</>} />
      {data.isError && <ErrorAlert error={data.error} title="Could not load the settings" />}
      {data.data && (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {orderedSections(data.data).map((s) => (
            <Card key={s.id} withBorder radius="md" data-testid={`settings-${s.id}`}>
              <Title order={4} mb="xs">{s.title}</Title>
              <Table fz="sm" verticalSpacing={4} aria-label={s.title}>
                <Table.Thead>
                  <Table.Tr><Table.Th w="45%">Setting</Table.Th><Table.Th>Value</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows(s.value).map((r) => (
                    <Table.Tr key={r.key}>
                      <Table.Td className="mono">{r.key || s.id}</Table.Td>
                      <Table.Td><Value row={r} /></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </>
  );
}

/** Lists (listeners) get one row per entry; objects are flattened. */
function rows(value: unknown): SettingRow[] {
  if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && 'name' in v)) {
    return value.flatMap((v) => sectionRows(v, String((v as { name: string }).name))
      .filter((r) => !r.key.endsWith('.name')));
  }
  return sectionRows(value);
}

function Value({ row }: { row: SettingRow }) {
  if (row.text === 'hidden') {
    return <Badge variant="light" color="gray" leftSection={<IconLock size={12} />}>hidden</Badge>;
  }
  return (
    <Text size="sm" className="mono" style={{ wordBreak: 'break-all' }}>
      {row.text}
      {row.masked && <Badge ml={6} size="xs" variant="light" color="gray" leftSection={<IconLock size={10} />}>
        secret hidden</Badge>}
    </Text>
  );
}
