/**
 * The builder's "Dimensions" section: columns to group by (time columns with a grain) and, for a
 * report without measures, whether to group at all or list the rows as they are.
 */
import type { TimeGrain } from '../../generated/graphql';
import { FieldError } from './FieldError';
import { SensitivityBadge, sensitivitySuffix } from './SensitivityBadge';
import { GRAINS, type ColumnInfo, type Draft, type DraftDimension } from './model';

const GRAIN_LABELS: Record<TimeGrain, string> = { HOUR: 'Hour', DAY: 'Day', WEEK: 'Week', MONTH: 'Month', QUARTER: 'Quarter', YEAR: 'Year' };

interface Props {
  draft: Draft;
  columns: ColumnInfo[];
  errors: Record<string, string[]>;
  edit(fn: (d: Draft) => Draft): void;
}

export function DimensionsSection({ draft, columns, errors, edit }: Props) {
  const setDim = (i: number, patch: Partial<DraftDimension>) =>
    edit((x) => ({ ...x, dimensions: x.dimensions.map((y, j) => (j === i ? { ...y, ...patch } : y)) }));
  const listing = draft.dimensions.length > 0 && draft.measures.length === 0;
  return (
    <section aria-labelledby="dims-h">
      <h3 id="dims-h">Dimensions <span className="hint">{draft.raw && listing ? 'columns to list' : 'group rows by'}</span></h3>
      {draft.dimensions.map((d, i) => {
        const col = columns.find((c) => c.name === d.field);
        const timeish = col?.kind === 'DATE' || col?.kind === 'DATETIME';
        return (
          <div className="builder-row" key={i} data-testid="dimension-row">
            <label>
              Dimension {i + 1} column
              <select value={d.field} onChange={(e) => {
                const c = columns.find((x) => x.name === e.target.value);
                setDim(i, { field: e.target.value, grain: c && (c.kind === 'DATETIME' || c.kind === 'DATE') ? (d.grain || 'DAY') : '' });
              }}>
                <option value="">Choose a column…</option>
                {columns.filter((c) => c.dimension).map((c) => (
                  // A column hidden from the role cannot be shown: offered, but not choosable.
                  <option key={c.name} value={c.name} disabled={c.masking === 'HIDDEN' && c.name !== d.field}>{c.label}{sensitivitySuffix(c)}</option>
                ))}
              </select>
              <SensitivityBadge column={col} />
              <FieldError errors={errors} path={`dimensions.${i}.field`} />
            </label>
            {timeish && (
              <label>
                Time grain
                <select value={d.grain} onChange={(e) => setDim(i, { grain: e.target.value as TimeGrain | '' })}>
                  <option value="">None (exact {col?.kind === 'DATE' ? 'date' : 'time'})</option>
                  {GRAINS.filter((g) => g !== 'HOUR' || col?.kind === 'DATETIME').map((g) => <option key={g} value={g}>{GRAIN_LABELS[g]}</option>)}
                </select>
                <FieldError errors={errors} path={`dimensions.${i}.grain`} />
              </label>
            )}
            <label>
              Alias
              <input value={d.alias} placeholder="optional" onChange={(e) => setDim(i, { alias: e.target.value })} />
              <FieldError errors={errors} path={`dimensions.${i}.alias`} />
            </label>
            <button type="button" className="danger icon" aria-label={`Remove dimension ${i + 1}`} onClick={() => edit((x) => ({ ...x, dimensions: x.dimensions.filter((_, j) => j !== i) }))}>Remove</button>
            <FieldError errors={errors} path={`dimensions.${i}`} />
          </div>
        );
      })}
      <FieldError errors={errors} path="dimensions" />
      <button type="button" onClick={() => edit((x) => ({ ...x, dimensions: [...x.dimensions, { field: '', grain: '', alias: '' }] }))}>+ Add dimension</button>
      {listing && (
        <fieldset className="radios stacked" data-testid="row-listing">
          <legend>Without measures</legend>
          <label className="radio">
            <input type="radio" name="raw" checked={!draft.raw} onChange={() => edit((x) => ({ ...x, raw: false }))} />
            <span><strong>One row per distinct combination</strong> <span className="hint">each combination of the dimensions once, duplicates merged</span></span>
          </label>
          <label className="radio">
            <input type="radio" name="raw" checked={draft.raw} onChange={() => edit((x) => ({ ...x, raw: true }))} />
            <span><strong>List rows as they are</strong> <span className="hint">one line per row of the table, repeats kept</span></span>
          </label>
          <FieldError errors={errors} path="raw" />
        </fieldset>
      )}
    </section>
  );
}
