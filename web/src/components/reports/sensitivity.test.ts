import { describe, expect, it } from 'vitest';
import { sensitivitySuffix } from './SensitivityBadge';

const col = (classification: string, masking: string) => ({ name: 'c', label: 'C', kind: 'STRING' as const, dimension: true, measure: false, filter: true, time: false, classification, masking });

describe('sensitivitySuffix: what the field picker adds to a column', () => {
  it('says nothing for a public column shown in clear', () => {
    expect(sensitivitySuffix(col('PUBLIC', 'CLEAR'))).toBe('');
  });
  it('names the class, and the mode when the role does not see it in clear', () => {
    expect(sensitivitySuffix(col('PII', 'HASHED'))).toBe(' (PII · hashed)');
    expect(sensitivitySuffix(col('PII', 'HIDDEN'))).toBe(' (PII · hidden)');
    expect(sensitivitySuffix(col('PII', 'CLEAR'))).toBe(' (PII)');
    expect(sensitivitySuffix(col('INTERNAL', 'CLEAR'))).toBe(' (INTERNAL)');
    expect(sensitivitySuffix(col('PUBLIC', 'HASHED'))).toBe(' (PUBLIC · hashed)');
  });
});
