/**
 * The chart's controls: type (Automatic follows the definition), the measures drawn, stacking,
 * donut, and the axis names. Only the options the shown type reads are offered; changing one while
 * on Automatic fixes the type that is shown, so what the user sees is what is saved.
 */
import { useId } from 'react';
import { isTemporal, type ChartDefinition, type ChartType } from '@reportcast/charts';
import { CHART_CHOICES, chartTypeLabel, type ChartChoice, type VisualizationForm } from './visualization-form';

interface Props {
  form: VisualizationForm;
  onChange(form: VisualizationForm): void;
  chart: ChartDefinition;
  /** The type drawn (the default one on Automatic). */
  effectiveType: ChartType;
}

export function VisualizationControls({ form, onChange, chart, effectiveType: type }: Props) {
  const id = useId();
  const set = (patch: Partial<VisualizationForm>) => onChange({ ...form, type: form.type === 'AUTO' ? type : form.type, ...patch });
  const measures = chart.measures;
  const cartesian = type === 'LINE' || type === 'AREA' || type === 'BAR';
  // A second dimension splits one measure into a series per value; pie and number draw one measure.
  const oneMeasure = type === 'PIE' || type === 'NUMBER' || (cartesian && chart.dimensions.length > 1);
  const chosen = form.series.filter((k) => measures.some((m) => m.key === k));
  const isDrawn = (key: string) => (oneMeasure ? (chosen[0] ?? measures[0]?.key) === key : chosen.length === 0 || chosen.includes(key));
  const toggle = (key: string, on: boolean) => {
    const current = measures.filter((m) => isDrawn(m.key)).map((m) => m.key);
    const next = measures.map((m) => m.key).filter((k) => (k === key ? on : current.includes(k)));
    set({ series: next.length === measures.length ? [] : next });
  };
  const canStack = (type === 'BAR' || type === 'AREA') && (chart.dimensions.length > 1 || measures.filter((m) => isDrawn(m.key)).length > 1);

  return (
    <div className="chart-controls" data-testid="chart-controls">
      {/* Selects sit beside their labels, not inside: a label's text would otherwise take in the
          options' text ("Chart type Automatic (table) …") and answer to other fields' names. */}
      <div className="chart-field">
        <label htmlFor={`${id}-type`}>Chart type</label>
        <select id={`${id}-type`} value={form.type} onChange={(e) => onChange({ ...form, type: e.target.value as ChartChoice })}>
          {CHART_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>{c.value === 'AUTO' ? `Automatic (${chartTypeLabel(type).toLowerCase()})` : c.label}</option>
          ))}
        </select>
      </div>

      {type !== 'TABLE' && measures.length > 1 && (oneMeasure ? (
        <div className="chart-field">
          <label htmlFor={`${id}-measure`}>Measure</label>
          <select id={`${id}-measure`} value={chosen[0] ?? measures[0]!.key} onChange={(e) => set({ series: [e.target.value] })}>
            {measures.map((m) => <option key={m.key} value={m.key}>{m.label}</option>)}
          </select>
        </div>
      ) : (
        <fieldset className="chart-series">
          <legend>Series</legend>
          {measures.map((m) => {
            const on = isDrawn(m.key);
            const last = on && measures.filter((x) => isDrawn(x.key)).length === 1;
            return (
              <label key={m.key} className="inline">
                <input type="checkbox" checked={on} disabled={last} title={last ? 'A chart draws at least one measure' : undefined} onChange={(e) => toggle(m.key, e.target.checked)} />
                {m.label}
              </label>
            );
          })}
        </fieldset>
      ))}

      {canStack && (
        <label className="inline">
          <input type="checkbox" checked={form.stacked} onChange={(e) => set({ stacked: e.target.checked })} />
          Stacked
        </label>
      )}
      {type === 'PIE' && (
        <label className="inline">
          <input type="checkbox" checked={form.donut} onChange={(e) => set({ donut: e.target.checked })} />
          Donut
        </label>
      )}

      {cartesian && (
        <>
          <label>
            X axis name
            <input value={form.xAxisLabel} maxLength={100} placeholder={((type !== 'BAR' && chart.dimensions.find(isTemporal)) || chart.dimensions[0])?.label ?? 'from the dimension'} onChange={(e) => set({ xAxisLabel: e.target.value })} />
          </label>
          <label>
            Y axis name
            <input value={form.yAxisLabel} maxLength={100} placeholder={measures.find((m) => isDrawn(m.key))?.label ?? 'from the measure'} onChange={(e) => set({ yAxisLabel: e.target.value })} />
          </label>
        </>
      )}
      {(type === 'NUMBER' || type === 'PIE') && (
        <label>
          {type === 'NUMBER' ? 'Label under the number' : 'Series name'}
          <input value={form.yAxisLabel} maxLength={100} placeholder={measures.find((m) => isDrawn(m.key))?.label ?? ''} onChange={(e) => set({ yAxisLabel: e.target.value })} />
        </label>
      )}
    </div>
  );
}
