import { Badge, Button, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import { deletePrice, priceCatalog, putPrice, type PriceRow } from '../../api/configure';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../api/useCan';
import {
  formatPrice, matchesModel, PRICE_FIELDS, PRICE_LABELS, PRICE_UNITS, priceBody, priceInputs, type PriceField,
  type PriceInputs,
} from '../../lib/prices';

const SOURCE_LABEL = { catalog: 'catalog', file: 'config file', store: 'override' } as const;
const SOURCE_COLOR = { catalog: 'gray', file: 'grape', store: 'blue' } as const;
const ROW_HEIGHT = 44;
const COLUMNS = '2.2fr 1fr repeat(7, 0.9fr) 1.3fr';

/** The price catalog with the operator's overrides; search, set and remove overrides. */
export default function PricesPage() {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 150);
  const prices = useQuery({ queryKey: ['price-catalog'], queryFn: () => priceCatalog() });
  const [editing, setEditing] = useState<{ model: string; row?: PriceRow } | null>(null);
  const rows = (prices.data?.data ?? []).filter((r) => matchesModel(r.model, q));
  const writes = useCan()('prices:write');

  return (
    <>
      <PageHeader title="Prices" description={<>List prices in US dollars per million tokens (per image or second
        for media), which costs and budgets are computed from. An override replaces the bundled catalog's price for
        new requests{prices.data ? <> · catalog of {prices.data.version}</> : null}.</>}
        actions={writes && <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ model: '' })}>
          Set a price</Button>} />
      <TextInput label="Search by model" placeholder="gpt-4o, claude sonnet…" leftSection={<IconSearch size={16} />}
        value={search} onChange={(e) => setSearch(e.currentTarget.value)} mb="md" maw={420} />
      {prices.isError && <ErrorAlert error={prices.error} title="Could not load the prices" />}
      {prices.data && rows.length === 0 && (
        <EmptyState title={q ? `No model matches “${q}”` : 'No prices'}
          action={writes && <Button variant="light" onClick={() => setEditing({ model: q })}>Set a price for {q || 'a model'}</Button>}>
          A model the catalog does not list costs nothing until it has a price: set one here.
        </EmptyState>
      )}
      {rows.length > 0 && (
        <PriceTable rows={rows} onEdit={writes ? (row) => setEditing({ model: row.model, row }) : undefined} />
      )}
      {editing && <PriceEditor model={editing.model} row={editing.row} onClose={() => setEditing(null)} />}
    </>
  );
}

/**
 * The catalog is a few hundred rows at most, but the list is virtualised all the same (the console's rule). Without
 * `onEdit` (no `prices:write`) the rows offer no changes.
 */
function PriceTable({ rows, onEdit }: { rows: PriceRow[]; onEdit?: (row: PriceRow) => void }) {
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT, overscan: 8 });
  return (
    <Table.ScrollContainer minWidth={1100}>
      <div role="table" aria-label="Prices" aria-rowcount={rows.length}>
        <div role="row" style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 8, padding: '6px 8px',
          borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <Text role="columnheader" size="sm" fw={600}>Model</Text>
          <Text role="columnheader" size="sm" fw={600}>Source</Text>
          {PRICE_FIELDS.map((f) => (
            <Text role="columnheader" key={f} size="sm" fw={600} title={PRICE_UNITS[f]}>{PRICE_LABELS[f]}</Text>
          ))}
          <Text role="columnheader" size="sm" fw={600}><VisuallyHidden>Actions</VisuallyHidden></Text>
        </div>
        <div ref={parent} style={{ maxHeight: 'calc(100vh - 300px)', minHeight: 200, overflow: 'auto' }}>
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => (
              <PriceLine key={rows[item.index].model} row={rows[item.index]} top={item.start}
                onEdit={onEdit && (() => onEdit(rows[item.index]))} />
            ))}
          </div>
        </div>
      </div>
    </Table.ScrollContainer>
  );
}

