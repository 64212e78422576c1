/**
 * Right-to-left text in the PDF: the Unicode Bidirectional Algorithm (UAX #9, with bidi-js) turns
 * a line of script runs (pdf-fonts.ts splitRuns, in logical order) into the pieces pdfkit draws
 * left to right, in visual order.
 *
 * Who reverses what:
 * - bidi-js resolves each character's embedding level (the paragraph's direction from its first
 *   strong character unless given, explicit marks, numbers, brackets), reorders a line (L2) and
 *   names the characters to mirror at odd levels (`(` drawn as `)`, L4).
 * - fontkit (inside pdfkit) shapes a string and, when its first character of a real script is
 *   Arabic or Hebrew, returns the glyphs reversed (fontkit's Script.direction). Arabic joining
 *   forms (`init`, `medi`, `fina`) are only chosen when fontkit sees the letters in logical order,
 *   so an RTL run is handed over whole and in logical order and fontkit's own reversal is what
 *   puts its letters right to left; the algorithm only moves runs around it.
 * - Anything else at an odd level that fontkit would not reverse (spaces, brackets and
 *   punctuation between RTL words, Latin in a reversed stretch) is reversed here, by grapheme, so
 *   an emoji sequence or a combining mark stays in one piece. Text fontkit would reverse but that
 *   sits at an even level (Arabic-Indic digits, level 2 inside Arabic) is reversed here first, so
 *   fontkit's reversal puts it back.
 */
import bidiModule, { type Bidi } from 'bidi-js';

export type Direction = 'ltr' | 'rtl';

// bidi-js is a UMD bundle whose module.exports is the factory; its types declare it as an ES
// default export, which TypeScript's NodeNext reading of a CommonJS package puts one level down.
const bidiFactory = bidiModule as unknown as () => Bidi;
const bidi = bidiFactory();

/**
 * Whether `text` may hold right-to-left text: a character of the Hebrew, Arabic, Syriac, Thaana or
 * N'Ko blocks (and their presentation forms) or an RTL mark, embedding, override or isolate. Text
 * without one is all left to right and skips the algorithm (most cells of most reports).
 */
const MAY_BE_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u202b\u202e\u2067]/;

/** The base direction of `text`: its first strong character's (UAX #9 P2–P3), LTR when there is none. */
export function paragraphDirection(text: string): Direction {
  if (!MAY_BE_RTL.test(text)) return 'ltr';
  const level = bidi.getEmbeddingLevels(text, 'auto').paragraphs[0]?.level ?? 0;
  return level & 1 ? 'rtl' : 'ltr';
}

/** A run of one face, as pdf-fonts.ts splits text. */
export interface FaceRun<F> {
  text: string;
  face: F;
}

/** A piece of a line to draw, left to right: `text` is what pdfkit gets; `reversedByFont` when fontkit will lay its glyphs out right to left. */
export interface VisualRun<F> extends FaceRun<F> {
  reversedByFont: boolean;
  /** The UAX #9 embedding level (odd: right to left). */
  level: number;
}

// A character of a real script (not Common, Inherited or unassigned), as fontkit's Script.forString looks for.
const SCRIPT_CHAR = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
const RTL_SCRIPT_CHAR = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** Whether fontkit lays `text` out right to left: its first character of a real script is an RTL script's. */
export function fontReverses(text: string): boolean {
  const first = SCRIPT_CHAR.exec(text);
  return first !== null && RTL_SCRIPT_CHAR.test(first[0]);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text` with its grapheme clusters in reverse order (`a👩‍💻b` → `b👩‍💻a`). */
function reverseGraphemes(text: string): string {
  return Array.from(graphemes.segment(text), (s) => s.segment).reverse().join('');
}

/**
 * The runs of one line in visual order, left to right. `runs` are the line's runs in logical order;
 * `direction` is the paragraph's (paragraphDirection of the whole, unwrapped text, so a wrapped
 * line keeps its paragraph's direction). Drawing each result in order, at increasing x, gives the
 * UAX #9 display: runs reordered, brackets mirrored, RTL runs shaped in logical order by fontkit.
 */
export function visualRuns<F>(runs: readonly FaceRun<F>[], direction: Direction): VisualRun<F>[] {
  const text = runs.map((r) => r.text).join('');
  if (text === '') return [];
  const faces: F[] = [];
  for (const run of runs) for (let i = 0; i < run.text.length; i++) faces.push(run.face);
  // Nothing right to left: one visual run per logical run, as they are.
  if (direction === 'ltr' && !MAY_BE_RTL.test(text)) {
    return runs.map((r) => ({ ...r, reversedByFont: fontReverses(r.text), level: 0 }));
  }
  const embedding = bidi.getEmbeddingLevels(text, direction);
  const levels = embedding.levels;
  const mirrored = bidi.getMirroredCharactersMap(text, levels);
  const order = bidi.getReorderedIndices(text, embedding);

  const out: VisualRun<F>[] = [];
  let i = 0;
  while (i < order.length) {
    // A group: consecutive visual positions of one face and level whose logical indices step by
    // one in a single direction (up: kept, down: reversed by the algorithm).
    const start = order[i]!;
    let end = start;
    let step = 0;
    let j = i + 1;
    while (j < order.length) {
      const idx = order[j]!;
      const d = idx - end;
      if ((d !== 1 && d !== -1) || (step !== 0 && d !== step) || faces[idx] !== faces[start] || levels[idx] !== levels[start]) break;
      step = d;
      end = idx;
      j++;
    }
    const lo = Math.min(start, end);
    const hi = Math.max(start, end);
    let logical = '';
    for (let k = lo; k <= hi; k++) logical += mirrored.get(k) ?? text[k];
    const level = levels[start]!;
    // A one-character group is reversed exactly when it sits at an odd level.
    const reversed = step === -1 || (step === 0 && (level & 1) === 1);
    const byFont = fontReverses(logical);
    out.push({ text: reversed === byFont ? logical : reverseGraphemes(logical), face: faces[start]!, reversedByFont: byFont, level });
    i = j;
  }
  return out;
}

