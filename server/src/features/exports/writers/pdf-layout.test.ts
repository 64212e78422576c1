import { describe, expect, it } from 'vitest';
import { MAX_STRETCH, MIN_SCALE, ORIENTATIONS, PAPER_SIZES, fitWidths, groupCaption, maxColumnWidth, pageOrientation, pageSize, planTable } from './pdf-layout.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('page geometry', () => {
  it('gives ISO A4/A3 and ANSI Letter in points, both orientations', () => {
    const expected = { A4: [595.28, 841.89], LETTER: [612, 792], A3: [841.89, 1190.55] } as const;
    for (const paper of PAPER_SIZES) {
      const [w, h] = expected[paper];
      expect(pageSize(paper, 'PORTRAIT')).toEqual({ width: w, height: h });
      expect(pageSize(paper, 'LANDSCAPE')).toEqual({ width: h, height: w });
    }
    // 210 × 297 mm and 8.5 × 11 in, to the hundredth of a point.
    expect(pageSize('A4', 'PORTRAIT').width).toBeCloseTo((210 / 25.4) * 72, 1);
    expect(pageSize('LETTER', 'PORTRAIT').height).toBe(11 * 72);
    expect(pageSize(undefined, 'PORTRAIT')).toEqual(pageSize('A4', 'PORTRAIT'));
  });

  it('keeps a requested orientation, else landscape only for more than 6 columns', () => {
    for (const o of ORIENTATIONS) for (const n of [1, 6, 7, 40]) expect(pageOrientation(o, n)).toBe(o);
    expect([1, 5, 6].map((n) => pageOrientation(null, n))).toEqual(['PORTRAIT', 'PORTRAIT', 'PORTRAIT']);
    expect([7, 20].map((n) => pageOrientation(undefined, n))).toEqual(['LANDSCAPE', 'LANDSCAPE']);
  });
});

describe('planTable', () => {
  it('a table that fits: one group, stretched at most 1.8 times, no shrink', () => {
    const plan = planTable([100, 100, 100], 500);
    expect(plan.scale).toBe(1);
    expect(plan.groups).toEqual([[0, 1, 2]]);
    expect(sum(plan.widths)).toBeCloseTo(500);
    expect(planTable([50, 50], 400).widths).toEqual([50 * MAX_STRETCH, 50 * MAX_STRETCH]);
  });

  it('shrinks a slightly wide table to fit exactly, down to 75 %', () => {
    const natural = [120, 80, 80, 80, 80, 80]; // 520
    const plan = planTable(natural, 468);
    expect(plan.groups).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(plan.scale).toBeCloseTo(0.9);
    expect(plan.widths.map((w, i) => w / natural[i]!)).toEqual(natural.map(() => plan.scale));
    expect(sum(plan.widths)).toBeCloseTo(468);
    // Exactly at the limit: still one shrunk group.
    const limit = planTable([400, 400], 600);
    expect(limit.scale).toBe(MIN_SCALE);
    expect(limit.groups).toHaveLength(1);
  });

  it('past 75 %, wraps columns into page groups at full size, the key column repeated', () => {
    const natural = [90, ...Array.from({ length: 19 }, (_, i) => 60 + (i % 4) * 15)]; // 20 columns
    const available = 762;
    const plan = planTable(natural, available);
    expect(sum(natural) * MIN_SCALE).toBeGreaterThan(available);
    expect(plan.scale).toBe(1);
    expect(plan.widths).toEqual(natural);
    expect(plan.groups.length).toBeGreaterThan(1);
    // Every group starts with the key column, fits the page, and shows at least one column of its own.
    for (const g of plan.groups) {
      expect(g[0]).toBe(0);
      expect(g.length).toBeGreaterThan(1);
      expect(sum(g.map((c) => plan.widths[c]!))).toBeLessThanOrEqual(available);
    }
    // Every other column exactly once, in order.
    expect(plan.groups.flatMap((g) => g.slice(1))).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    // Greedy: the next group's first own column did not fit on the previous page.
    for (let k = 1; k < plan.groups.length; k++) {
      const prev = plan.groups[k - 1]!;
      expect(sum(prev.map((c) => natural[c]!)) + natural[plan.groups[k]![1]!]!).toBeGreaterThan(available);
    }
  });

  it('a column wider than the page beside the key gets a group of its own, narrowed to fit', () => {
    const plan = planTable([100, 50, 900, 50], 400);
    expect(plan.groups).toEqual([[0, 1], [0, 2], [0, 3]]);
    expect(plan.widths[2]).toBe(300);
    for (const g of plan.groups) expect(sum(g.map((c) => plan.widths[c]!))).toBeLessThanOrEqual(400);
  });

  it('capped natural widths always leave room for the key and one more column', () => {
    for (const available of [515, 762, 1110]) expect(2 * maxColumnWidth(available)).toBeLessThan(available);
  });

  it('one column and no columns', () => {
    expect(planTable([80], 500).groups).toEqual([[0]]);
    expect(planTable([], 500)).toEqual({ scale: 1, groups: [[]], widths: [] });
  });
});

describe('groupCaption', () => {
  const groups = [[0, 1, 2, 3, 4, 5], [0, 6, 7, 8, 9, 10, 11], [0, 12, 13, 14, 15, 16, 17, 18, 19]];
  it('names each group\'s own columns, 1-based, the continuations marked', () => {
    expect(groupCaption(groups, 0, 20)).toBe('columns 1–6 of 20');
    expect(groupCaption(groups, 1, 20)).toBe('columns 7–12 of 20 (continued)');
    expect(groupCaption(groups, 2, 20)).toBe('columns 13–20 of 20 (continued)');
    expect(groupCaption([[0, 1], [0, 2]], 1, 3)).toBe('column 3 of 3 (continued)');
  });
  it('says nothing for a table on one page width', () => {
    expect(groupCaption([[0, 1, 2]], 0, 3)).toBeNull();
  });
});

describe('fitWidths', () => {
  it('fills the page and caps only the widest columns', () => {
    expect(fitWidths([100, 100], 300)).toEqual([150, 150]);
    const w = fitWidths([40, 60, 500, 400], 400);
    expect(w.slice(0, 2)).toEqual([40, 60]);
    expect(w[2]).toBeCloseTo(150);
    expect(w[3]).toBeCloseTo(150);
  });
});
