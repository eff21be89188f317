import { MantineProvider, Table } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { VirtualTable } from './VirtualRows';

function renderRows(n: number) {
  const rows = Array.from({ length: n }, (_, i) => `row-${i}`);
  render(
    <MantineProvider>
      <VirtualTable rows={rows} rowKey={(r) => r} label="Things" head={<Table.Tr><Table.Th>Name</Table.Th></Table.Tr>}
        row={(r) => ({ cells: <Table.Td>{r}</Table.Td>, attrs: { 'data-row': r } })} />
    </MantineProvider>,
  );
  return document.querySelectorAll('tbody tr[data-row]').length;
}

describe('VirtualTable', () => {
  it('renders a short list whole', () => {
    expect(renderRows(5)).toBe(5);
    expect(screen.getByRole('table', { name: 'Things' })).toBeInTheDocument();
  });
  it('renders only the rows in view of a long list', () => {
    const shown = renderRows(2000);
    expect(shown).toBeLessThan(100);
  });
});
