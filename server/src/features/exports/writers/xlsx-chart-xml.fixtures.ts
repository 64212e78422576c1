/**
 * Chart specs whose XML is kept as golden files in xlsx-chart-golden/ (pretty-printed; read and
 * checked by hand against ECMA-376's schema sequences and opened in LibreOffice). Test-only.
 */
import type { CellRange, NativeChartSpec } from './xlsx-chart-xml.js';

const column = (c: number, firstRow: number, lastRow: number): CellRange => ({ sheet: 'Data', firstColumn: c, firstRow, lastColumn: c, lastRow });

export const GOLDEN_SPECS: Record<string, NativeChartSpec> = {
  /** Two series stacked over text categories; a blank value (Events of row 3) left out of the cache. */
  'bar-stacked': {
    kind: 'bar',
    stacked: true,
    title: 'Events, Users by Platform',
    subtitle: 'First 3 of 10 rows',
    xTitle: 'Platform',
    yTitle: 'Count',
    categories: { kind: 'text', cells: column(1, 2, 4), cache: [{ index: 0, value: 'web' }, { index: 1, value: 'ios' }, { index: 2, value: 'android' }] },
    series: [
      { nameCell: column(2, 1, 1), name: 'Events', values: column(2, 2, 4), cache: [{ index: 0, value: 30 }, { index: 2, value: 1.5 }] },
      { nameCell: column(3, 1, 1), name: 'Users', values: column(3, 2, 4), cache: [{ index: 0, value: 3 }, { index: 1, value: 2 }, { index: 2, value: -1 }] },
    ],
  },
  /** Days as Excel serials shown with the data cells' date format; one series: no legend. */
  'line-days': {
    kind: 'line',
    stacked: false,
    title: 'Events by Day',
    xTitle: 'Day',
    yTitle: 'Events',
    categories: { kind: 'number', formatCode: 'dd.mm.yyyy', cells: column(1, 2, 3), cache: [{ index: 0, value: 46357 }, { index: 1, value: 46358 }] },
    series: [{ nameCell: column(2, 1, 1), name: 'Events', values: column(2, 2, 3), cache: [{ index: 0, value: 10 }, { index: 1, value: 12 }] }],
  },
  /** A ring of three slices, labelled with percentages; no axes. */
  doughnut: {
    kind: 'doughnut',
    stacked: false,
    title: 'Events by Country',
    categories: { kind: 'text', cells: column(1, 2, 4), cache: [{ index: 0, value: '日本' }, { index: 1, value: 'France' }, { index: 2, value: 'Ελλάδα' }] },
    series: [{ nameCell: column(2, 1, 1), name: 'Events', values: column(2, 2, 4), cache: [{ index: 0, value: 40 }, { index: 1, value: 60 }, { index: 2, value: 5 }] }],
  },
};
