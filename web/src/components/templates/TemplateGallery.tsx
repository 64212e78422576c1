/**
 * The "New report" gallery (issue 19): built-in templates (daily summary, weekly performance,
 * monthly summary, custom range, over each table) and the tenant's own, each with its
 * description and parameters. Choosing one asks for a name and its parameter values (a
 * required one, like a custom range, must be given), makes the report and opens it.
 */
import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../generated';
import { navigate } from '../../router';
import { ErrorBanner } from '../reports/ErrorBanner';
import { ParameterValuesForm, filledValues, parameterErrors, type ParameterValues } from './ParameterValuesForm';

export const REPORT_TEMPLATES = graphql(`
  query ReportTemplatesGallery {
    reportTemplates {
      id name description builtIn kind source
      parameters { name label type multiple required default options optionsColumn }
    }
  }
`);

export const CREATE_FROM_TEMPLATE = graphql(`
  mutation CreateReportFromTemplateGallery($templateId: ID!, $name: String!, $parameterValues: JSON, $timeZone: String) {
    createReportFromTemplate(templateId: $templateId, name: $name, parameterValues: $parameterValues, timeZone: $timeZone) { id name }
  }
`);

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function TemplateGallery() {
  const { data, error } = useQuery(REPORT_TEMPLATES);
  const [chosen, setChosen] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [values, setValues] = useState<ParameterValues>({});
  const [create, created] = useMutation(CREATE_FROM_TEMPLATE);
  const templates = data?.reportTemplates ?? [];
  const template = templates.find((t) => t.id === chosen);

  const choose = (id: string, templateName: string) => {
    setChosen(id);
    setName(templateName);
    setValues({});
    created.reset();
  };
  const submit = async () => {
    if (!template) return;
    const res = await create({ variables: { templateId: template.id, name: name.trim(), parameterValues: filledValues(values), timeZone: browserZone() } }).catch(() => null);
    const id = res?.data?.createReportFromTemplate.id;
    if (id) navigate(`/reports/${encodeURIComponent(id)}`);
  };
  const errors = parameterErrors(created.error, 'parameterValues');

  return (
    <section className="card template-gallery" aria-labelledby="gallery-title">
      <h2 id="gallery-title">Start from a template</h2>
      {error && <ErrorBanner error={error} title="Templates could not be loaded" />}
      <ul className="template-list" aria-label="Templates">
        {templates.map((t) => (
          <li key={t.id} data-testid="template-card" className={t.id === chosen ? 'chosen' : undefined}>
            <h3>{t.name} {!t.builtIn && <span className="badge tag">ours</span>}</h3>
            <p className="muted small">{t.description}</p>
            {t.parameters.length > 0 && (
              <p className="small">Parameters: {t.parameters.map((p) => `${p.label || p.name} (${p.type.toLowerCase().replace('_', ' ')}${p.required ? ', required' : ''})`).join('; ')}</p>
            )}
            <button type="button" onClick={() => choose(t.id, t.name)} aria-pressed={t.id === chosen}>Use “{t.name}”</button>
          </li>
        ))}
      </ul>
      {template && (
        <form className="template-use" aria-label={`New report from ${template.name}`} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <div className="field">
            <label htmlFor="template-report-name">Report name</label>
            <input id="template-report-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
          </div>
          <ParameterValuesForm idPrefix="template" source={template.source} parameters={template.parameters} values={values} onChange={setValues} errors={errors} />
          <p className="muted small">Times are read in {browserZone()} (your browser's zone); change it in the builder.</p>
          {created.error && Object.keys(errors).length === 0 && <ErrorBanner error={created.error} title="The report could not be made" />}
          <button type="submit" className="primary" disabled={created.loading || !name.trim()}>Create report</button>
        </form>
      )}
    </section>
  );
}
