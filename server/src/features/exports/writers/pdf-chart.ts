/**
 * A small time-series chart drawn with pdfkit vector operations, for the PDF export's first page.
 *
 * Pure drawing: given a box and a series (labels + values, already aggregated and ordered), it draws
 * a caption, a y axis with a few "nice" gridlines labelled compactly (1.2k, 3.4M), an x axis whose
 * labels are thinned so they never overlap, and either bars (few points) or a line (many points).
 * Text is measured and drawn through the writer's PdfText (embedded fonts chosen per script run).
 */
import type { PdfText } from './pdf-fonts.js';

type Doc = PDFKit.PDFDocument;

export interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartSeries {
  /** One label per point, in x order (already formatted for display). */
  labels: string[];
  values: number[];
}

export interface ChartStyle {
  caption: string;
  /** Optional grey text after the caption, e.g. a note about the data the chart covers. */
  note?: string;
  kind: 'bar' | 'line';
  /** Draws and measures text with the document's embedded fonts. */
  text: PdfText;
}

const COLORS = {
  text: '#1f2937',
  muted: '#6b7280',
  grid: '#e5e7eb',
  axis: '#9ca3af',
  series: '#2f6db5',
  seriesFill: '#dbe7f5',
};

/** Draws the chart inside `box`; never draws outside it. */
export function drawTimeSeriesChart(doc: Doc, box: ChartBox, series: ChartSeries, style: ChartStyle): void {
  const { labels, values } = series;
  const txt = style.text;
  doc.save();

  // Caption.
  doc.fontSize(10).fillColor(COLORS.text);
  const caption = txt.truncate(style.caption, box.width, true);
  txt.draw(caption, box.x, box.y, true);
  if (style.note) {
    const captionWidth = txt.width(caption, true);
    doc.fontSize(8).fillColor(COLORS.muted);
    txt.draw(style.note, box.x + captionWidth + 6, box.y + 1.5);
  }

  const labelSize = 7;
  doc.fontSize(labelSize);
  const plotTop = box.y + 22;
  const xLabelBand = 14;
  const plotBottom = box.y + box.height - xLabelBand;

  if (values.length === 0) {
    doc.fillColor(COLORS.muted).fontSize(9);
    txt.draw('No data to chart.', box.x, (plotTop + plotBottom) / 2 - 5);
    doc.restore();
    return;
  }

  // Y scale: include zero so bars have a baseline; "nice" ticks.
  let min = Math.min(0, ...values);
  let max = Math.max(0, ...values);
  if (min === max) max = min + 1;
  const ticks = niceTicks(min, max, 5);
  min = ticks[0]!;
  max = ticks[ticks.length - 1]!;
  const tickLabels = ticks.map(compactNumber);
  const yLabelWidth = Math.max(...tickLabels.map((t) => txt.width(t)));
  const plotLeft = box.x + yLabelWidth + 6;
  const plotRight = box.x + box.width;
  const plotWidth = plotRight - plotLeft;
  const plotHeight = plotBottom - plotTop;
  const yOf = (v: number) => plotBottom - ((v - min) / (max - min)) * plotHeight;

  // Gridlines and y labels.
  doc.lineWidth(0.5);
  ticks.forEach((t, i) => {
    const y = yOf(t);
    doc.moveTo(plotLeft, y).lineTo(plotRight, y).strokeColor(t === 0 ? COLORS.axis : COLORS.grid).stroke();
    const label = tickLabels[i]!;
    doc.fillColor(COLORS.muted);
    txt.draw(label, plotLeft - 4 - txt.width(label), y - labelSize / 2 - 0.5);
  });

  // Points' x centres: bars sit in equal slots; lines span the whole width.
  const n = values.length;
  const slot = plotWidth / n;
  const xOf =
    style.kind === 'bar'
      ? (i: number) => plotLeft + slot * (i + 0.5)
      : (i: number) => (n === 1 ? plotLeft + plotWidth / 2 : plotLeft + (plotWidth * i) / (n - 1));

  const zeroY = yOf(0);
  if (style.kind === 'bar') {
    const barWidth = Math.max(0.5, Math.min(slot * 0.68, 48));
    doc.fillColor(COLORS.series);
    values.forEach((v, i) => {
      const y = yOf(v);
      const top = Math.min(y, zeroY);
      const h = Math.abs(zeroY - y);
      if (h > 0) doc.rect(xOf(i) - barWidth / 2, top, barWidth, h);
    });
    doc.fill();
    // Value labels above bars when there are few of them and each fits its slot.
    const valueLabels = values.map(compactNumber);
    if (n <= 16 && valueLabels.every((l) => txt.width(l) <= slot - 2)) {
      values.forEach((v, i) => {
        const l = valueLabels[i]!;
        const x = xOf(i) - txt.width(l) / 2;
        if (v >= 0) {
          doc.fillColor(COLORS.text);
          txt.draw(l, x, yOf(v) - labelSize - 2);
        } else if (yOf(v) - zeroY >= labelSize + 5) {
          // Negative bars carry their label inside, near the bar's end, clear of the x labels.
          doc.fillColor('#ffffff');
          txt.draw(l, x, yOf(v) - labelSize - 2.5);
        }
      });
    }
  } else {
    // Soft area under the line, then the line itself.
    doc.moveTo(xOf(0), zeroY);
    values.forEach((v, i) => doc.lineTo(xOf(i), yOf(v)));
    doc.lineTo(xOf(n - 1), zeroY).closePath().fillColor(COLORS.seriesFill).fill();
    doc.moveTo(xOf(0), yOf(values[0]!));
    for (let i = 1; i < n; i++) doc.lineTo(xOf(i), yOf(values[i]!));
    doc.lineWidth(1.25).lineJoin('round').strokeColor(COLORS.series).stroke();
    if (n <= 60) {
      doc.fillColor(COLORS.series);
      values.forEach((v, i) => doc.circle(xOf(i), yOf(v), 1.6));
      doc.fill();
    }
  }

  // X axis line and thinned labels: every k-th label so that labels keep a gap between them.
  doc.lineWidth(0.75).moveTo(plotLeft, plotBottom).lineTo(plotRight, plotBottom).strokeColor(COLORS.axis).stroke();
  doc.fontSize(labelSize).fillColor(COLORS.muted);
  const widest = Math.max(...labels.map((l) => txt.width(l)));
  const spacing = n === 1 ? plotWidth : style.kind === 'bar' ? slot : plotWidth / (n - 1);
  const gap = 8;
  const step = Math.max(1, Math.ceil((widest + gap) / spacing));
  let lastRight = -Infinity;
  for (let i = 0; i < n; i += step) {
    const l = labels[i]!;
    const w = txt.width(l);
    // Keep labels inside the box at the edges, and skip one that would touch its left neighbour.
    const x = Math.min(Math.max(xOf(i) - w / 2, box.x), plotRight - w);
    if (x < lastRight + gap) continue;
    lastRight = x + w;
    txt.draw(l, x, plotBottom + 4);
    doc.moveTo(xOf(i), plotBottom).lineTo(xOf(i), plotBottom + 2.5).strokeColor(COLORS.axis).stroke();
  }
  doc.restore();
}

/** Evenly spaced round tick values covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count: number): number[] {
  const rawStep = (max - min) / Math.max(1, count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const residual = rawStep / magnitude;
  const nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10;
  const step = nice * magnitude;
  const start = Math.floor(min / step) * step;
  const end = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** 1234 → "1.2k", 3400000 → "3.4M", 12.345 → "12.3", 1.2e19 → "1.2e19". */
export function compactNumber(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e15) return v.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size) return `${trimNumber(v / size, abs / size >= 100 ? 0 : 1)}${suffix}`;
  }
  return trimNumber(v, abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
}

function trimNumber(v: number, digits: number): string {
  const s = v.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
