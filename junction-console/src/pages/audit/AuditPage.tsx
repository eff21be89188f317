import {
  Alert, Button, Code, Collapse, Group, Paper, Skeleton, Stack, Table, Text, TextInput, UnstyledButton,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { audit, QK, type AuditEntry } from '../../api/governance';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { changesOf, rangeQuery, showValue } from '../../lib/audit';
import { formatTime } from '../../lib/format';

const PAGE_SIZE = 50;

function Detail({ entry }: { entry: AuditEntry }) {
  const changes = changesOf(entry.detail);
  return (
    <Stack gap={6} p="sm">
      {changes ? (
        <Table withTableBorder aria-label={`Changes of entry ${entry.seq}`}>
          <Table.Thead><Table.Tr><Table.Th>Field</Table.Th><Table.Th>From</Table.Th><Table.Th>To</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {changes.map((c) => (
              <Table.Tr key={c.field}>
                <Table.Td ff="monospace">{c.field}</Table.Td>
                <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>{showValue(c.from)}</Table.Td>
                <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>{showValue(c.to)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(entry.detail, null, 2)}</Code>
      )}
      <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>hash {entry.hash} · previous {entry.prev_hash}</Text>
    </Stack>
  );
}

/** The audit trail, newest first a page at a time, with a range filter and a check of its hash chain. */
export default function AuditPage() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // The `before` cursors of the pages visited, so "Newer" goes back one; the last one is the page shown.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const before = cursors[cursors.length - 1];

  let range: { from?: string; to?: string } = {};
  let rangeError: string | null = null;
  try {
    range = rangeQuery(from, to);
  } catch (e) {
    rangeError = (e as Error).message;
  }
  const page = useQuery({
    queryKey: [...QK.audit, range.from, range.to, before],
    queryFn: () => audit.page({ ...range, before, limit: PAGE_SIZE }),
    enabled: rangeError === null,
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: audit.verify });

  const setRange = (f: string, t: string) => {
    setFrom(f);
    setTo(t);
    setCursors([undefined]);
  };
  const toggle = (seq: number) => setOpen((s) => {
    const next = new Set(s);
    if (next.has(seq)) next.delete(seq); else next.add(seq);
    return next;
  });

  return (
    <>
      <PageHeader title="Audit trail"
        description="Every change made through the admin API or the CLI, who made it and what changed. Each entry's hash covers the one before it."
        actions={<Button leftSection={<IconShieldCheck size={16} />} onClick={() => verify.mutate()} loading={verify.isPending}>
          Verify</Button>} />
      <Stack>
        {verify.isError && <ErrorAlert error={verify.error} title="The trail could not be verified" />}
        {verify.data && (verify.data.intact ? (
          <Alert color="teal" icon={<IconShieldCheck />} title="The trail is intact" data-testid="audit-verdict"
            withCloseButton onClose={() => verify.reset()}>
            Every entry's hash matches its fields and the entry before it: nothing was changed or removed behind the
            API's back.
          </Alert>
        ) : (
          <Alert color="red" icon={<IconShieldX />} title="The trail is broken" data-testid="audit-verdict"
            withCloseButton onClose={() => verify.reset()}>
            The chain breaks at entry #{verify.data.first_broken_seq}: that entry was changed, or the one before it was
            removed, outside the API.
          </Alert>
        ))}
        <Group align="flex-end">
          <TextInput type="datetime-local" label="From" value={from} onChange={(e) => setRange(e.currentTarget.value, to)} />
          <TextInput type="datetime-local" label="To" value={to} onChange={(e) => setRange(from, e.currentTarget.value)} />
          {(from || to) && <Button variant="subtle" onClick={() => setRange('', '')}>Clear range</Button>}
        </Group>
        {rangeError && <Alert color="red" role="alert">{rangeError}</Alert>}
        {page.isError && <ErrorAlert error={page.error} title="The audit trail could not be read" />}
        {page.isPending && rangeError === null && <Skeleton h={200} />}
        {page.data && page.data.data.length === 0 && (
          <EmptyState title={from || to || before ? 'No entries here' : 'No changes yet'}>
            {from || to ? 'Nothing was changed in this range; widen it or clear it.'
              : 'Changes to tenants, teams, users, keys, budgets, prices, providers and routes appear here as they are made.'}
          </EmptyState>
        )}
        {page.data && page.data.data.length > 0 && (
          <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
            <Table verticalSpacing="xs" aria-label="Audit entries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th><Table.Th>Time</Table.Th><Table.Th>Who</Table.Th><Table.Th>What</Table.Th>
                  <Table.Th>Target</Table.Th><Table.Th>Details</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.data.data.map((e) => (
                  <Fragment key={e.seq}>
                    <Table.Tr data-audit-action={e.action}>
                      <Table.Td><Text size="sm" c="dimmed">{e.seq}</Text></Table.Td>
                      <Table.Td><Text size="sm" className="nowrap">{formatTime(e.at)}</Text></Table.Td>
                      <Table.Td>{e.actor}</Table.Td>
                      <Table.Td><Code>{e.action}</Code></Table.Td>
                      <Table.Td><Text size="sm">{e.entity} <Text span ff="monospace" size="xs">{e.entity_id}</Text></Text></Table.Td>
                      <Table.Td>
                        <UnstyledButton onClick={() => toggle(e.seq)} aria-expanded={open.has(e.seq)}
                          aria-label={`${open.has(e.seq) ? 'Hide' : 'Show'} the details of entry ${e.seq}`}>
                          <Group gap={4} wrap="nowrap">
                            {open.has(e.seq) ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                            <Text size="sm">{open.has(e.seq) ? 'Hide' : 'Show'}</Text>
                          </Group>
                        </UnstyledButton>
                      </Table.Td>
                    </Table.Tr>
                    {open.has(e.seq) && (
                      <Table.Tr>
                        <Table.Td colSpan={6} p={0}><Collapse expanded><Detail entry={e} /></Collapse></Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
        <Group justify="space-between">
          <Button variant="default" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            Newer
          </Button>
          <Text size="sm" c="dimmed">Page {cursors.length}</Text>
          <Button variant="default" disabled={!page.data?.next_before}
            onClick={() => setCursors((c) => [...c, page.data!.next_before!])}>Older</Button>
        </Group>
      </Stack>
    </>
  );
}
