/**
 * Draws one ECharts option into its box. Loaded lazily (ChartSection): ECharts is the app's largest
 * dependency, so only the chart types and components @reportcast/charts' options use are
 * registered, from `echarts/core`, never the full `echarts` bundle.
 *
 * The chart follows its box (ResizeObserver), is disposed when the card goes, and takes its text
 * and line colours from the app's CSS custom properties (--fg, --muted, --line), read again when
 * the colour scheme changes, so it reads as the page around it does in light and dark.
 *
 * For tests and the curious, the element carries what ECharts actually holds after drawing:
 * `data-chart-type`, `data-points` (categories on the x axis, or slices) and `data-series`.
 */
import { useEffect, useRef } from 'react';
import { init, use, type ECharts } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { themed, type Palette } from './chart-theme';

use([LineChart, BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, SVGRenderer]);

function paletteOf(el: HTMLElement): Palette {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { fg: v('--fg', css.color || '#111827'), muted: v('--muted', '#6b7280'), line: v('--line', '#e5e7eb') };
}

/** What ECharts holds after drawing, as data attributes (see the file comment). */
function describe(chart: ECharts, el: HTMLElement, type: string): void {
  const held = chart.getOption() as { xAxis?: { data?: unknown[] }[]; series?: { type?: string; data?: unknown[] }[] };
  const series = held.series ?? [];
  const points = held.xAxis?.[0]?.data?.length ?? (series[0]?.type === 'pie' ? series[0].data?.length ?? 0 : 0);
  el.dataset.chartType = type;
  el.dataset.points = String(points);
  el.dataset.series = String(series.length);
}

export default function ChartCanvas({ option, type, label }: { option: EChartsOption; type: string; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const drawn = useRef<{ option: EChartsOption; type: string }>({ option, type });
  drawn.current = { option, type };

  // One instance per mounted card: created here, resized with its box, disposed on unmount.
  useEffect(() => {
    const el = box.current!;
    const instance = init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    const redraw = () => {
      instance.setOption(themed(drawn.current.option, paletteOf(el)), { notMerge: true });
      describe(instance, el, drawn.current.type);
    };
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', redraw);
    return () => {
      scheme.removeEventListener('change', redraw);
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const el = box.current;
    if (!chart.current || !el) return;
    chart.current.setOption(themed(option, paletteOf(el)), { notMerge: true });
    describe(chart.current, el, type);
  }, [option, type]);

  return <div ref={box} className={`chart-canvas chart-${type.toLowerCase()}`} data-testid="chart" role="img" aria-label={label} />;
}
