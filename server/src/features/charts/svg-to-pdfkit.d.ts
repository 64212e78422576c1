/** svg-to-pdfkit 0.1 ships no types: the part of its API Reportcast uses (README "Options"). */
declare module 'svg-to-pdfkit' {
  interface SvgToPdfOptions {
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    /** Treat SVG px as PDF points (default false: 1px = 0.75pt). */
    assumePt?: boolean;
    /** The PDF font for a text element: a name registered in the document (or a file). */
    fontCallback?: (family: string, bold: boolean, italic: boolean, fontOptions: { fauxItalic: boolean; fauxBold: boolean }) => string;
    warningCallback?: (message: string) => void;
    precision?: number;
  }
  function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x?: number, y?: number, options?: SvgToPdfOptions): void;
  export default SVGtoPDF;
}
