import { useState } from 'react';
import type { FilterOp } from '../../generated/graphql';
import { OP_LABELS, opsFor, wallInput, type ColumnInfo, type DraftFilter } from './model';
import { FieldError } from './FieldError';
import { useValueList } from './ValuePicker';

interface Props {
  /** The report's table, for the value lists. */
  source: string;
  index: number;
  filter: DraftFilter;
  columns: ColumnInfo[];
  errors: Record<string, string[]>;
  /** The report's zone: date-times are wall times there. */
  timeZone: string;
  onChange(next: DraftFilter): void;
  onRemove(): void;
}

function inputType(kind: string | undefined): string {
  return kind === 'NUMBER' ? 'number' : kind === 'DATE' ? 'date' : kind === 'DATETIME' ? 'datetime-local' : 'text';
}
/** Saved instants show in datetime-local inputs as wall times of the report's zone (what is sent back). */
function shown(value: string, kind: string | undefined, timeZone: string): string {
  return kind === 'DATETIME' ? wallInput(value, timeZone) : value;
}

/** Text columns with a handful of recurring values offer them (columnValues); ids and numbers do not. */
function pickable(col: ColumnInfo | undefined): boolean {
  return !!col && col.kind === 'STRING' && !col.freeText;
}

function ValueInput({ kind, value, label, timeZone, listId, onChange }: { kind: string | undefined; value: string; label: string; timeZone: string; listId?: string; onChange(v: string): void }) {
  if (kind === 'BOOLEAN') {
    return (
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  return <input aria-label={label} type={inputType(kind)} step={kind === 'NUMBER' ? 'any' : undefined} value={shown(value, kind, timeZone)} list={listId}
    placeholder={listId ? 'Type or pick a value' : undefined} autoComplete="off" onChange={(e) => onChange(e.target.value)} />;
}

function Chips({ values, kind, label, source, col, onChange }: { values: string[]; kind: string | undefined; label: string; source: string; col: ColumnInfo | undefined; onChange(v: string[]): void }) {
  const [text, setText] = useState('');
  const picker = useValueList(source, col?.name ?? '', text, pickable(col));
  const add = (raw: string) => {
    const parts = raw.split(',').map((s) => s.trim()).filter(Boolean).filter((s) => !values.includes(s));
    if (parts.length) onChange([...values, ...parts]);
    setText('');
  };
  return (
    <div className="chips" data-testid="filter-chips">
      {values.map((v, i) => (
        <span className="chip" key={`${v}-${i}`}>
          {v}
          <button type="button" aria-label={`Remove ${v}`} onClick={() => onChange(values.filter((_, j) => j !== i))}>×</button>
        </span>
      ))}
      <input
        aria-label={label}
        type={kind === 'NUMBER' ? 'text' : inputType(kind)}
        inputMode={kind === 'NUMBER' ? 'decimal' : undefined}
        placeholder={picker.listId ? 'Type or pick, then Enter' : 'Type and press Enter (or comma-separate)'}
        value={text}
        list={picker.listId}
        autoComplete="off"
        onChange={(e) => {
          const next = e.target.value;
          if (next.includes(',')) return add(next);
          // A value picked from the list arrives whole (no key press): take it as a chip at once.
          const native = e.nativeEvent as InputEvent;
          if (native.inputType === 'insertReplacementText' && picker.values.includes(next)) return add(next);
          setText(next);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') { e.preventDefault(); add(text); }
          if (e.key === 'Backspace' && !text && values.length) onChange(values.slice(0, -1));
        }}
        onBlur={() => text && add(text)}
      />
      {picker.list}
    </div>
  );
}


export function FilterRow({ source, index, filter, columns, errors, timeZone, onChange, onRemove }: Props) {
  const p = `filters.${index}`;
  const filterable = columns.filter((c) => c.filter);
  const col = columns.find((c) => c.name === filter.field);
  const ops = opsFor(col?.kind);
  const single = filter.op !== 'IN' && filter.op !== 'NOT_IN' && filter.op !== 'BETWEEN' && filter.op !== 'IS_NULL' && filter.op !== 'IS_NOT_NULL';
  const picker = useValueList(source, col?.name ?? '', filter.op === 'CONTAINS' ? '' : filter.value, single && pickable(col) && filter.op !== 'CONTAINS');
  const n = index + 1;
  const setOp = (op: FilterOp) => {
    const values = op === 'BETWEEN' ? [filter.values[0] ?? filter.value, filter.values[1] ?? ''] : op === 'IN' || op === 'NOT_IN' ? filter.values.filter(Boolean) : filter.values;
    onChange({ ...filter, op, values });
  };
  return (
    <div className="builder-row" data-testid="filter-row">
      <label>
        Filter {n} column
        <select value={filter.field} onChange={(e) => {
          const nextCol = columns.find((c) => c.name === e.target.value);
          const nextOps = opsFor(nextCol?.kind);
          onChange({ field: e.target.value, op: nextOps.includes(filter.op) ? filter.op : 'EQ', value: '', values: [] });
        }}>
          <option value="">Choose a column…</option>
          {filterable.map((c) => <option key={c.name} value={c.name}>{c.label}</option>)}
        </select>
        <FieldError errors={errors} path={`${p}.field`} />
      </label>
      <label>
        Filter {n} operator
        <select value={filter.op} onChange={(e) => setOp(e.target.value as FilterOp)}>
          {ops.map((op) => <option key={op} value={op}>{OP_LABELS[op]}</option>)}
        </select>
        <FieldError errors={errors} path={`${p}.op`} />
      </label>
      <div className="filter-value">
        {filter.param ? (
          // Compared with a report parameter's value (issue 19): given beside the preview, at export and per schedule.
          <span className="muted" data-testid="filter-param">Value of the parameter “{filter.param}” <button type="button" onClick={() => onChange({ field: filter.field, op: filter.op, value: '', values: [] })}>Use a fixed value</button>
            <FieldError errors={errors} path={`${p}.param`} /></span>
        ) : filter.op === 'IS_NULL' || filter.op === 'IS_NOT_NULL' ? (
          <span className="muted">No value needed</span>
        ) : filter.op === 'BETWEEN' ? (
          <div className="between">
            <div>
              <ValueInput kind={col?.kind} timeZone={timeZone} label={`Filter ${n} from`} value={filter.values[0] ?? ''} onChange={(v) => onChange({ ...filter, values: [v, filter.values[1] ?? ''] })} />
              <FieldError errors={errors} path={`${p}.values.0`} />
            </div>
            <span className="muted">and</span>
            <div>
              <ValueInput kind={col?.kind} timeZone={timeZone} label={`Filter ${n} to`} value={filter.values[1] ?? ''} onChange={(v) => onChange({ ...filter, values: [filter.values[0] ?? '', v] })} />
              <FieldError errors={errors} path={`${p}.values.1`} />
            </div>
          </div>
        ) : filter.op === 'IN' || filter.op === 'NOT_IN' ? (
          <Chips kind={col?.kind} label={`Filter ${n} values`} values={filter.values} source={source} col={col} onChange={(values) => onChange({ ...filter, values })} />
        ) : (
          <>
            <ValueInput kind={col?.kind} timeZone={timeZone} label={`Filter ${n} value`} value={filter.value} listId={picker.listId} onChange={(value) => onChange({ ...filter, value })} />
            {picker.list}
          </>
        )}
        {col?.kind === 'DATETIME' && filter.op !== 'IS_NULL' && filter.op !== 'IS_NOT_NULL' && <span className="hint">Times in {timeZone || 'UTC'}</span>}
        {col?.kind === 'DATE' && filter.op !== 'IS_NULL' && filter.op !== 'IS_NOT_NULL' && <span className="hint">Calendar dates</span>}
        <FieldError errors={errors} path={`${p}.value`} />
        {filter.op === 'BETWEEN' ? <FieldError errors={errors} path={`${p}.values`} /> : <FieldError errors={errors} path={`${p}.values`} prefix />}
      </div>
      <button type="button" className="danger icon" aria-label={`Remove filter ${n}`} onClick={onRemove}>Remove</button>
      <FieldError errors={errors} path={p} />
    </div>
  );
}
