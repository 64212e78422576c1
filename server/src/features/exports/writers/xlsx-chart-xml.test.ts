import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CHART_CONTENT_TYPE,
  chartXml,
  drawingXml,
  rangeFormula,
  relationshipsXml,
  withContentTypeOverrides,
  xmlText,
  type CellRange,
  type NativeChartKind,
  type NativeChartSpec,
} from './xlsx-chart-xml.js';
import { GOLDEN_SPECS } from './xlsx-chart-xml.fixtures.js';
import { find, one, parseXml as parse, tags } from './xml.test-kit.js';

const column = (c: number, firstRow: number, lastRow: number, sheet = 'Data'): CellRange => ({ sheet, firstColumn: c, firstRow, lastColumn: c, lastRow });

function spec(kind: NativeChartKind, stacked = false, points = 3): NativeChartSpec {
  const cache = Array.from({ length: points }, (_, i) => ({ index: i, value: i * 10 }));
  return {
    kind,
    stacked,
    title: 'Events by Platform',
    xTitle: 'Platform',
    yTitle: 'Events',
    categories: { kind: 'text', cells: column(1, 2, points + 1), cache: cache.map((p) => ({ index: p.index, value: `p${p.index}` })) },
    series: [
      { nameCell: column(2, 1, 1), name: 'Events', values: column(2, 2, points + 1), cache },
      { nameCell: column(3, 1, 1), name: 'Users', values: column(3, 2, points + 1), cache },
    ],
  };
}

/** Children of a series in the order each series type's schema sequence (ECMA-376 §21.2.2) allows. */
const SERIES_ORDER: Record<string, string[]> = {
  barChart: ['idx', 'order', 'tx', 'spPr', 'invertIfNegative', 'cat', 'val'],
  lineChart: ['idx', 'order', 'tx', 'spPr', 'marker', 'cat', 'val', 'smooth'],
  areaChart: ['idx', 'order', 'tx', 'spPr', 'cat', 'val'],
  pieChart: ['idx', 'order', 'tx', 'cat', 'val'],
  doughnutChart: ['idx', 'order', 'tx', 'cat', 'val'],
};

function normalized(xml: string): string {
  return xml.replace(/^<\?xml[^>]*\?>\s*/, '').replace(/>\s+</g, '><').trim();
}

describe('chartXml: golden parts', () => {
  for (const [name, goldenSpec] of Object.entries(GOLDEN_SPECS)) {
    it(`${name} matches xlsx-chart-golden/${name}.xml`, () => {
      const golden = readFileSync(new URL(`./xlsx-chart-golden/${name}.xml`, import.meta.url), 'utf8');
      expect(normalized(chartXml(goldenSpec))).toBe(normalized(golden));
    });
  }
});

