import { describe, expect, it } from 'vitest';
import { chartOption, type ChartDefinition } from '@reportcast/charts';
import { themed } from './chart-theme';

const palette = { fg: '#f9fafb', muted: '#9ca3af', line: '#374151' };
const definition: ChartDefinition = {
  dimensions: [{ key: 'day', label: 'Day', kind: 'DATE', grain: 'DAY' }, { key: 'platform', label: 'Platform', kind: 'STRING' }],
  measures: [{ key: 'events', label: 'Events', kind: 'NUMBER' }],
};
const rows = [['2026-12-01', 'ios', 3], ['2026-12-01', 'web', 5], ['2026-12-02', 'ios', 4]];
const opts = { timeZone: 'UTC', totalRows: 10 };

describe('themed', () => {
  it('colours a cartesian chart and keeps every setting of the shared option', () => {
    const option = chartOption(definition, { type: 'BAR' }, rows, opts)!;
    const out = themed(option, palette) as any;
    const x = out.xAxis;
    expect(x.axisLabel).toEqual({ ...(option as any).xAxis.axisLabel, color: '#9ca3af' }); // hideOverlap survives
    expect(x.axisLabel.hideOverlap).toBe(true);
    expect(x.data).toEqual((option as any).xAxis.data);
    expect(out.yAxis.splitLine.lineStyle.color).toBe('#374151');
    expect(out.textStyle).toEqual({ ...(option as any).textStyle, color: '#f9fafb' });
    expect(out.legend).toMatchObject({ type: 'scroll', bottom: 0, textStyle: { color: '#f9fafb' } });
    expect(out.title).toEqual([{ ...(option as any).title, textStyle: { color: '#f9fafb' }, subtextStyle: { color: '#9ca3af' } }]);
    expect(out.series).toBe((option as any).series);
  });

  it('keeps the big number\'s size and weight, adding only colour', () => {
    const number = chartOption({ dimensions: [], measures: definition.measures }, { type: 'NUMBER' }, [[1234]], { timeZone: 'UTC' })!;
    const out = themed(number, palette) as any;
    const big = out.title.find((t: any) => t.text === '1,234');
    expect(big.textStyle).toEqual({ fontSize: 48, fontWeight: 'bold', color: '#f9fafb' });
    expect(big.subtextStyle).toEqual({ fontSize: 16, color: '#9ca3af' });
    expect(out.xAxis).toBeUndefined();
  });

  it('leaves a pie without axes or legend it did not have', () => {
    const pie = chartOption(definition, { type: 'PIE', donut: true }, rows, opts)!;
    const out = themed(pie, palette) as any;
    expect(out.xAxis).toBeUndefined();
    expect(out.legend).toBeUndefined();
    expect(out.series).toEqual((pie as any).series);
  });
});
