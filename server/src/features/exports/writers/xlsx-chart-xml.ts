/**
 * The DrawingML parts of a native Excel chart (ECMA-376 part 1, §21.2 charts, §20.5 spreadsheet
 * drawings): the chart part, the drawing that anchors it on a sheet, the drawing's relationships
 * and the content-type overrides. Pure string building, no I/O; xlsx-chart.ts decides what is drawn
 * and adds the parts to exceljs's zip.
 *
 * Why the cached values: every reference (`'Data'!$B$2:$B$101`) carries a `numCache`/`strCache`
 * of what the cells held when written, because viewers that do not recalculate (previewers, mail
 * clients, some mobile apps) draw from the cache; Excel and LibreOffice read the cells, so the
 * chart follows when the user edits a number.
 *
 * Element order follows the schema's sequences (Excel refuses a part whose children are out of
 * order, as a "repair"): e.g. a bar series is idx, order, tx, spPr, invertIfNegative, cat, val.
 * Every user string (report name, labels, category text in any script) goes through `xmlText`.
 */

export type NativeChartKind = 'bar' | 'line' | 'area' | 'pie' | 'doughnut';

/** A rectangle of cells on one sheet, 1-based. */
export interface CellRange {
  sheet: string;
  firstColumn: number;
  firstRow: number;
  lastColumn: number;
  lastRow: number;
}

/** A cached point: its index in the range and its value (absent points are blanks). */
export interface CachedPoint<T> {
  index: number;
  value: T;
}

export interface NativeSeries {
  /** The header cell naming the series, and its text. */
  nameCell: CellRange;
  name: string;
  values: CellRange;
  /** One entry per non-blank cell of `values`. */
  cache: CachedPoint<number>[];
}

export type NativeCategories =
  | { kind: 'text'; cells: CellRange; cache: CachedPoint<string>[] }
  /** Numbers, dates and date-times (as Excel serials) shown with `formatCode`. */
  | { kind: 'number'; cells: CellRange; cache: CachedPoint<number>[]; formatCode: string };

export interface NativeChartSpec {
  kind: NativeChartKind;
  /** BAR and AREA: stacked instead of side by side / overlapping. */
  stacked: boolean;
  title: string;
  /** A second, smaller title line, e.g. `First 1,000 of 250,000 rows`. */
  subtitle?: string;
  /** Axis titles (bar, line, area); empty or absent: none. */
  xTitle?: string;
  yTitle?: string;
  /** Absent: the series have no categories (one point each). */
  categories?: NativeCategories;
  series: NativeSeries[];
}

const NS_CHART = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_MAIN = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_SHEET_DRAWING = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const NS_PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export const DRAWING_REL_TYPE = `${NS_REL}/drawing`;
export const CHART_REL_TYPE = `${NS_REL}/chart`;
export const DRAWING_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
export const CHART_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CATEGORY_AXIS_ID = 500000001;
const VALUE_AXIS_ID = 500000002;
/** Office's default accent colours, so series look as Excel's own charts do in every viewer. */
const PALETTE = ['4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47', '264478', '9E480E', '636363', '997300'];

/**
 * Text for XML content and attribute values (always double-quoted): `&`, `<`, `>` and `"` escaped
 * (an apostrophe stays, as Excel writes `'Data'!$A$1`), and characters
 * XML 1.0 cannot hold at all (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF)
 * left out. Every script, emoji included, passes through as is (the part is UTF-8).
 */
export function xmlText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Column number → letters: 1 → A, 28 → AB. */
function letters(n: number): string {
  let out = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) out = String.fromCharCode(65 + ((rest - 1) % 26)) + out;
  return out;
}

/** An absolute A1 reference with its sheet: `'Data'!$B$2:$B$101` (`'Data'!$B$1` for one cell). */
export function rangeFormula(range: CellRange): string {
  const sheet = `'${range.sheet.replace(/'/g, "''")}'`;
  const first = `$${letters(range.firstColumn)}$${range.firstRow}`;
  const last = `$${letters(range.lastColumn)}$${range.lastRow}`;
  return `${sheet}!${first}${first === last ? '' : `:${last}`}`;
}

function cellCount(range: CellRange): number {
  return (range.lastColumn - range.firstColumn + 1) * (range.lastRow - range.firstRow + 1);
}

/** A number as a cache value: JS's shortest round-trip form (`1e+21` is a valid xsd:double). */
function numberValue(n: number): string {
  return Number.isFinite(n) ? String(n) : '0';
}

