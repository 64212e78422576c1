-- Typed visualizations (issue 17). `reports.visualization` was free-form JSON that nothing drew; it
-- is now a `Visualization` (type LINE | AREA | BAR | PIE | NUMBER | TABLE, series, stacked, donut,
-- xAxisLabel, yAxisLabel, maxPoints) that the builder, the PDF and the email draw. Stored values
-- are migrated deliberately:
-- - The chart type is read from `type`, else `chart`, else `chartType`, case-insensitively, with
--   the names other tools use: column → BAR, donut → PIE with donut, kpi/single/scalar → NUMBER,
--   grid → TABLE. Anything else (no type, an unknown one, not an object) becomes NULL, which means
--   the default chart for the report's definition.
-- - Known fields are kept when they have the right type and bounds (the API's own checks: axis
--   labels up to 100 characters, maxPoints a whole number 1..5000, at most 20 series); series keep
--   only the keys that are measures of the report's definition. Other keys are dropped.
WITH typed AS (
  SELECT r.id, r.definition, r.visualization AS v,
         CASE upper(coalesce(r.visualization ->> 'type', r.visualization ->> 'chart', r.visualization ->> 'chartType'))
           WHEN 'LINE' THEN 'LINE' WHEN 'AREA' THEN 'AREA'
           WHEN 'BAR' THEN 'BAR' WHEN 'COLUMN' THEN 'BAR'
           WHEN 'PIE' THEN 'PIE' WHEN 'DONUT' THEN 'PIE'
           WHEN 'NUMBER' THEN 'NUMBER' WHEN 'KPI' THEN 'NUMBER' WHEN 'SINGLE' THEN 'NUMBER' WHEN 'SCALAR' THEN 'NUMBER'
           WHEN 'TABLE' THEN 'TABLE' WHEN 'GRID' THEN 'TABLE'
         END AS chart_type,
         upper(coalesce(r.visualization ->> 'type', r.visualization ->> 'chart', r.visualization ->> 'chartType')) = 'DONUT' AS donut_alias
    FROM reports r
   WHERE r.visualization IS NOT NULL
), series AS (
  SELECT t.id, jsonb_agg(s.key ORDER BY s.n) AS keys
    FROM typed t
   CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(t.v -> 'series') = 'array' THEN t.v -> 'series' ELSE '[]'::jsonb END) WITH ORDINALITY AS s(key, n)
   WHERE jsonb_typeof(s.key) = 'string'
     AND s.n <= 20
     AND EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(t.definition -> 'measures') = 'array' THEN t.definition -> 'measures' ELSE '[]'::jsonb END) m
                  WHERE m ->> 'alias' = s.key #>> '{}')
   GROUP BY t.id
)
UPDATE reports r
   SET visualization = CASE
         WHEN jsonb_typeof(t.v) <> 'object' OR t.chart_type IS NULL THEN NULL
         ELSE jsonb_strip_nulls(jsonb_build_object(
           'type', t.chart_type,
           'series', s.keys,
           'stacked', CASE WHEN jsonb_typeof(t.v -> 'stacked') = 'boolean' THEN t.v -> 'stacked' END,
           'donut', CASE WHEN jsonb_typeof(t.v -> 'donut') = 'boolean' THEN t.v -> 'donut' WHEN t.donut_alias THEN 'true'::jsonb END,
           'xAxisLabel', CASE WHEN jsonb_typeof(t.v -> 'xAxisLabel') = 'string' AND btrim(t.v ->> 'xAxisLabel') <> '' AND char_length(t.v ->> 'xAxisLabel') <= 100 THEN t.v -> 'xAxisLabel' END,
           'yAxisLabel', CASE WHEN jsonb_typeof(t.v -> 'yAxisLabel') = 'string' AND btrim(t.v ->> 'yAxisLabel') <> '' AND char_length(t.v ->> 'yAxisLabel') <= 100 THEN t.v -> 'yAxisLabel' END,
           'maxPoints', CASE WHEN jsonb_typeof(t.v -> 'maxPoints') = 'number' AND (t.v ->> 'maxPoints')::numeric BETWEEN 1 AND 5000
                              AND (t.v ->> 'maxPoints')::numeric = trunc((t.v ->> 'maxPoints')::numeric) THEN to_jsonb((t.v ->> 'maxPoints')::int) END))
       END
  FROM typed t
  LEFT JOIN series s ON s.id = t.id
 WHERE r.id = t.id;
