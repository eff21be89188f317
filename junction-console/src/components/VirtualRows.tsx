import { Paper, Table } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

/** Above this many rows a table renders only the rows in view. */
const VIRTUAL_FROM = 100;

/**
 * A table in a bordered paper whose body rows are virtualised once the list is long (only the rows in view are in
 * the page, between two spacer rows), so thousands of keys or users stay fast. Short lists render plainly.
 */
export function VirtualTable<T>({ rows, rowKey, head, row, label, estimate = 52, maxHeight = 640 }: {
  rows: T[]; rowKey: (r: T) => string; head: ReactNode; label: string;
  /** A row's cells, and attributes for its <tr>. */
  row: (r: T) => { cells: ReactNode; attrs?: Record<string, string> };
  estimate?: number; maxHeight?: number;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUAL_FROM;
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimate,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const top = items.length ? items[0].start : 0;
  const bottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const columns = 20; // a spacer cell spans all columns

  return (
    <Paper withBorder radius="md" ref={scroller}
      style={{ overflow: 'auto', maxHeight: virtual ? maxHeight : undefined }}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={label} stickyHeader={virtual}
        aria-rowcount={rows.length + 1}>
        <Table.Thead>{head}</Table.Thead>
        <Table.Tbody>
          {!virtual && rows.map((r) => {
            const { cells, attrs } = row(r);
            return <Table.Tr key={rowKey(r)} {...attrs}>{cells}</Table.Tr>;
          })}
          {virtual && top > 0 && <tr aria-hidden style={{ height: top }}><td colSpan={columns} /></tr>}
          {virtual && items.map((item) => {
            const r = rows[item.index];
            const { cells, attrs } = row(r);
            return (
              <Table.Tr key={rowKey(r)} {...attrs} data-index={item.index} ref={virtualizer.measureElement}
                aria-rowindex={item.index + 2}>
                {cells}
              </Table.Tr>
            );
          })}
          {virtual && bottom > 0 && <tr aria-hidden style={{ height: bottom }}><td colSpan={columns} /></tr>}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