function strRef(range: CellRange, cache: CachedPoint<string>[]): string {
  const points = cache.map((p) => `<c:pt idx="${p.index}"><c:v>${xmlText(p.value)}</c:v></c:pt>`).join('');
  return `<c:strRef><c:f>${xmlText(rangeFormula(range))}</c:f><c:strCache><c:ptCount val="${cellCount(range)}"/>${points}</c:strCache></c:strRef>`;
}

function numRef(range: CellRange, cache: CachedPoint<number>[], formatCode = 'General'): string {
  const points = cache.map((p) => `<c:pt idx="${p.index}"><c:v>${numberValue(p.value)}</c:v></c:pt>`).join('');
  return `<c:numRef><c:f>${xmlText(rangeFormula(range))}</c:f><c:numCache><c:formatCode>${xmlText(formatCode)}</c:formatCode><c:ptCount val="${cellCount(range)}"/>${points}</c:numCache></c:numRef>`;
}

/** Rich text of a title: one paragraph per line, the first `size` hundredths of a point. */
function richText(lines: { text: string; size: number; bold: boolean }[]): string {
  const paragraphs = lines
    .map((l) => `<a:p><a:pPr><a:defRPr sz="${l.size}" b="${l.bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="en-US" sz="${l.size}" b="${l.bold ? 1 : 0}"/><a:t>${xmlText(l.text)}</a:t></a:r></a:p>`)
    .join('');
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/>${paragraphs}</c:rich></c:tx>`;
}

function title(lines: { text: string; size: number; bold: boolean }[]): string {
  return `<c:title>${richText(lines)}<c:overlay val="0"/></c:title>`;
}

function fill(color: string, kind: NativeChartKind): string {
  // Lines are drawn by their outline; bars, areas and slices by their fill.
  if (kind === 'line') return `<c:spPr><a:ln w="22225" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:round/></a:ln></c:spPr>`;
  return `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr>`;
}

function seriesXml(spec: NativeChartSpec, s: NativeSeries, i: number): string {
  const color = PALETTE[i % PALETTE.length]!;
  const pie = spec.kind === 'pie' || spec.kind === 'doughnut';
  const parts = [`<c:idx val="${i}"/>`, `<c:order val="${i}"/>`, `<c:tx>${strRef(s.nameCell, [{ index: 0, value: s.name }])}</c:tx>`];
  // A pie's slices take the palette point by point (varyColors); a series colour would paint them all alike.
  if (!pie) parts.push(fill(color, spec.kind));
  if (spec.kind === 'bar') parts.push('<c:invertIfNegative val="0"/>');
  // Markers only where points are few enough to tell apart (as the ECharts option does, ≤ 60).
  if (spec.kind === 'line') parts.push(pointCount(spec) <= 60 ? '<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>' : '<c:marker><c:symbol val="none"/></c:marker>');
  const cat = spec.categories;
  if (cat) parts.push(`<c:cat>${cat.kind === 'text' ? strRef(cat.cells, cat.cache) : numRef(cat.cells, cat.cache, cat.formatCode)}</c:cat>`);
  parts.push(`<c:val>${numRef(s.values, s.cache)}</c:val>`);
  if (spec.kind === 'line') parts.push('<c:smooth val="0"/>');
  return `<c:ser>${parts.join('')}</c:ser>`;
}

function pointCount(spec: NativeChartSpec): number {
  return spec.categories ? cellCount(spec.categories.cells) : 1;
}

function axisTitle(text: string | undefined): string {
  return text ? title([{ text, size: 1000, bold: false }]) : '';
}

function axes(spec: NativeChartSpec): string {
  const cat = spec.categories;
  // Category labels read as the cells do (a date column's format), so viewers without recalculation match.
  const categoryFormat = cat?.kind === 'number' ? cat.formatCode : 'General';
  const category =
    `<c:catAx><c:axId val="${CATEGORY_AXIS_ID}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    axisTitle(spec.xTitle) +
    `<c:numFmt formatCode="${xmlText(categoryFormat)}" sourceLinked="1"/>` +
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>' +
    `<c:crossAx val="${VALUE_AXIS_ID}"/><c:crosses val="autoZero"/>` +
    // auto 0: the categories are the cells' values in row order, never regrouped into a date axis by day.
    '<c:auto val="0"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>';
  const value =
    `<c:valAx><c:axId val="${VALUE_AXIS_ID}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
    '<c:majorGridlines><c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>' +
    axisTitle(spec.yTitle) +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `<c:crossAx val="${CATEGORY_AXIS_ID}"/><c:crosses val="autoZero"/><c:crossBetween val="${spec.kind === 'bar' ? 'between' : 'midCat'}"/></c:valAx>`;
  return category + value;
}

function plot(spec: NativeChartSpec): string {
  const series = spec.series.map((s, i) => seriesXml(spec, s, i)).join('');
  const axisIds = `<c:axId val="${CATEGORY_AXIS_ID}"/><c:axId val="${VALUE_AXIS_ID}"/>`;
  switch (spec.kind) {
    case 'bar':
      return (
        `<c:barChart><c:barDir val="col"/><c:grouping val="${spec.stacked ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>${series}` +
        // Stacked bars lie on one another: full overlap, else each segment would sit beside the last.
        `<c:gapWidth val="${spec.stacked ? 60 : 150}"/>${spec.stacked ? '<c:overlap val="100"/>' : ''}${axisIds}</c:barChart>` +
        axes(spec)
      );
    case 'line':
      return `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axisIds}</c:lineChart>${axes(spec)}`;
    case 'area':
      return `<c:areaChart><c:grouping val="${spec.stacked ? 'stacked' : 'standard'}"/><c:varyColors val="0"/>${series}${axisIds}</c:areaChart>${axes(spec)}`;
    case 'pie':
      return `<c:pieChart><c:varyColors val="1"/>${series}${pieLabels()}<c:firstSliceAng val="0"/></c:pieChart>`;
    case 'doughnut':
      return `<c:doughnutChart><c:varyColors val="1"/>${series}${pieLabels()}<c:firstSliceAng val="0"/><c:holeSize val="50"/></c:doughnutChart>`;
  }
}

