import { describe, expect, it } from 'vitest';
import { codeText, fieldLabel, graphQLErrorText, humanMessage, initiatorText, normalizePath, problemText, type LabelContext } from './messages';

const ctx: LabelContext = {
  columns: [{ name: 'platform', label: 'Platform' }, { name: 'value', label: 'Value' }, { name: 'timestamp', label: 'Timestamp' }],
  dimensions: [{ field: 'timestamp' }],
  measures: [{ fn: 'COUNT', field: '' }, { fn: 'SUM', field: '' }, { fn: 'AVG', field: 'value' }],
  filters: [{ field: 'platform' }, { field: '' }],
};

describe('normalizePath', () => {
  it.each([
    ['filters.0.value', 'filters.0.value'],
    ['definition.filters.0.value', 'filters.0.value'],
    ['input.definition.filters.0.value', 'filters.0.value'],
    ['input.name', 'name'],
    ['input.recipients.2', 'recipients.2'],
    ['definition', ''],
  ])('%s → %s', (path, out) => expect(normalizePath(path)).toBe(out));
});

describe('fieldLabel', () => {
  it.each([
    ['filters.0.value', 'Filter 1 (Platform)'],
    ['input.definition.filters.0.value', 'Filter 1 (Platform)'],
    ['definition.filters.0.values', 'Filter 1 (Platform)'],
    ['filters.0.values.1', 'Filter 1 (Platform), value 2'],
    ['filters.0.op', 'Filter 1 (Platform) condition'],
    ['filters.1.field', 'Filter 2 column'],
    ['filters.7.value', 'Filter 8'],
    ['measures.0', 'Measure 1 (count)'],
    ['input.definition.measures.1.field', 'Measure 2 (sum) column'],
    ['measures.2.alias', 'Measure 3 (average of Value) name'],
    ['dimensions.0.grain', 'Dimension 1 (Timestamp) time grain'],
    ['orderBy.0.key', 'Sort 1 column'],
    ['timeRange', 'Time range'],
    ['timeRange.last.n', 'Time range last count'],
    ['rowLimit', 'Row limit'],
    ['input.name', 'Name'],
    ['source', 'Table'],
    ['', 'Report'],
    ['input.recipients.1', 'Recipient 2'],
    ['input.s3Config.bucket', 'S3 bucket'],
    ['input.visualization.series.0', 'Chart series 1'],
    ['somethingNew.deep', 'somethingNew deep'],
  ])('%s → %s', (path, label) => expect(fieldLabel(path, ctx)).toBe(label));

  it('reads the column name when the table has no label for it, and works without context', () => {
    expect(fieldLabel('filters.0.value', { filters: [{ field: 'os' }] })).toBe('Filter 1 (os)');
    expect(fieldLabel('filters.0.value')).toBe('Filter 1');
    expect(fieldLabel('measures.0.fn')).toBe('Measure 1 function');
  });
});

describe('humanMessage', () => {
  it.each([
    ['EQ needs a value', 'choose a value'],
    ['GTE needs a value', 'choose a value'],
    ['CONTAINS needs a value', 'type the text to look for'],
    ['must not be empty', 'type a value'],
    ['BETWEEN needs exactly 2 values', 'give both a from and a to value'],
    ['IN needs 1 to 1000 values', 'choose at least one value (at most 1000)'],
    ['SUM needs a field', 'choose a column to add up'],
    ['AVG needs a field', 'choose a column to average'],
    ['MAX needs a numeric measure column', 'choose a number column to take the maximum of'],
    ['MIN needs a numeric or date/time column', 'choose a number or date column to take the minimum of'],
    ['GT does not apply to a BOOLEAN column', '“greater than” does not apply to a yes/no column'],
    ['CONTAINS applies to STRING columns only', '“contains” works on text columns only'],
    ['IS_NULL takes no value', '“is empty” takes no value'],
    ['EQ takes no values; use value', '“equals” takes no value'],
    ['needs last or from/to', 'choose a time range'],
    ['choose a period: last, rolling, period or from/to', 'choose a time range'],
    ['give one of last, rolling, period or from/to, not last and period', 'choose one kind of time range'],
    ["output key 'n' is used twice; give one an alias", '“n” names two columns of the result; give one of them another name'],
    ["output key 'platform' is the name of a column; choose another alias", '“platform” is already the name of a table column; choose another name'],
    ['must be the output key of a dimension or measure', 'choose a column of the result'],
    ["unknown key 'events'", '“events” is not a column of the result any more; choose another'],
    ["'n' is already ordered by", 'already sorted by “n”'],
    ['must be ASC or DESC', 'choose ascending or descending'],
    ["unknown table 'nope'", 'there is no table “nope”; choose one from the list'],
    ['unknown column "platform"', 'there is no column “Platform” in this table'],
    ['a report needs at least one dimension or measure', 'add at least one dimension or measure'],
    ["unknown column 'nope' in usage_events", 'there is no column “nope” in this table'],
    ['must be a column name', 'choose a column'],
    ["column 'value' cannot be used as a dimension column", '“Value” cannot be used as a dimension'],
    ["column 'platform' cannot be used as a measure column", '“Platform” cannot be used as a number to compute'],
    ['must be an ISO-8601 date or date-time', 'type a date such as 2026-12-01, or a date and time'],
    ['the first bound must not exceed the second', 'the first value must not be after the second'],
    ['must be an integer from 1 to 100000', 'must be a whole number from 1 to 100,000'],
    ['must be one of HOUR, DAY, WEEK', 'choose one of the options'],
    ['cron or preset is required', 'choose a cadence'],
    ['give cron or preset, not both', 'choose a cadence or a custom cron, not both'],
    ['"bob" is not an email address', '"bob" is not an email address'],
    ['UNIQ over a STRING is slow', 'unique count over a text is slow'],
  ])('%s → %s', (raw, out) => expect(humanMessage(raw, ctx)).toBe(out));

  it('never leaves an enum word of the API in the text it returns', () => {
    const samples = ['EQ needs a value', 'NOT_IN needs 1 to 5 values', 'SUM needs a field', 'LTE does not apply to a BOOLEAN column', 'DESC first then ASC', 'IS_NOT_NULL takes no values; use values'];
    for (const s of samples) expect(humanMessage(s)).not.toMatch(/\b(EQ|NOT_IN|SUM|LTE|BOOLEAN|DESC|ASC|IS_NOT_NULL)\b/);
  });
});

