/**
 * The PDF's chart: the report's chart option (@reportcast/charts, the same the builder and the
 * email draw) rendered by ECharts to SVG on the server and placed with svg-to-pdfkit as vectors.
 *
 * Text stays text: every label of the SVG is split into runs by script (pdf-fonts.ts's splitRuns)
 * and each run is set in the embedded Noto face pdf-fonts.ts registers for it, so axis labels and
 * category names (Japanese, Greek, Arabic, …) are real text that pdftotext and pdfjs find, in the
 * same fonts as the rest of the document.
 *
 * Rows: the chart covers the first rows of the result (chartRowLimit: the visualization's
 * maxPoints or the type's default); only those are kept, so memory stays bounded however many rows
 * the export has. The chart's subtitle says when it covers fewer rows than the file.
 */
import SVGtoPDF from 'svg-to-pdfkit';
import { chartOption, chartRowLimit, effectiveVisualization } from '@reportcast/charts';
import { renderChartSvg } from '../../charts/chart-svg.js';
import { fontFile, splitRuns, type Face, type PdfText } from './pdf-fonts.js';
import type { ExportChart, ExportColumn } from './writer.js';

type Doc = PDFKit.PDFDocument;

export interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** SVG px per PDF point: the chart is drawn at 96 dpi and placed at 72 (ECharts' 12px labels are 9pt). */
const PX_PER_PT = 96 / 72;
const CAPTION_HEIGHT = 16;
const FAMILY_PREFIX = 'rc-';

/**
 * When a writer is given no chart (callers other than the export runner), the columns stand for the
 * definition as the compiler orders them: leading non-numeric columns are the dimensions, the
 * numeric columns after them the measures.
 */
export function chartFromColumns(columns: ExportColumn[]): ExportChart {
  const firstMeasure = columns.findIndex((c) => c.kind === 'NUMBER');
  const split = firstMeasure < 0 ? columns.length : firstMeasure;
  return {
    definition: {
      dimensions: columns.slice(0, split).map((c) => ({ key: c.key, label: c.label, kind: c.kind })),
      measures: columns.slice(split).filter((c) => c.kind === 'NUMBER').map((c) => ({ key: c.key, label: c.label, kind: c.kind })),
    },
    visualization: null,
  };
}

/** Collects the rows a chart covers while the export streams, then draws it. */
export class PdfChart {
  private readonly rows: unknown[][] = [];
  private readonly limit: number;
  /** False when nothing is drawn (TABLE, or no measure): the writer reserves no space. */
  readonly enabled: boolean;

  constructor(
    private readonly chart: ExportChart,
    private readonly options: { timeZone: string; locale?: string },
  ) {
    this.limit = chartRowLimit(chart.definition, chart.visualization);
    this.enabled = this.limit > 0 && chart.definition.measures.length > 0;
  }

  add(row: unknown[]): void {
    if (this.enabled && this.rows.length < this.limit) this.rows.push(row);
  }

  /** A caption naming what is drawn, e.g. `Total events by Date and Event type`. */
  caption(): string {
    const { definition } = this.chart;
    const vis = effectiveVisualization(definition, this.chart.visualization);
    const chosen = (vis.series ?? []).map((k) => definition.measures.find((m) => m.key === k)).filter((m) => m !== undefined);
    const measures = chosen.length ? chosen : definition.measures;
    const dims = definition.dimensions;
    const what = vis.type === 'NUMBER' || vis.type === 'PIE' || dims.length > 1 ? measures[0]!.label : measures.map((m) => m.label).join(', ');
    return dims.length ? `${what} by ${dims.map((d) => d.label).join(' and ')}` : what;
  }

  /** Draws the caption and the chart inside `box`; `totalRows`: the rows the file holds. */
  async draw(doc: Doc, box: ChartBox, txt: PdfText, totalRows: number): Promise<void> {
    if (!this.enabled) return;
    const option = chartOption(this.chart.definition, this.chart.visualization, this.rows, {
      timeZone: this.options.timeZone,
      totalRows,
      ...(this.options.locale ? { locale: this.options.locale } : {}),
      fontFamily: 'Noto Sans',
    });
    if (!option) return;
    const height = box.height - CAPTION_HEIGHT;
    const svg = await renderChartSvg(option, box.width * PX_PER_PT, height * PX_PER_PT);
    doc.save();
    doc.fontSize(10).fillColor('#1f2937');
    txt.draw(txt.truncate(this.caption(), box.width, true), box.x, box.y, true);
    placeSvg(doc, txt, withScriptRuns(svg), { x: box.x, y: box.y + CAPTION_HEIGHT, width: box.width, height });
    doc.restore();
  }
}

/** Places an SVG with svg-to-pdfkit, its `rc-<face>` font families mapped to pdf-fonts.ts's faces. */
export function placeSvg(doc: Doc, txt: PdfText, svg: string, box: ChartBox): void {
  SVGtoPDF(doc, svg, box.x, box.y, {
    width: box.width,
    height: box.height,
    assumePt: false,
    fontCallback: (family, bold) => registeredFace(doc, txt, faceOf(family), bold),
    warningCallback: () => undefined,
  });
}

function faceOf(family: string): Face {
  const name = family.replace(/["']/g, '').split(',')[0]!.trim();
  return (name.startsWith(FAMILY_PREFIX) ? name.slice(FAMILY_PREFIX.length) : 'sans') as Face;
}

/**
 * The name `face` is registered under in `doc`: PdfText registers it on first use; svg-to-pdfkit
 * needs the name to select it (pdfkit keeps registrations in `_registeredFonts`, keyed by name,
 * each with the font bytes pdf-fonts.ts read, which identify the face).
 */
function registeredFace(doc: Doc, txt: PdfText, face: Face, bold: boolean): string {
  txt.use(face, bold);
  const file = fontFile(face, bold);
  const registered = (doc as unknown as { _registeredFonts?: Record<string, { src?: unknown }> })._registeredFonts ?? {};
  return Object.keys(registered).find((name) => registered[name]!.src === file) ?? 'Helvetica';
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e.toLowerCase()]!);
}

function encodeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Every `<text>` of ECharts' SVG (plain text content, never nested markup) becomes one `<tspan>`
 * per script run whose font-family names the face (`rc-jp`, `rc-sans`, …) that fontCallback maps
 * to the document's embedded font: a label mixing 東京 and Latin draws each part in a face that has
 * its glyphs, exactly as the table's cells do.
 */
export function withScriptRuns(svg: string): string {
  return svg.replace(/(<text\b[^>]*>)([^<]*)(<\/text>)/g, (_m, tag: string, content: string, close: string) => {
    // A halo drawn under the text (paint-order="stroke", ECharts' pie labels): svg-to-pdfkit paints
    // strokes over fills, which would hide the text under the halo, so the PDF draws none.
    const open = tag.includes('paint-order="stroke"') ? tag.replace(/\s(?:stroke|stroke-width|stroke-miterlimit|paint-order)="[^"]*"/g, '') : tag;
    const runs = splitRuns(decodeXml(content));
    if (runs.length === 0) return `${open}${close}`;
    const spans = runs.map((r) => `<tspan style="font-family:${FAMILY_PREFIX}${r.face}">${encodeXml(r.text)}</tspan>`).join('');
    return `${open}${spans}${close}`;
  });
}
