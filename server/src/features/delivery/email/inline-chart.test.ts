/**
 * The report's chart in the email body: an inline PNG part the HTML references by `cid:`, as the
 * .eml (multipart/related, read back by Python's `email` package) and as the SendGrid request
 * (disposition inline + content_id, recorded by a local SendGrid stand-in). The PNG is the one the
 * scheduled email sends: the shared chart option, ECharts SVG, resvg with the npm Noto fonts.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartOption } from '@reportcast/charts';
import { startSendGridRecorder, type SendGridRecorder } from '../../../../../test/support/sendgrid-recorder.js';
import { renderChartPng } from '../../charts/chart-png.js';
import { renderChartSvg } from '../../charts/chart-svg.js';
import { CHART_CONTENT_ID, renderReportEmail, type EmailChart, type ReportEmailInput } from './message.js';
import { OutboxTransport } from './outbox-transport.js';
import { SendGridTransport } from './sendgrid-transport.js';

const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');

/** Width and height from a PNG's IHDR, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

let chart: EmailChart;
beforeAll(async () => {
  const definition = { dimensions: [{ key: 'city', label: 'City', kind: 'STRING' as const }], measures: [{ key: 'events', label: 'Events', kind: 'NUMBER' as const }] };
  const option = chartOption(definition, { type: 'BAR', xAxisLabel: '都市' }, [['東京', 420], ['Paris', 310]], { timeZone: 'UTC', fontFamily: 'Noto Sans' })!;
  chart = { png: await renderChartPng(await renderChartSvg(option, 544, 300), 2), width: 544, height: 300, alt: 'Chart: Events by City <script>' };
});

function input(overrides: Partial<ReportEmailInput> = {}): ReportEmailInput {
  return {
    reportName: 'Cities', scheduleName: 'Weekly', tenantId: 'acme', periodLabel: '2026-11-30 00:00 → 2026-12-07 00:00 UTC',
    rowCount: 2, totalRows: 2, truncated: false, format: 'PDF', fileName: 'cities.pdf', fileSize: PDF.length, attachment: PDF,
    contentType: 'application/pdf', downloadUrl: null, linkExpiresAt: null, unsubscribeUrl: 'https://reports.test/unsubscribe?token=t',
    chart, ...overrides,
  };
}

describe('the chart in the report email', () => {
  it('is a PNG twice the size the HTML shows it at', () => {
    expect(pngSize(chart.png)).toEqual({ width: 1088, height: 600 });
  });

  it('is an inline part the HTML shows by cid:, beside the attached file; no chart, no image', () => {
    const m = renderReportEmail(input(), 'Reportcast <r@reportcast.test>', 'a@acme.test', 'd1');
    expect(m.attachments.map((a) => [a.fileName, a.contentType, a.contentId])).toEqual([
      ['cities.pdf', 'application/pdf', undefined],
      ['chart.png', 'image/png', CHART_CONTENT_ID],
    ]);
    expect(m.html).toContain(`<img src="cid:${CHART_CONTENT_ID}" width="544" height="300" alt="Chart: Events by City &lt;script&gt;"`);
    const plain = renderReportEmail(input({ chart: null }), 'Reportcast <r@reportcast.test>', 'a@acme.test', 'd1');
    expect(plain.attachments).toHaveLength(1);
    expect(plain.html).not.toContain('<img');
  });

  it('in the .eml: multipart/related holds the HTML and the image (Content-ID, inline), the file stays an attachment', async () => {
    const m = renderReportEmail(input(), 'Reportcast <r@reportcast.test>', 'a@acme.test', 'd1');
    const { eml } = await new OutboxTransport('/tmp/unused').render(m, new Date('2026-12-07T00:00:00Z'));
    const script = `
import email, email.policy, json, sys
msg = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
def walk(part, depth=0):
    out = [{"depth": depth, "type": part.get_content_type(), "disposition": part.get_content_disposition(), "cid": part.get("Content-ID"), "filename": part.get_filename(),
            "bytes": len(part.get_payload(decode=True) or b"") if not part.is_multipart() else None}]
    if part.is_multipart():
        for p in part.iter_parts(): out += walk(p, depth + 1)
    return out
html = msg.get_body(preferencelist=("html",)).get_content()
image = next(p for p in msg.walk() if p.get_content_type() == "image/png")
print(json.dumps({"tree": walk(msg), "html_has_cid": "cid:${CHART_CONTENT_ID}" in html, "png": image.get_payload(decode=True).hex()[:48]}))`;
    const parsed = JSON.parse(execFileSync('python3', ['-c', script], { input: eml, encoding: 'utf8' })) as {
      tree: { depth: number; type: string; disposition: string | null; cid: string | null; filename: string | null; bytes: number | null }[];
      html_has_cid: boolean;
      png: string;
    };
    expect(parsed.tree.map((p) => [p.depth, p.type, p.disposition, p.cid, p.filename])).toEqual([
      [0, 'multipart/mixed', null, null, null],
      // nodemailer's tree: the related part pairs the HTML with its image; the text stays beside it.
      [1, 'multipart/alternative', null, null, null],
      [2, 'text/plain', null, null, null],
      [2, 'multipart/related', null, null, null],
      [3, 'text/html', null, null, null],
      [3, 'image/png', 'inline', `<${CHART_CONTENT_ID}>`, 'chart.png'],
      [1, 'application/pdf', 'attachment', null, 'cities.pdf'],
    ]);
    expect(parsed.tree.find((p) => p.type === 'image/png')!.bytes).toBe(chart.png.length);
    expect(parsed.html_has_cid).toBe(true);
    expect(parsed.png.slice(0, 16)).toBe('89504e470d0a1a0a');
  });

  describe('through SendGrid', () => {
    let recorder: SendGridRecorder;
    beforeAll(async () => {
      recorder = await startSendGridRecorder();
    });
    afterAll(async () => recorder?.close());

    it('sends the image with disposition inline and the content_id the HTML references', async () => {
      const transport = new SendGridTransport({ apiKey: 'SG.test', baseUrl: recorder.baseUrl });
      await transport.send(renderReportEmail(input(), 'Reportcast <r@reportcast.test>', 'a@acme.test', 'd1'));
      const body = recorder.requests.at(-1)!.body as { attachments: { content: string; filename: string; type: string; disposition: string; content_id?: string }[]; content: { type: string; value: string }[] };
      const image = body.attachments.find((a) => a.type === 'image/png')!;
      expect(image).toMatchObject({ filename: 'chart.png', disposition: 'inline', content_id: CHART_CONTENT_ID });
      expect(body.attachments.find((a) => a.type === 'application/pdf')).toMatchObject({ disposition: 'attachment' });
      expect(body.attachments.find((a) => a.type === 'application/pdf')).not.toHaveProperty('content_id');
      const html = body.content.find((c) => c.type === 'text/html')!.value;
      expect(html).toContain(`src="cid:${image.content_id}"`);
      expect(pngSize(Buffer.from(image.content, 'base64'))).toEqual({ width: 1088, height: 600 });
    });
  });
});
