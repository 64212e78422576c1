/**
 * Server-side drawing of a chart option: ECharts' SSR renderer turns the option from
 * @reportcast/charts into an SVG string (no DOM, no canvas), which the PDF places as vectors
 * (exports/writers/pdf-chart.ts) and the email rasterises to PNG (chart-png.ts). Pure: no I/O.
 */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

/** The SVG of `option` drawn `width` × `height` px, animation off (SSR draws the final frame). */
export function renderChartSvg(option: EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: Math.round(width), height: Math.round(height) });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
