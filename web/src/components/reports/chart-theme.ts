/**
 * The page's colours laid over a chart option from @reportcast/charts, so the chart reads like the
 * card around it (text in --fg, axes and secondary text in --muted, grid lines in --line) in
 * whatever scheme the app's CSS is in. Pure: only colours are added; every setting of the shared
 * option (axis label overlap hiding, number sizes, legend paging) is kept.
 */
import type { EChartsOption } from 'echarts';

export interface Palette { fg: string; muted: string; line: string }

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

function themedAxis(axis: unknown, p: Palette): Obj {
  const a = obj(axis);
  return {
    ...a,
    axisLabel: { ...obj(a.axisLabel), color: p.muted },
    axisLine: { ...obj(a.axisLine), lineStyle: { ...obj(obj(a.axisLine).lineStyle), color: p.line } },
    nameTextStyle: { ...obj(a.nameTextStyle), color: p.muted },
    splitLine: { ...obj(a.splitLine), lineStyle: { ...obj(obj(a.splitLine).lineStyle), color: p.line } },
  };
}

export function themed(option: EChartsOption, p: Palette): EChartsOption {
  const o = option as Obj;
  const titles = Array.isArray(o.title) ? (o.title as unknown[]) : o.title ? [o.title] : [];
  const axes = (key: 'xAxis' | 'yAxis') => (Array.isArray(o[key]) ? { [key]: (o[key] as unknown[]).map((a) => themedAxis(a, p)) } : o[key] ? { [key]: themedAxis(o[key], p) } : {});
  return {
    ...o,
    textStyle: { ...obj(o.textStyle), color: p.fg },
    ...(titles.length
      ? { title: titles.map((t) => ({ ...obj(t), textStyle: { ...obj(obj(t).textStyle), color: p.fg }, subtextStyle: { ...obj(obj(t).subtextStyle), color: p.muted } })) }
      : {}),
    ...axes('xAxis'),
    ...axes('yAxis'),
    ...(o.legend ? { legend: { ...obj(o.legend), textStyle: { ...obj(obj(o.legend).textStyle), color: p.fg }, pageTextStyle: { color: p.muted } } } : {}),
  } as EChartsOption;
}
