/**
 * Edit mode's "add a tile": a report the editor can open, or a line of plain text, placed under
 * the last row (half width for a report, full width for text). The caller saves the tiles as a
 * whole, as every layout change is saved.
 */
import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { REPORTS_LIST } from '../reports/documents';

export interface NewTile { kind: 'REPORT' | 'TEXT'; reportId?: string; text?: string }

export function AddTiles({ onAdd, busy }: { onAdd(tile: NewTile): void; busy: boolean }) {
  const reports = useQuery(REPORTS_LIST, { fetchPolicy: 'cache-and-network' });
  const [reportId, setReportId] = useState('');
  const [text, setText] = useState('');
  const options = reports.data?.reports.edges.map((e) => e.node) ?? [];
  return (
    <div className="card dashboard-add toolbar" role="group" aria-label="Add a tile">
      <label className="field">
        <span className="field-label">Report</span>
        <select aria-label="Report to add" value={reportId} onChange={(e) => setReportId(e.target.value)}>
          <option value="">Choose a report…</option>
          {options.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
        </select>
      </label>
      <button type="button" disabled={!reportId || busy} onClick={() => { onAdd({ kind: 'REPORT', reportId }); setReportId(''); }}>Add report tile</button>
      <label className="field">
        <span className="field-label">Text</span>
        <input aria-label="Text to add" value={text} maxLength={5000} onChange={(e) => setText(e.target.value)} placeholder="A heading or a note" />
      </label>
      <button type="button" disabled={!text.trim() || busy} onClick={() => { onAdd({ kind: 'TEXT', text: text.trim() }); setText(''); }}>Add text tile</button>
    </div>
  );
}