describe('chartXml: each chart type', () => {
  it('BAR grouped: clustered columns, no overlap; stacked: grouping stacked with overlap 100', () => {
    const grouped = parse(chartXml(spec('bar')));
    const bar = one(grouped, 'barChart');
    expect(one(bar, 'barDir').attrs.val).toBe('col');
    expect(one(bar, 'grouping').attrs.val).toBe('clustered');
    expect(find(bar, 'overlap')).toHaveLength(0);
    const stacked = one(parse(chartXml(spec('bar', true))), 'barChart');
    expect(one(stacked, 'grouping').attrs.val).toBe('stacked');
    expect(one(stacked, 'overlap').attrs.val).toBe('100');
    // The chart type's own sequence: series, then gapWidth, overlap, axis ids.
    expect(tags(stacked)).toEqual(['barDir', 'grouping', 'varyColors', 'ser', 'ser', 'gapWidth', 'overlap', 'axId', 'axId']);
  });

  it('LINE: standard grouping, markers while points are few (≤ 60), none past that', () => {
    const few = one(parse(chartXml(spec('line'))), 'lineChart');
    expect(one(few, 'grouping').attrs.val).toBe('standard');
    expect(find(few, 'symbol').map((s) => s.attrs.val)).toEqual(['circle', 'circle']);
    const many = one(parse(chartXml(spec('line', false, 61))), 'lineChart');
    expect(find(many, 'symbol').map((s) => s.attrs.val)).toEqual(['none', 'none']);
    expect(tags(few)).toEqual(['grouping', 'varyColors', 'ser', 'ser', 'marker', 'axId', 'axId']);
  });

  it('AREA: standard, or stacked', () => {
    expect(one(one(parse(chartXml(spec('area'))), 'areaChart'), 'grouping').attrs.val).toBe('standard');
    expect(one(one(parse(chartXml(spec('area', true))), 'areaChart'), 'grouping').attrs.val).toBe('stacked');
  });

  it('PIE and doughnut: colours per slice, percentage labels, a hole for the doughnut, no axes', () => {
    for (const kind of ['pie', 'doughnut'] as const) {
      const root = parse(chartXml(spec(kind)));
      const plot = one(root, `${kind}Chart`);
      expect(one(plot, 'varyColors').attrs.val).toBe('1');
      expect(one(plot, 'showPercent').attrs.val).toBe('1');
      expect(find(plot, 'holeSize').map((h) => h.attrs.val)).toEqual(kind === 'doughnut' ? ['50'] : []);
      expect(find(root, 'catAx')).toHaveLength(0);
      expect(find(root, 'valAx')).toHaveLength(0);
      expect(find(root, 'legend')).toHaveLength(1);
    }
  });

  it('orders every series\' children as its schema sequence does, for every type', () => {
    for (const kind of ['bar', 'line', 'area', 'pie', 'doughnut'] as const) {
      const root = parse(chartXml(spec(kind)));
      const plot = one(root, `${kind}Chart`);
      for (const ser of find(plot, 'ser')) expect(tags(ser), kind).toEqual(SERIES_ORDER[`${kind}Chart`]);
      expect(tags(one(root, 'chart'))).toEqual(['title', 'autoTitleDeleted', 'plotArea', 'legend', 'plotVisOnly', 'dispBlanksAs']);
    }
  });

  it('references the data cells with cached values: categories, values, series names', () => {
    const root = parse(chartXml(spec('bar')));
    const [events, users] = find(root, 'ser');
    expect(one(one(events!, 'cat'), 'f').text).toBe("'Data'!$A$2:$A$4");
    expect(one(one(events!, 'val'), 'f').text).toBe("'Data'!$B$2:$B$4");
    expect(one(one(users!, 'val'), 'f').text).toBe("'Data'!$C$2:$C$4");
    expect(one(one(users!, 'tx'), 'f').text).toBe("'Data'!$C$1");
    expect(find(one(events!, 'tx'), 'v').map((v) => v.text)).toEqual(['Events']);
    const cache = one(one(events!, 'val'), 'numCache');
    expect(one(cache, 'ptCount').attrs.val).toBe('3');
    expect(find(cache, 'pt').map((p) => [p.attrs.idx, one(p, 'v').text])).toEqual([['0', '0'], ['1', '10'], ['2', '20']]);
    expect(find(one(events!, 'cat'), 'v').map((v) => v.text)).toEqual(['p0', 'p1', 'p2']);
  });

  it('titles the axes from the spec, and leaves a title out when it is empty', () => {
    const root = parse(chartXml(spec('line')));
    expect(find(one(root, 'catAx'), 't').map((t) => t.text)).toEqual(['Platform']);
    expect(find(one(root, 'valAx'), 't').map((t) => t.text)).toEqual(['Events']);
    const bare = parse(chartXml({ ...spec('line'), xTitle: '', yTitle: undefined }));
    expect(find(one(bare, 'catAx'), 'title')).toHaveLength(0);
    expect(find(one(bare, 'valAx'), 'title')).toHaveLength(0);
  });

  it('without categories, series carry values only', () => {
    const root = parse(chartXml({ ...spec('bar'), categories: undefined }));
    expect(find(root, 'cat')).toHaveLength(0);
    expect(find(root, 'val')).toHaveLength(2);
  });
});