/** Slice labels as percentages (what the ECharts pie shows beside the name). */
function pieLabels(): string {
  return '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="1"/><c:showBubbleSize val="0"/><c:showLeaderLines val="1"/></c:dLbls>';
}

/** `xl/charts/chartN.xml`. */
export function chartXml(spec: NativeChartSpec): string {
  const lines = [{ text: spec.title, size: 1400, bold: true }];
  if (spec.subtitle) lines.push({ text: spec.subtitle, size: 1000, bold: false });
  const pie = spec.kind === 'pie' || spec.kind === 'doughnut';
  // A legend names the series (or a pie's slices); one unnamed-by-need series needs none.
  const legend = pie || spec.series.length > 1 ? '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' : '';
  return (
    XML_DECLARATION +
    `<c:chartSpace xmlns:c="${NS_CHART}" xmlns:a="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<c:roundedCorners val="0"/>' +
    `<c:chart>${title(lines)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot(spec)}</c:plotArea>${legend}` +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>' +
    '</c:chartSpace>'
  );
}

/** Where a drawing sits: from the top-left corner of one cell to the top-left of another (0-based). */
export interface CellAnchor {
  fromColumn: number;
  fromRow: number;
  toColumn: number;
  toRow: number;
}

/** `xl/drawings/drawingN.xml`: one chart frame anchored over cells, its chart at relationship `chartRelId`. */
export function drawingXml(anchor: CellAnchor, chartRelId: string, name: string): string {
  const marker = (tag: string, column: number, row: number) =>
    `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    XML_DECLARATION +
    `<xdr:wsDr xmlns:xdr="${NS_SHEET_DRAWING}" xmlns:a="${NS_MAIN}">` +
    '<xdr:twoCellAnchor editAs="oneCell">' +
    marker('from', anchor.fromColumn, anchor.fromRow) +
    marker('to', anchor.toColumn, anchor.toRow) +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${xmlText(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${NS_CHART}"><c:chart xmlns:c="${NS_CHART}" xmlns:r="${NS_REL}" r:id="${xmlText(chartRelId)}"/></a:graphicData></a:graphic>` +
    '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>'
  );
}

/** A relationships part (`…/_rels/….rels`) with the given relationships. */
export function relationshipsXml(relationships: { id: string; type: string; target: string }[]): string {
  const items = relationships.map((r) => `<Relationship Id="${xmlText(r.id)}" Type="${xmlText(r.type)}" Target="${xmlText(r.target)}"/>`).join('');
  return `${XML_DECLARATION}<Relationships xmlns="${NS_PACKAGE_REL}">${items}</Relationships>`;
}

/**
 * `[Content_Types].xml` with an Override for each part added, inserted before `</Types>`; a part
 * already listed is left as it is.
 */
export function withContentTypeOverrides(contentTypes: string, overrides: { partName: string; contentType: string }[]): string {
  const end = contentTypes.lastIndexOf('</Types>');
  if (end < 0) throw new Error('[Content_Types].xml without </Types>');
  const added = overrides
    .filter((o) => !contentTypes.includes(`PartName="${xmlText(o.partName)}"`))
    .map((o) => `<Override PartName="${xmlText(o.partName)}" ContentType="${xmlText(o.contentType)}"/>`)
    .join('');
  return contentTypes.slice(0, end) + added + contentTypes.slice(end);
}