function PriceLine({ row, top, onEdit }: { row: PriceRow; top: number; onEdit?: () => void }) {
  const client = useQueryClient();
  const remove = useMutation({ mutationFn: () => deletePrice(row.model),
    onSuccess: () => client.invalidateQueries({ queryKey: ['price-catalog'] }) });
  return (
    <div role="row" data-testid={`price-${row.model}`} style={{ position: 'absolute', top, left: 0, right: 0,
      height: ROW_HEIGHT, display: 'grid', gridTemplateColumns: COLUMNS, gap: 8, alignItems: 'center',
      padding: '0 8px', borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Text role="cell" size="sm" className="mono" truncate title={row.model}>{row.model}</Text>
      <div role="cell"><Badge size="sm" variant="light" color={SOURCE_COLOR[row.source]}>{SOURCE_LABEL[row.source]}</Badge></div>
      {PRICE_FIELDS.map((f) => {
        const listed = row.catalog?.[f];
        const changed = row.catalog && listed !== row[f];
        return (
          <Text role="cell" key={f} size="sm" fw={changed ? 600 : undefined}
            title={changed ? `catalog: ${formatPrice(listed)}` : undefined}>{formatPrice(row[f])}</Text>
        );
      })}
      <Group role="cell" gap={4} wrap="nowrap">
        {onEdit && <Button size="compact-xs" variant="light" onClick={onEdit}
          aria-label={`${row.source === 'store' ? 'Edit the override of' : 'Override'} ${row.model}`}>
          {row.source === 'store' ? 'Edit' : 'Override'}</Button>}
        {onEdit && row.source === 'store' && (
          <Button size="compact-xs" variant="subtle" color="red" loading={remove.isPending}
            aria-label={`Delete the override of ${row.model}`} onClick={() => remove.mutate()}>Delete</Button>
        )}
      </Group>
      {remove.isError && <ErrorAlert error={remove.error} />}
    </div>
  );
}

function PriceEditor({ model, row, onClose }: { model: string; row?: PriceRow; onClose: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState(model);
  const [inputs, setInputs] = useState<PriceInputs>(() => priceInputs(row));
  const [errors, setErrors] = useState<Partial<Record<PriceField, string>>>({});
  const save = useMutation({
    mutationFn: (body: Record<string, number>) => putPrice(name.trim(), body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['price-catalog'] });
      await client.invalidateQueries({ queryKey: ['prices'] });
      onClose();
    },
  });
  const submit = () => {
    const made = priceBody(inputs);
    if ('errors' in made) {
      setErrors(made.errors);
      return;
    }
    setErrors({});
    save.mutate(made.body);
  };
  return (
    <Modal opened onClose={onClose} size="lg" title={row ? `Price of ${row.model}` : 'Set a price'}>
      <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <Stack>
          <TextInput label="Model" required disabled={!!row} value={name} placeholder="openai/gpt-4o or gpt-4o"
            description="The public model name; an override of gpt-4o also prices its snapshots and provider/ names."
            onChange={(e) => setName(e.currentTarget.value)} />
          {row?.source === 'file' && (
            <Text size="sm" c="dimmed">This price comes from the configuration file; a stored override replaces it.</Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {PRICE_FIELDS.map((f) => (
              <TextInput key={f} label={`${PRICE_LABELS[f]} (${PRICE_UNITS[f]})`} value={inputs[f]}
                required={f === 'input' || f === 'output'} inputMode="decimal" error={errors[f]}
                placeholder={f === 'cached_read' || f === 'cache_write' ? 'input price' : f === 'reasoning'
                  ? 'output price' : f === 'input' || f === 'output' ? '' : 'none'}
                onChange={(e) => { const v = e.currentTarget.value; setInputs((p) => ({ ...p, [f]: v })); }} />
            ))}
          </SimpleGrid>
          {save.isError && <ErrorAlert error={save.error} title="Not saved" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim()}>Save override</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