describe('problemText', () => {
  it('reads like the form: the field label, then what to do', () => {
    expect(problemText('input.definition.filters.0.value', 'EQ needs a value', ctx)).toBe('Filter 1 (Platform): choose a value');
    expect(problemText('measures.1.field', 'SUM needs a field', ctx)).toBe('Measure 2 (sum) column: choose a column to add up');
    expect(problemText('timeRange', 'needs last or from/to', ctx)).toBe('Time range: choose a time range');
  });
});

describe('codeText and graphQLErrorText', () => {
  it('never returns an error code', () => {
    for (const code of ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'RATE_LIMITED', 'QUERY_TOO_COMPLEX', 'CONFLICT', 'INTERNAL_SERVER_ERROR', null, 'SOMETHING_NEW']) {
      expect(codeText(code)).not.toMatch(/[A-Z]{2,}_?[A-Z]/);
    }
  });
  it('lists field problems by label', () => {
    const text = graphQLErrorText({
      message: 'Invalid report: input.definition.filters.0.value EQ needs a value',
      extensions: { code: 'BAD_USER_INPUT', errors: [{ path: 'input.definition.filters.0.value', message: 'EQ needs a value' }, { path: 'input.name', message: 'must be 1 to 200 characters' }] },
    }, ctx);
    expect(text).toBe('Filter 1 (Platform): choose a value; Name: must be 1 to 200 characters');
  });
  it('replaces messages that carry paths, codes or internals with the code’s meaning', () => {
    expect(graphQLErrorText({ message: 'Invalid report: definition.rowLimit bad', extensions: { code: 'BAD_USER_INPUT' } })).toBe('Some of the input was not accepted.');
    expect(graphQLErrorText({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } })).toBe(codeText('INTERNAL_SERVER_ERROR'));
    expect(graphQLErrorText({ message: 'Report 9d12 not found', extensions: { code: 'NOT_FOUND' } })).toBe(codeText('NOT_FOUND'));
    expect(graphQLErrorText({ message: 'Variable "$input" got invalid value', extensions: { code: 'BAD_USER_INPUT' } })).toBe(codeText('BAD_USER_INPUT'));
  });
  it('keeps a human sentence from the server', () => {
    expect(graphQLErrorText({ message: 'Writing reports needs the editor role', extensions: { code: 'FORBIDDEN' } })).toBe('Writing reports needs the editor role');
    expect(graphQLErrorText({ message: 'A report named "X" already exists', extensions: { code: 'BAD_USER_INPUT' } })).toBe('A report named "X" already exists');
  });
});

describe('initiatorText', () => {
  it.each([
    ['SCHEDULE', 'schedule:9d12c0de-0000-4000-8000-000000000000', 'Weekly usage', 'Scheduled run of Weekly usage'],
    ['SCHEDULE', 'schedule:9d12c0de-0000-4000-8000-000000000000', null, 'Scheduled run (schedule deleted)'],
    ['BACKFILL', 'schedule:9d12', 'Weekly usage', 'Backfill of Weekly usage'],
    ['RETRY', 'schedule:9d12', 'Weekly usage', 'Retry of a run of Weekly usage'],
    ['RETRY', 'ann@acme', null, 'Retry by ann@acme'],
    ['MANUAL', 'ann@acme', null, 'Downloaded by ann@acme'],
    ['MANUAL', 'schedule:9d12', 'Weekly usage', 'Run now of Weekly usage'],
    ['MANUAL', 'schedule:9d12', null, 'Run now of a deleted schedule'],
    ['API', 'svc@acme', null, 'API call by svc@acme'],
  ])('%s %s → …', (trigger, by, name, out) => {
    expect(initiatorText(trigger, by, name)).toBe(out);
    expect(initiatorText(trigger, by, name)).not.toMatch(/schedule:/);
  });
});
