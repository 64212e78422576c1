/**
 * Server-side drawing of a chart option: ECharts' SSR renderer turns the option from
 * @reportcast/charts into an SVG string (no DOM, no canvas), which the PDF places as vectors
 * (exports/writers/pdf-chart.ts) and the email rasterises to PNG (chart-png.ts). Pure: no I/O.
 */
import type { EChartsOption } from 'echarts';

/**
 * ECharts is loaded on the first chart, not at start-up: importing it costs about a second of CPU
 * (measured 1.05 s on the 2-core CI machine), which every API process and CLI command would pay.
 */
let echartsModule: Promise<typeof import('echarts')> | undefined;

/** The SVG of `option` drawn `width` × `height` px, animation off (SSR draws the final frame). */
export async function renderChartSvg(option: EChartsOption, width: number, height: number): Promise<string> {
  const echarts = await (echartsModule ??= import('echarts'));
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: Math.round(width), height: Math.round(height) });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
