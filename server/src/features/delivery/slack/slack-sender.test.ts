/**
 * postToSlack through the real @slack/web-api client against a local Slack stand-in
 * (test/support/slack-recorder.ts): the summary posted once, the chart and file uploaded with the
 * external upload flow, and every failure mapped as the delivery ledger needs it.
 */
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSlackRecorder, type SlackRecorder } from '../../../../../test/support/slack-recorder.js';
import { DeliverySendError } from '../send-error.js';
import { postToSlack, slackClient, type SlackPost } from './slack-sender.js';

let slack: SlackRecorder;
const TOKEN = 'xoxb-1111-2222-abcdefABCDEF';

beforeAll(async () => { slack = await startSlackRecorder(); });
afterAll(async () => { await slack.close(); });
beforeEach(() => { slack.calls.length = 0; slack.uploads.clear(); });

const csv = Buffer.from('name,value\n東京,1\nΑθήνα,2\nالقاهرة,3\n🚀,4\n', 'utf8');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
function post(overrides: Partial<SlackPost> = {}): SlackPost & { recorded: string[] } {
  const recorded: string[] = [];
  return {
    channel: '#reports', text: 'Usage — weekly: 4 rows', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Rows:* 4' } }],
    files: [{ filename: 'chart.png', title: 'Chart', data: png }, { filename: '東京_レポート.csv', title: '東京 レポート', data: csv }],
    posted: null, onPosted: async (p) => { recorded.push(p); }, recorded, ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<DeliverySendError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DeliverySendError);
  return error as DeliverySendError;
}

describe('postToSlack', () => {
  it('posts the summary, records it, then uploads chart and file (getUploadURLExternal, upload, completeUploadExternal) to the channel', async () => {
    const p = post();
    const posted = await postToSlack(slackClient(TOKEN, slack.apiUrl), p);
    expect(posted).toMatch(/^C[0-9A-F]+:1765000000\.\d{6}$/);
    expect(p.recorded).toEqual([posted]);
    const methods = slack.calls.map((c) => c.method);
    expect(methods.filter((m) => m === 'chat.postMessage')).toHaveLength(1);
    expect(methods.filter((m) => m === 'files.getUploadURLExternal')).toHaveLength(2);
    expect(methods.filter((m) => m === 'upload')).toHaveLength(2);
    expect(methods.filter((m) => m === 'files.completeUploadExternal')).toHaveLength(1);
    expect(methods[0]).toBe('chat.postMessage');
    expect(methods.at(-1)).toBe('files.completeUploadExternal');
    expect(slack.calls.every((c) => c.token === TOKEN)).toBe(true);
    const message = slack.calls[0]!.fields;
    expect(message).toMatchObject({ channel: '#reports', text: 'Usage — weekly: 4 rows', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Rows:* 4' } }] });
    const complete = slack.calls.find((c) => c.method === 'files.completeUploadExternal')!.fields;
    expect(complete.channel_id).toBe(posted.split(':')[0]);
    // The bytes arrived as they went, names in any script.
    const byName = Object.fromEntries([...slack.uploads.values()].map((u) => [u.filename, u.bytes]));
    expect(byName['東京_レポート.csv']!.equals(csv)).toBe(true);
    expect(byName['chart.png']!.equals(png)).toBe(true);
    const lengths = slack.calls.filter((c) => c.method === 'files.getUploadURLExternal').map((c) => Number(c.fields.length)).sort((a, b) => a - b);
    expect(lengths).toEqual([png.length, csv.length].sort((a, b) => a - b));
  });

  it('a summary already posted by an earlier attempt is not posted again: only the files go', async () => {
    const p = post({ posted: 'C0REPORTS:1765000000.000001' });
    expect(await postToSlack(slackClient(TOKEN, slack.apiUrl), p)).toBe('C0REPORTS:1765000000.000001');
    expect(slack.calls.some((c) => c.method === 'chat.postMessage')).toBe(false);
    expect(slack.calls.find((c) => c.method === 'files.completeUploadExternal')!.fields.channel_id).toBe('C0REPORTS');
    expect(p.recorded).toEqual([]);
  });

  it('429: retryable with Slack\'s Retry-After, and the client made no retry of its own', async () => {
    slack.answerNext('chat.postMessage', { rateLimited: 42 });
    const e = await failure(postToSlack(slackClient(TOKEN, slack.apiUrl), post()));
    expect(e).toMatchObject({ retryable: true, status: 429, retryAfterMs: 42_000, ambiguous: false });
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage']);
  });

  it('Slack\'s error string: permanent for channel_not_found and not_in_channel, retryable for internal_error', async () => {
    const e1 = await failure(postToSlack(slackClient(TOKEN, slack.apiUrl), post({ channel: '#nowhere' })));
    expect(e1).toMatchObject({ retryable: false, message: 'Slack refused: channel_not_found' });
    slack.answerNext('chat.postMessage', { error: 'not_in_channel' });
    expect(await failure(postToSlack(slackClient(TOKEN, slack.apiUrl), post()))).toMatchObject({ retryable: false, message: 'Slack refused: not_in_channel' });
    slack.answerNext('chat.postMessage', { error: 'internal_error' });
    expect(await failure(postToSlack(slackClient(TOKEN, slack.apiUrl), post()))).toMatchObject({ retryable: true });
  });

  it('a failed upload after the summary was posted: retryable, and the summary was recorded so a retry skips it', async () => {
    slack.answerNext('files.completeUploadExternal', { error: 'internal_error' });
    const p = post();
    const e = await failure(postToSlack(slackClient(TOKEN, slack.apiUrl), p));
    expect(e.retryable).toBe(true);
    expect(p.recorded).toHaveLength(1);
  });

  it('the answer lost (connection dropped after Slack read the request): ambiguous, for UNCERTAIN', async () => {
    slack.answerNext('chat.postMessage', 'drop');
    const e = await failure(postToSlack(slackClient(TOKEN, slack.apiUrl), post()));
    expect(e.ambiguous).toBe(true);
    expect(e.message).toMatch(/^Slack's answer was lost/);
  });

  it('Slack unreachable (connection refused): retryable, not ambiguous', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const e = await failure(postToSlack(slackClient(TOKEN, `http://127.0.0.1:${port}/api/`), post()));
    expect(e).toMatchObject({ retryable: true, ambiguous: false });
  });
});