describe('xmlText and user strings in every script', () => {
  const hostile = `Q3 <Rapport> & "été" 'x' 東京 Αθήνα Москва مرحبا 🎉\u0001\u0008 end`;

  it('escapes markup and drops what XML cannot hold, keeping every script and emoji', () => {
    expect(xmlText('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;\'');
    expect(xmlText('\u0000x\u0007\ty\n\uFFFE\uD800z')).toBe('x\ty\nz');
    expect(xmlText('🎉 東京')).toBe('🎉 東京');
  });

  it('a hostile title, axis title, series name, category and sheet name parse back as written', () => {
    const sheet = "O'Brien <Data>";
    const xml = chartXml({
      kind: 'bar',
      stacked: false,
      title: hostile,
      subtitle: `First 1,000 of 250,000 rows`,
      xTitle: hostile,
      yTitle: 'Ereignisse',
      categories: { kind: 'text', cells: column(1, 2, 2, sheet), cache: [{ index: 0, value: hostile }] },
      series: [{ nameCell: column(2, 1, 1, sheet), name: hostile, values: column(2, 2, 2, sheet), cache: [{ index: 0, value: 1 }] }],
    });
    const root = parse(xml);
    const expected = hostile.replace(/[\u0001\u0008]/g, '');
    const chartTitle = one(root, 'chart').children.find((c) => c.tag === 'title')!;
    const titleTexts = find(chartTitle, 't').map((t) => t.text);
    expect(titleTexts).toEqual([expected, 'First 1,000 of 250,000 rows']);
    expect(find(one(root, 'catAx'), 't')[0]!.text).toBe(expected);
    expect(find(one(one(root, 'ser'), 'tx'), 'v')[0]!.text).toBe(expected);
    expect(find(one(root, 'cat'), 'v')[0]!.text).toBe(expected);
    expect(one(one(root, 'cat'), 'f').text).toBe("'O''Brien <Data>'!$A$2");
  });
});

describe('references and packaging parts', () => {
  it('rangeFormula: absolute, sheet quoted with doubled apostrophes, one cell without a colon', () => {
    expect(rangeFormula(column(2, 2, 101))).toBe("'Data'!$B$2:$B$101");
    expect(rangeFormula({ sheet: 'Data (2)', firstColumn: 27, firstRow: 1, lastColumn: 29, lastRow: 1 })).toBe("'Data (2)'!$AA$1:$AC$1");
    expect(rangeFormula(column(1, 1, 1, "it's"))).toBe("'it''s'!$A$1");
  });

  it('drawingXml anchors one chart frame over cells and names its chart relationship', () => {
    const root = parse(drawingXml({ fromColumn: 0, fromRow: 3, toColumn: 10, toRow: 28 }, 'rId1', 'Chart <1>'));
    expect(root.tag).toBe('wsDr');
    const anchor = one(root, 'twoCellAnchor');
    expect(tags(anchor)).toEqual(['from', 'to', 'graphicFrame', 'clientData']);
    expect([one(one(anchor, 'from'), 'col').text, one(one(anchor, 'from'), 'row').text]).toEqual(['0', '3']);
    expect([one(one(anchor, 'to'), 'col').text, one(one(anchor, 'to'), 'row').text]).toEqual(['10', '28']);
    expect(one(anchor, 'chart').attrs.id).toBe('rId1');
    expect(one(anchor, 'cNvPr').attrs.name).toBe('Chart <1>');
  });

  it('relationshipsXml lists each relationship', () => {
    const root = parse(relationshipsXml([{ id: 'rId1', type: 'http://t/chart', target: '../charts/chart1.xml' }]));
    expect(root.children.map((c) => c.attrs)).toEqual([{ Id: 'rId1', Type: 'http://t/chart', Target: '../charts/chart1.xml' }]);
  });

  it('withContentTypeOverrides adds each part once, before </Types>', () => {
    const base = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';
    const once = withContentTypeOverrides(base, [{ partName: '/xl/charts/chart1.xml', contentType: CHART_CONTENT_TYPE }]);
    const twice = withContentTypeOverrides(once, [{ partName: '/xl/charts/chart1.xml', contentType: CHART_CONTENT_TYPE }]);
    expect(twice).toBe(once);
    expect(parse(once).children.map((c) => c.attrs)).toEqual([
      { Extension: 'xml', ContentType: 'application/xml' },
      { PartName: '/xl/charts/chart1.xml', ContentType: CHART_CONTENT_TYPE },
    ]);
    expect(() => withContentTypeOverrides('<Types/>', [])).toThrow(/<\/Types>/);
  });
});
