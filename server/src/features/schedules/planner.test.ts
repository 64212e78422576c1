import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GRACE_MS,
  MAX_MISSED_SLOTS,
  ScheduleInputError,
  isBusinessDay,
  localWallTime,
  nextRuns,
  planCatchUp,
  runsBetween,
  upcomingRuns,
  validateCron,
  validateTimeZone,
} from './planner.js';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const LORD_HOWE = 'Australia/Lord_Howe';
const TROLL = 'Antarctica/Troll';
const KATHMANDU = 'Asia/Kathmandu';
const SANTIAGO = 'America/Santiago';

const d = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((x) => x.toISOString().replace('.000Z', 'Z'));
const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * The DST golden table. Each row: the schedule, a start instant, and every slot after it up to the
 * last listed one, as UTC instants with the expected local wall time. Transitions (tzdb 2025):
 *  - America/New_York   2026-03-08 07:00Z (02:00 EST → 03:00 EDT), 2026-11-01 06:00Z (02:00 EDT → 01:00 EST),
 *                       2027-03-14 07:00Z, 2027-11-07 06:00Z
 *  - Europe/London      2026-03-29 01:00Z (01:00 GMT → 02:00 BST), 2026-10-25 01:00Z (02:00 BST → 01:00 GMT),
 *                       2027-03-28, 2027-10-31
 *  - Australia/Lord_Howe 2026-04-04 15:00Z (local Apr 5 02:00 +11:00 → 01:30 +10:30),
 *                       2026-10-03 15:30Z (local Oct 4 02:00 +10:30 → 02:30 +11:00), 2027-04-03, 2027-10-02
 *  - Antarctica/Troll   2026-03-29 01:00Z (01:00 +00 → 03:00 +02), 2026-10-25 01:00Z (03:00 +02 → 01:00 +00),
 *                       2027-03-28, 2027-10-31
 *  - Asia/Kathmandu     +05:45 all year
 *  - America/Santiago   2026-04-05 03:00Z (00:00 -03 → 23:00 -04 the day before), 2026-09-06 04:00Z
 *                       (00:00 -04 → 01:00 -03): the gap swallows midnight
 */
interface GoldenRow {
  why: string;
  zone: string;
  cron: string;
  after: string;
  runs: Array<[utc: string, local: string]>;
}

const GOLDEN: GoldenRow[] = [
  // ---- America/New_York
  {
    why: 'NY 2026 spring: 02:30 does not exist on Mar 8, runs at 03:30 EDT',
    zone: NY,
    cron: '30 2 * * *',
    after: '2026-03-06T12:00:00Z',
    runs: [
      ['2026-03-07T07:30:00Z', '2026-03-07T02:30:00-05:00'],
      ['2026-03-08T07:30:00Z', '2026-03-08T03:30:00-04:00'],
      ['2026-03-09T06:30:00Z', '2026-03-09T02:30:00-04:00'],
      ['2026-03-10T06:30:00Z', '2026-03-10T02:30:00-04:00'],
    ],
  },
  {
    why: 'NY 2026 spring: 01:30 exists (before the gap)',
    zone: NY,
    cron: '30 1 * * *',
    after: '2026-03-07T12:00:00Z',
    runs: [
      ['2026-03-08T06:30:00Z', '2026-03-08T01:30:00-05:00'],
      ['2026-03-09T05:30:00Z', '2026-03-09T01:30:00-04:00'],
    ],
  },
  {
    why: 'NY 2026 fall: 01:30 happens twice on Nov 1, runs once at 01:30 EDT',
    zone: NY,
    cron: '30 1 * * *',
    after: '2026-10-30T12:00:00Z',
    runs: [
      ['2026-10-31T05:30:00Z', '2026-10-31T01:30:00-04:00'],
      ['2026-11-01T05:30:00Z', '2026-11-01T01:30:00-04:00'],
      ['2026-11-02T06:30:00Z', '2026-11-02T01:30:00-05:00'],
      ['2026-11-03T06:30:00Z', '2026-11-03T01:30:00-05:00'],
    ],
  },
  {
    why: 'NY 2026 fall: 02:30 happens once (after the repeated hour)',
    zone: NY,
    cron: '30 2 * * *',
    after: '2026-10-31T12:00:00Z',
    runs: [
      ['2026-11-01T07:30:00Z', '2026-11-01T02:30:00-05:00'],
      ['2026-11-02T07:30:00Z', '2026-11-02T02:30:00-05:00'],
    ],
  },
  {
    why: 'NY 2026 spring, hourly: one run per real hour (02:00 shifted to 03:00 EDT = the 03:00 run)',
    zone: NY,
    cron: '0 * * * *',
    after: '2026-03-08T04:30:00Z',
    runs: [
      ['2026-03-08T05:00:00Z', '2026-03-08T00:00:00-05:00'],
      ['2026-03-08T06:00:00Z', '2026-03-08T01:00:00-05:00'],
      ['2026-03-08T07:00:00Z', '2026-03-08T03:00:00-04:00'],
      ['2026-03-08T08:00:00Z', '2026-03-08T04:00:00-04:00'],
      ['2026-03-08T09:00:00Z', '2026-03-08T05:00:00-04:00'],
    ],
  },
  {
    why: 'NY 2026 fall, hourly: one run per real hour (01:00 EDT and 01:00 EST both run)',
    zone: NY,
    cron: '0 * * * *',
    after: '2026-11-01T03:30:00Z',
    runs: [
      ['2026-11-01T04:00:00Z', '2026-11-01T00:00:00-04:00'],
      ['2026-11-01T05:00:00Z', '2026-11-01T01:00:00-04:00'],
      ['2026-11-01T06:00:00Z', '2026-11-01T01:00:00-05:00'],
      ['2026-11-01T07:00:00Z', '2026-11-01T02:00:00-05:00'],
      ['2026-11-01T08:00:00Z', '2026-11-01T03:00:00-05:00'],
    ],
  },
  {
    why: 'NY 2026 spring, weekly Monday 09:00: EST date 14:00Z, EDT dates 13:00Z',
    zone: NY,
    cron: '0 9 * * 1',
    after: '2026-02-27T00:00:00Z',
    runs: [
      ['2026-03-02T14:00:00Z', '2026-03-02T09:00:00-05:00'],
      ['2026-03-09T13:00:00Z', '2026-03-09T09:00:00-04:00'],
      ['2026-03-16T13:00:00Z', '2026-03-16T09:00:00-04:00'],
    ],
  },
  {
    why: 'NY 2026 fall, weekly Monday 09:00: EDT date 13:00Z, EST dates 14:00Z',
    zone: NY,
    cron: '0 9 * * 1',
    after: '2026-10-23T00:00:00Z',
    runs: [
      ['2026-10-26T13:00:00Z', '2026-10-26T09:00:00-04:00'],
      ['2026-11-02T14:00:00Z', '2026-11-02T09:00:00-05:00'],
      ['2026-11-09T14:00:00Z', '2026-11-09T09:00:00-05:00'],
    ],
  },
  {
    why: 'NY 2027 spring: 02:30 on Mar 14 runs at 03:30 EDT',
    zone: NY,
    cron: '30 2 * * *',
    after: '2027-03-12T12:00:00Z',
    runs: [
      ['2027-03-13T07:30:00Z', '2027-03-13T02:30:00-05:00'],
      ['2027-03-14T07:30:00Z', '2027-03-14T03:30:00-04:00'],
      ['2027-03-15T06:30:00Z', '2027-03-15T02:30:00-04:00'],
    ],
  },
  {
    why: 'NY 2027 fall: 01:30 on Nov 7 runs once, EDT',
    zone: NY,
    cron: '30 1 * * *',
    after: '2027-11-05T12:00:00Z',
    runs: [
      ['2027-11-06T05:30:00Z', '2027-11-06T01:30:00-04:00'],
      ['2027-11-07T05:30:00Z', '2027-11-07T01:30:00-04:00'],
      ['2027-11-08T06:30:00Z', '2027-11-08T01:30:00-05:00'],
    ],
  },
  {
    why: 'NY 2027 spring, hourly',
    zone: NY,
    cron: '0 * * * *',
    after: '2027-03-14T05:30:00Z',
    runs: [
      ['2027-03-14T06:00:00Z', '2027-03-14T01:00:00-05:00'],
      ['2027-03-14T07:00:00Z', '2027-03-14T03:00:00-04:00'],
      ['2027-03-14T08:00:00Z', '2027-03-14T04:00:00-04:00'],
    ],
  },
  {
    why: 'NY 2027 fall, hourly',
    zone: NY,
    cron: '0 * * * *',
    after: '2027-11-07T04:30:00Z',
    runs: [
      ['2027-11-07T05:00:00Z', '2027-11-07T01:00:00-04:00'],
      ['2027-11-07T06:00:00Z', '2027-11-07T01:00:00-05:00'],
      ['2027-11-07T07:00:00Z', '2027-11-07T02:00:00-05:00'],
    ],
  },
  {
    why: 'NY 2027 spring, weekly Monday 09:00',
    zone: NY,
    cron: '0 9 * * 1',
    after: '2027-03-05T00:00:00Z',
    runs: [
      ['2027-03-08T14:00:00Z', '2027-03-08T09:00:00-05:00'],
      ['2027-03-15T13:00:00Z', '2027-03-15T09:00:00-04:00'],
    ],
  },
  {
    why: 'NY 2027 fall, weekly Monday 09:00',
    zone: NY,
    cron: '0 9 * * 1',
    after: '2027-10-29T00:00:00Z',
    runs: [
      ['2027-11-01T13:00:00Z', '2027-11-01T09:00:00-04:00'],
      ['2027-11-08T14:00:00Z', '2027-11-08T09:00:00-05:00'],
    ],
  },

  // ---- Europe/London
  {
    why: 'London 2026 spring: 01:30 does not exist on Mar 29, runs at 02:30 BST',
    zone: LONDON,
    cron: '30 1 * * *',
    after: '2026-03-27T12:00:00Z',
    runs: [
      ['2026-03-28T01:30:00Z', '2026-03-28T01:30:00+00:00'],
      ['2026-03-29T01:30:00Z', '2026-03-29T02:30:00+01:00'],
      ['2026-03-30T00:30:00Z', '2026-03-30T01:30:00+01:00'],
    ],
  },
  {
    why: 'London 2026 fall: 01:30 happens twice on Oct 25, runs once at 01:30 BST',
    zone: LONDON,
    cron: '30 1 * * *',
    after: '2026-10-23T12:00:00Z',
    runs: [
      ['2026-10-24T00:30:00Z', '2026-10-24T01:30:00+01:00'],
      ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00+01:00'],
      ['2026-10-26T01:30:00Z', '2026-10-26T01:30:00+00:00'],
    ],
  },
  {
    why: 'London 2026 spring, hourly',
    zone: LONDON,
    cron: '0 * * * *',
    after: '2026-03-28T23:30:00Z',
    runs: [
      ['2026-03-29T00:00:00Z', '2026-03-29T00:00:00+00:00'],
      ['2026-03-29T01:00:00Z', '2026-03-29T02:00:00+01:00'],
      ['2026-03-29T02:00:00Z', '2026-03-29T03:00:00+01:00'],
    ],
  },
  {
    why: 'London 2026 fall, hourly: 01:00 BST and 01:00 GMT both run',
    zone: LONDON,
    cron: '0 * * * *',
    after: '2026-10-24T23:30:00Z',
    runs: [
      ['2026-10-25T00:00:00Z', '2026-10-25T01:00:00+01:00'],
      ['2026-10-25T01:00:00Z', '2026-10-25T01:00:00+00:00'],
      ['2026-10-25T02:00:00Z', '2026-10-25T02:00:00+00:00'],
    ],
  },
  {
    why: 'London 2027 spring',
    zone: LONDON,
    cron: '30 1 * * *',
    after: '2027-03-26T12:00:00Z',
    runs: [
      ['2027-03-27T01:30:00Z', '2027-03-27T01:30:00+00:00'],
      ['2027-03-28T01:30:00Z', '2027-03-28T02:30:00+01:00'],
      ['2027-03-29T00:30:00Z', '2027-03-29T01:30:00+01:00'],
    ],
  },
  {
    why: 'London 2027 fall',
    zone: LONDON,
    cron: '30 1 * * *',
    after: '2027-10-29T12:00:00Z',
    runs: [
      ['2027-10-30T00:30:00Z', '2027-10-30T01:30:00+01:00'],
      ['2027-10-31T00:30:00Z', '2027-10-31T01:30:00+01:00'],
      ['2027-11-01T01:30:00Z', '2027-11-01T01:30:00+00:00'],
    ],
  },
  {
    why: 'London 2027 spring, hourly',
    zone: LONDON,
    cron: '0 * * * *',
    after: '2027-03-27T23:30:00Z',
    runs: [
      ['2027-03-28T00:00:00Z', '2027-03-28T00:00:00+00:00'],
      ['2027-03-28T01:00:00Z', '2027-03-28T02:00:00+01:00'],
      ['2027-03-28T02:00:00Z', '2027-03-28T03:00:00+01:00'],
    ],
  },
  {
    why: 'London 2027 fall, hourly',
    zone: LONDON,
    cron: '0 * * * *',
    after: '2027-10-30T23:30:00Z',
    runs: [
      ['2027-10-31T00:00:00Z', '2027-10-31T01:00:00+01:00'],
      ['2027-10-31T01:00:00Z', '2027-10-31T01:00:00+00:00'],
      ['2027-10-31T02:00:00Z', '2027-10-31T02:00:00+00:00'],
    ],
  },

  // ---- Australia/Lord_Howe (30-minute change)
  {
    why: 'Lord Howe 2026 spring: 02:15 does not exist on Oct 4 (gap 02:00-02:30), runs at 02:45 +11:00',
    zone: LORD_HOWE,
    cron: '15 2 * * *',
    after: '2026-10-02T00:00:00Z',
    runs: [
      ['2026-10-02T15:45:00Z', '2026-10-03T02:15:00+10:30'],
      ['2026-10-03T15:45:00Z', '2026-10-04T02:45:00+11:00'],
      ['2026-10-04T15:15:00Z', '2026-10-05T02:15:00+11:00'],
    ],
  },
  {
    why: 'Lord Howe 2026 fall: 01:45 happens twice on Apr 5 (01:30-02:00 repeats), runs once at +11:00',
    zone: LORD_HOWE,
    cron: '45 1 * * *',
    after: '2026-04-03T00:00:00Z',
    runs: [
      ['2026-04-03T14:45:00Z', '2026-04-04T01:45:00+11:00'],
      ['2026-04-04T14:45:00Z', '2026-04-05T01:45:00+11:00'],
      ['2026-04-05T15:15:00Z', '2026-04-06T01:45:00+10:30'],
    ],
  },
  {
    why: 'Lord Howe 2026 spring, hourly: 02:00 shifted to 02:30, then 03:00 (30 minutes later)',
    zone: LORD_HOWE,
    cron: '0 * * * *',
    after: '2026-10-03T13:45:00Z',
    runs: [
      ['2026-10-03T14:30:00Z', '2026-10-04T01:00:00+10:30'],
      ['2026-10-03T15:30:00Z', '2026-10-04T02:30:00+11:00'],
      ['2026-10-03T16:00:00Z', '2026-10-04T03:00:00+11:00'],
      ['2026-10-03T17:00:00Z', '2026-10-04T04:00:00+11:00'],
    ],
  },
  {
    why: 'Lord Howe 2026 spring, every 15 minutes: one run per 15 real minutes through the gap',
    zone: LORD_HOWE,
    cron: '*/15 * * * *',
    after: '2026-10-03T15:00:00Z',
    runs: [
      ['2026-10-03T15:15:00Z', '2026-10-04T01:45:00+10:30'],
      ['2026-10-03T15:30:00Z', '2026-10-04T02:30:00+11:00'],
      ['2026-10-03T15:45:00Z', '2026-10-04T02:45:00+11:00'],
      ['2026-10-03T16:00:00Z', '2026-10-04T03:00:00+11:00'],
    ],
  },
  {
    why: 'Lord Howe 2026 fall, hourly :00: the repeated half hour has no :00, so 01:00 → 02:00 is 90 real minutes',
    zone: LORD_HOWE,
    cron: '0 * * * *',
    after: '2026-04-04T13:15:00Z',
    runs: [
      ['2026-04-04T14:00:00Z', '2026-04-05T01:00:00+11:00'],
      ['2026-04-04T15:30:00Z', '2026-04-05T02:00:00+10:30'],
      ['2026-04-04T16:30:00Z', '2026-04-05T03:00:00+10:30'],
    ],
  },
  {
    why: 'Lord Howe 2026 fall, hourly :30: both real 01:30s run (every-hour schedule)',
    zone: LORD_HOWE,
    cron: '30 * * * *',
    after: '2026-04-04T13:45:00Z',
    runs: [
      ['2026-04-04T14:30:00Z', '2026-04-05T01:30:00+11:00'],
      ['2026-04-04T15:00:00Z', '2026-04-05T01:30:00+10:30'],
      ['2026-04-04T16:00:00Z', '2026-04-05T02:30:00+10:30'],
    ],
  },
  {
    why: 'Lord Howe 2027 spring',
    zone: LORD_HOWE,
    cron: '15 2 * * *',
    after: '2027-10-01T00:00:00Z',
    runs: [
      ['2027-10-01T15:45:00Z', '2027-10-02T02:15:00+10:30'],
      ['2027-10-02T15:45:00Z', '2027-10-03T02:45:00+11:00'],
      ['2027-10-03T15:15:00Z', '2027-10-04T02:15:00+11:00'],
    ],
  },
  {
    why: 'Lord Howe 2027 fall',
    zone: LORD_HOWE,
    cron: '45 1 * * *',
    after: '2027-04-02T00:00:00Z',
    runs: [
      ['2027-04-02T14:45:00Z', '2027-04-03T01:45:00+11:00'],
      ['2027-04-03T14:45:00Z', '2027-04-04T01:45:00+11:00'],
      ['2027-04-04T15:15:00Z', '2027-04-05T01:45:00+10:30'],
    ],
  },

  // ---- Antarctica/Troll (2-hour change, +00 ↔ +02)
  {
    why: 'Troll 2026 spring: 02:30 does not exist on Mar 29 (gap 01:00-03:00), runs at 04:30 +02:00',
    zone: TROLL,
    cron: '30 2 * * *',
    after: '2026-03-27T12:00:00Z',
    runs: [
      ['2026-03-28T02:30:00Z', '2026-03-28T02:30:00+00:00'],
      ['2026-03-29T02:30:00Z', '2026-03-29T04:30:00+02:00'],
      ['2026-03-30T00:30:00Z', '2026-03-30T02:30:00+02:00'],
    ],
  },
  {
    why: 'Troll 2026 spring: 01:30 runs at 03:30 +02:00',
    zone: TROLL,
    cron: '30 1 * * *',
    after: '2026-03-28T12:00:00Z',
    runs: [
      ['2026-03-29T01:30:00Z', '2026-03-29T03:30:00+02:00'],
      ['2026-03-29T23:30:00Z', '2026-03-30T01:30:00+02:00'],
    ],
  },
  {
    why: 'Troll 2026 fall: 02:30 happens twice on Oct 25 (01:00-03:00 repeats), runs once at +02:00',
    zone: TROLL,
    cron: '30 2 * * *',
    after: '2026-10-23T12:00:00Z',
    runs: [
      ['2026-10-24T00:30:00Z', '2026-10-24T02:30:00+02:00'],
      ['2026-10-25T00:30:00Z', '2026-10-25T02:30:00+02:00'],
      ['2026-10-26T02:30:00Z', '2026-10-26T02:30:00+00:00'],
    ],
  },
  {
    why: 'Troll 2026 spring, hourly: one run per real hour',
    zone: TROLL,
    cron: '0 * * * *',
    after: '2026-03-28T22:30:00Z',
    runs: [
      ['2026-03-28T23:00:00Z', '2026-03-28T23:00:00+00:00'],
      ['2026-03-29T00:00:00Z', '2026-03-29T00:00:00+00:00'],
      ['2026-03-29T01:00:00Z', '2026-03-29T03:00:00+02:00'],
      ['2026-03-29T02:00:00Z', '2026-03-29T04:00:00+02:00'],
    ],
  },
  {
    why: 'Troll 2026 fall, hourly: one run per real hour (01:00 and 02:00 twice)',
    zone: TROLL,
    cron: '0 * * * *',
    after: '2026-10-24T21:30:00Z',
    runs: [
      ['2026-10-24T22:00:00Z', '2026-10-25T00:00:00+02:00'],
      ['2026-10-24T23:00:00Z', '2026-10-25T01:00:00+02:00'],
      ['2026-10-25T00:00:00Z', '2026-10-25T02:00:00+02:00'],
      ['2026-10-25T01:00:00Z', '2026-10-25T01:00:00+00:00'],
      ['2026-10-25T02:00:00Z', '2026-10-25T02:00:00+00:00'],
      ['2026-10-25T03:00:00Z', '2026-10-25T03:00:00+00:00'],
    ],
  },
  {
    why: 'Troll 2027 spring',
    zone: TROLL,
    cron: '30 2 * * *',
    after: '2027-03-26T12:00:00Z',
    runs: [
      ['2027-03-27T02:30:00Z', '2027-03-27T02:30:00+00:00'],
      ['2027-03-28T02:30:00Z', '2027-03-28T04:30:00+02:00'],
      ['2027-03-29T00:30:00Z', '2027-03-29T02:30:00+02:00'],
    ],
  },
  {
    why: 'Troll 2027 fall',
    zone: TROLL,
    cron: '30 2 * * *',
    after: '2027-10-29T12:00:00Z',
    runs: [
      ['2027-10-30T00:30:00Z', '2027-10-30T02:30:00+02:00'],
      ['2027-10-31T00:30:00Z', '2027-10-31T02:30:00+02:00'],
      ['2027-11-01T02:30:00Z', '2027-11-01T02:30:00+00:00'],
    ],
  },

  // ---- Asia/Kathmandu (+05:45, no DST)
  {
    why: 'Kathmandu daily 02:30 = 20:45Z the day before, unaffected by the EU change',
    zone: KATHMANDU,
    cron: '30 2 * * *',
    after: '2026-03-27T12:00:00Z',
    runs: [
      ['2026-03-27T20:45:00Z', '2026-03-28T02:30:00+05:45'],
      ['2026-03-28T20:45:00Z', '2026-03-29T02:30:00+05:45'],
      ['2026-03-29T20:45:00Z', '2026-03-30T02:30:00+05:45'],
    ],
  },
  {
    why: 'Kathmandu hourly: every hour at :15 UTC',
    zone: KATHMANDU,
    cron: '0 * * * *',
    after: '2026-11-01T04:30:00Z',
    runs: [
      ['2026-11-01T05:15:00Z', '2026-11-01T11:00:00+05:45'],
      ['2026-11-01T06:15:00Z', '2026-11-01T12:00:00+05:45'],
      ['2026-11-01T07:15:00Z', '2026-11-01T13:00:00+05:45'],
    ],
  },
  {
    why: 'Kathmandu weekly Monday 09:00 = 03:15Z',
    zone: KATHMANDU,
    cron: '0 9 * * 1',
    after: '2027-03-10T00:00:00Z',
    runs: [
      ['2027-03-15T03:15:00Z', '2027-03-15T09:00:00+05:45'],
      ['2027-03-22T03:15:00Z', '2027-03-22T09:00:00+05:45'],
    ],
  },

  // ---- America/Santiago (the gap swallows midnight; the repeated hour is the previous evening)
  {
    why: 'Santiago 2026 spring: Sunday 00:00 does not exist on Sep 6, runs at 01:00 -03:00 that Sunday',
    zone: SANTIAGO,
    cron: '0 0 * * 0',
    after: '2026-09-01T12:00:00Z',
    runs: [
      ['2026-09-06T04:00:00Z', '2026-09-06T01:00:00-03:00'],
      ['2026-09-13T03:00:00Z', '2026-09-13T00:00:00-03:00'],
    ],
  },
  {
    why: 'Santiago 2026 fall: 23:30 happens twice on Apr 4, runs once at -03:00',
    zone: SANTIAGO,
    cron: '30 23 * * *',
    after: '2026-04-03T12:00:00Z',
    runs: [
      ['2026-04-04T02:30:00Z', '2026-04-03T23:30:00-03:00'],
      ['2026-04-05T02:30:00Z', '2026-04-04T23:30:00-03:00'],
      ['2026-04-06T03:30:00Z', '2026-04-05T23:30:00-04:00'],
    ],
  },
];

/** The first expected slot strictly after t (rows list every slot up to their last one). */
function expectedAfter(row: GoldenRow, t: number): string | undefined {
  return row.runs.map(([utc]) => utc).find((utc) => Date.parse(utc) > t);
}

describe('DST golden table', () => {
  for (const row of GOLDEN) {
    describe(`${row.why} [${row.zone} "${row.cron}"]`, () => {
      const utcs = row.runs.map(([utc]) => utc);
      const last = d(utcs.at(-1)!);

      it('nextRuns gives exactly the listed instants, with the listed wall times', () => {
        const runs = nextRuns(row.cron, row.zone, d(row.after), row.runs.length);
        expect(iso(runs)).toEqual(utcs);
        expect(runs.map((r) => localWallTime(r, row.zone))).toEqual(row.runs.map(([, local]) => local));
      });

      it('runsBetween(after, last) gives the same slots', () => {
        expect(iso(runsBetween(row.cron, row.zone, d(row.after), last, 100))).toEqual(utcs);
      });

      it('does not depend on where the computation starts (a scheduler recomputes from now)', () => {
        const start = Date.parse(row.after);
        const end = last.getTime();
        // Every 5 minutes for short rows, ~400 probes for long ones; plus each slot ±1ms.
        const step = Math.max(5 * MIN, Math.ceil((end - start) / 400 / MIN) * MIN);
        const probes = new Set<number>();
        for (let t = start; t < end; t += step) probes.add(t);
        for (const utc of utcs.slice(0, -1)) {
          probes.add(Date.parse(utc) - 1);
          probes.add(Date.parse(utc));
        }
        for (const t of probes) {
          const [next] = iso(nextRuns(row.cron, row.zone, new Date(t), 1));
          expect({ after: new Date(t).toISOString(), next }).toEqual({
            after: new Date(t).toISOString(),
            next: expectedAfter(row, t),
          });
        }
      });

      it('planCatchUp walking back over the same slots agrees', () => {
        const plan = planCatchUp(row.cron, row.zone, d(utcs[0]!), new Date(last.getTime() + MIN), HOUR);
        expect(plan.run?.toISOString().replace('.000Z', 'Z')).toBe(utcs.at(-1));
        expect(iso(plan.missed)).toEqual(utcs.slice(0, -1));
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// An independent oracle for the DST rule: scan every minute around each transition with Intl,
// index the instants by their local wall time, and apply the rule to that index directly.

function wallKey(zone: string): (ms: number) => string {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (ms) => {
    const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
  };
}

/** Values of a simple cron field (`*`, `n`, `a-b`, `* /n`, lists). */
function expand(field: string, min: number, max: number): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText ? Number(stepText) : 1;
    const [lo, hi] = range === '*' ? [min, max] : range.includes('-') ? range.split('-').map(Number) : [Number(range), Number(range)];
    for (let v = lo!; v <= hi!; v += step) out.add(v);
  }
  return out;
}

interface WallIndex {
  key: (ms: number) => string;
  /** Every minute of the scanned range with its wall time, ascending. */
  scan: Array<[number, string]>;
  /** Wall time → the instants showing it (2 in an overlap, none in a gap). */
  byWall: Map<string, number[]>;
}

function wallIndex(zone: string, fromMs: number, toMs: number): WallIndex {
  const key = wallKey(zone);
  const byWall = new Map<string, number[]>();
  const scan: Array<[number, string]> = [];
  for (let t = fromMs - 2 * 86_400_000; t <= toMs + 2 * 86_400_000; t += MIN) {
    const k = key(t);
    scan.push([t, k]);
    const list = byWall.get(k);
    if (list) list.push(t);
    else byWall.set(k, [t]);
  }
  return { key, scan, byWall };
}

function oracle(cron: string, index: WallIndex, fromMs: number, toMs: number): string[] {
  const [mf, hf, domf, monf, dowf] = cron.split(' ') as [string, string, string, string, string];
  expect([domf, monf]).toEqual(['*', '*']);
  const minutes = expand(mf, 0, 59);
  const hours = expand(hf, 0, 23);
  const weekdays = expand(dowf, 0, 6);
  const everyHour = hours.size === 24;
  const { key, scan, byWall } = index;
  const floating = (k: string) => Date.parse(`${k}:00Z`);
  const fromWall = floating(key(fromMs)) - 86_400_000;
  const toWall = floating(key(toMs)) + 86_400_000;
  const result = new Set<number>();
  for (let wf = fromWall; wf <= toWall; wf += MIN) {
    const w = new Date(wf);
    if (!minutes.has(w.getUTCMinutes()) || !hours.has(w.getUTCHours()) || !weekdays.has(w.getUTCDay())) continue;
    const k = w.toISOString().slice(0, 16);
    const instants = byWall.get(k);
    if (instants) {
      for (const t of everyHour ? instants : instants.slice(0, 1)) result.add(t);
      continue;
    }
    // In a gap: the clock jumps from gapStart (first missing wall time) at instant T; shift by the gap.
    const jump = scan.findIndex(([, sk], i) => i > 0 && sk > k && scan[i - 1]![1] < k);
    if (jump < 0) continue; // outside the scanned range
    const [transition] = scan[jump]!;
    const gapStart = floating(scan[jump - 1]![1]) + MIN;
    result.add(transition + (wf - gapStart));
  }
  return [...result]
    .filter((t) => t > fromMs && t <= toMs)
    .sort((a, b) => a - b)
    .map((t) => new Date(t).toISOString().replace('.000Z', 'Z'));
}

describe('DST rule against a brute-force oracle', () => {
  const transitions: Array<[string, string]> = [
    [NY, '2026-03-08T07:00:00Z'],
    [NY, '2026-11-01T06:00:00Z'],
    [NY, '2027-03-14T07:00:00Z'],
    [NY, '2027-11-07T06:00:00Z'],
    [LONDON, '2026-03-29T01:00:00Z'],
    [LONDON, '2026-10-25T01:00:00Z'],
    [LORD_HOWE, '2026-04-04T15:00:00Z'],
    [LORD_HOWE, '2026-10-03T15:30:00Z'],
    [LORD_HOWE, '2027-04-03T15:00:00Z'],
    [LORD_HOWE, '2027-10-02T15:30:00Z'],
    [TROLL, '2026-03-29T01:00:00Z'],
    [TROLL, '2026-10-25T01:00:00Z'],
    [TROLL, '2027-10-31T01:00:00Z'],
    [KATHMANDU, '2026-03-29T01:00:00Z'],
    [SANTIAGO, '2026-04-05T03:00:00Z'],
    [SANTIAGO, '2026-09-06T04:00:00Z'],
  ];
  const crons = [
    '30 2 * * *',
    '15 2 * * *',
    '45 1 * * *',
    '0 0 * * *',
    '30 23 * * *',
    '0 * * * *',
    '30 * * * *',
    '*/20 * * * *',
    '0,30 1-3 * * *',
    '10 */2 * * *',
    '5 0-4 * * 0',
  ];
  for (const [zone, at] of transitions) {
    it(`${zone} around ${at}`, () => {
      const center = Date.parse(at);
      const from = new Date(center - 30 * HOUR);
      const to = new Date(center + 30 * HOUR);
      const index = wallIndex(zone, from.getTime(), to.getTime());
      for (const cron of crons) {
        expect({ cron, runs: iso(runsBetween(cron, zone, from, to, 1000)) }).toEqual({
          cron,
          runs: oracle(cron, index, from.getTime(), to.getTime()),
        });
      }
    });
  }

  it('the oracle itself sees the gap and the overlap', () => {
    const spring = [Date.parse('2026-03-07T12:00:00Z'), Date.parse('2026-03-08T12:00:00Z')] as const;
    expect(oracle('30 2 * * *', wallIndex(NY, ...spring), ...spring)).toEqual(['2026-03-08T07:30:00Z']);
    const fall = [Date.parse('2026-11-01T04:30:00Z'), Date.parse('2026-11-01T06:30:00Z')] as const;
    expect(oracle('0 * * * *', wallIndex(NY, ...fall), ...fall)).toEqual(['2026-11-01T05:00:00Z', '2026-11-01T06:00:00Z']);
    expect(oracle('30 1 * * *', wallIndex(NY, ...fall), ...fall)).toEqual(['2026-11-01T05:30:00Z']);
  });
});

// ---------------------------------------------------------------------------------------------

function inputError(fn: () => unknown): ScheduleInputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScheduleInputError);
    return error as ScheduleInputError;
  }
  throw new Error('expected a ScheduleInputError');
}

describe('validateCron', () => {
  it('normalises whitespace and case', () => {
    expect(validateCron('  0   9 *\t* mon ')).toBe('0 9 * * MON');
    expect(validateCron('*/15 8-18 * * 1-5')).toBe('*/15 8-18 * * 1-5');
    expect(validateCron('0 6 L * *')).toBe('0 6 L * *');
    expect(validateCron('0 9 * * 1#1')).toBe('0 9 * * 1#1');
  });

  it('maps @hourly/@daily/@weekly/@monthly and rejects other macros', () => {
    expect(validateCron('@hourly')).toBe('0 * * * *');
    expect(validateCron('@daily')).toBe('0 0 * * *');
    expect(validateCron('@WEEKLY')).toBe('0 0 * * 0');
    expect(validateCron('@monthly')).toBe('0 0 1 * *');
    expect(inputError(() => validateCron('@reboot')).message).toBe(
      'unsupported cron macro @reboot (supported: @hourly, @daily, @weekly, @monthly)',
    );
    expect(inputError(() => validateCron('@yearly')).message).toMatch(/^unsupported cron macro @yearly/);
  });

  it('requires exactly 5 fields', () => {
    const six = inputError(() => validateCron('0 0 9 * * 1'));
    expect(six.message).toBe('cron must have 5 fields (minute hour day month weekday), got 6');
    expect(six.path).toBe('cron');
    expect(inputError(() => validateCron('0 9 * *')).message).toBe(
      'cron must have 5 fields (minute hour day month weekday), got 4',
    );
    expect(inputError(() => validateCron('every monday')).message).toMatch(/got 2$/);
    expect(inputError(() => validateCron('')).message).toBe('cron is required');
    expect(inputError(() => validateCron('   ')).message).toBe('cron is required');
  });

  it('names the bad field and value', () => {
    expect(inputError(() => validateCron('61 * * * *')).message).toBe('invalid minute field: 61 (expected 0-59)');
    expect(inputError(() => validateCron('0 24 * * *')).message).toBe('invalid hour field: 24 (expected 0-23)');
    expect(inputError(() => validateCron('0 0 32 * *')).message).toBe('invalid day-of-month field: 32 (expected 1-31)');
    expect(inputError(() => validateCron('0 0 0 * *')).message).toMatch(/^invalid day-of-month field: 0 /);
    expect(inputError(() => validateCron('0 0 * 13 *')).message).toBe(
      'invalid month field: 13 (expected 1-12 or JAN-DEC)',
    );
    expect(inputError(() => validateCron('0 0 * * 8')).message).toBe(
      'invalid day-of-week field: 8 (expected 0-7 or SUN-SAT)',
    );
    expect(inputError(() => validateCron('*/0 * * * *')).message).toMatch(/^invalid minute field: \*\/0 /);
    expect(inputError(() => validateCron('5-1 * * * *')).message).toMatch(/^invalid minute field: 5-1 /);
    expect(inputError(() => validateCron('1,,2 * * * *')).message).toMatch(/^invalid minute field: 1,,2 /);
    expect(inputError(() => validateCron('0 9 * * FOO')).message).toMatch(/^invalid day-of-week field: FOO /);
    expect(inputError(() => validateCron('a b c d e')).message).toMatch(/^invalid minute field: A /);
    expect(inputError(() => validateCron('0 9 15W * *')).message).toMatch(/^invalid day-of-month field: 15W /);
    expect(inputError(() => validateCron('H 9 * * *')).message).toBe(
      'invalid minute field: H (hashed H values are not supported)',
    );
  });

  it('rejects expressions that never fire', () => {
    expect(inputError(() => validateCron('0 0 30 2 *')).message).toMatch(/^cron never fires/);
    expect(inputError(() => validateCron('0 0 31 4,6 *')).message).toMatch(/^cron never fires/);
    expect(validateCron('0 0 29 2 *')).toBe('0 0 29 2 *'); // leap years
    expect(validateCron('0 0 31 2,3 *')).toBe('0 0 31 2,3 *');
  });

  it('uses the given path', () => {
    expect(inputError(() => validateCron('x', 'input.cron')).path).toBe('input.cron');
  });
});

describe('validateTimeZone', () => {
  it('accepts IANA names, normalising case and UTC spellings', () => {
    expect(validateTimeZone('America/New_York')).toBe('America/New_York');
    expect(validateTimeZone('america/new_york')).toBe('America/New_York');
    expect(validateTimeZone(' Asia/Kathmandu ')).toBe('Asia/Kathmandu');
    expect(validateTimeZone('Australia/Lord_Howe')).toBe('Australia/Lord_Howe');
    expect(validateTimeZone('Antarctica/Troll')).toBe('Antarctica/Troll');
    expect(validateTimeZone('UTC')).toBe('UTC');
    expect(validateTimeZone('utc')).toBe('UTC');
    expect(validateTimeZone('Etc/UTC')).toBe('UTC');
    expect(validateTimeZone('GMT')).toBe('UTC');
  });

  it('rejects empty, offsets, abbreviations and unknown names', () => {
    const empty = inputError(() => validateTimeZone(''));
    expect(empty).toMatchObject({ path: 'timezone', message: 'time zone is required' });
    for (const offset of ['+02:00', '-05:00', 'UTC+2', 'GMT-05:00', '+0545']) {
      expect(inputError(() => validateTimeZone(offset)).message).toMatch(/^UTC offsets are not time zones/);
    }
    for (const abbreviation of ['EST', 'CET', 'EST5EDT', 'Japan']) {
      expect(inputError(() => validateTimeZone(abbreviation)).message).toMatch(/abbreviation or legacy name/);
    }
    expect(inputError(() => validateTimeZone('Mars/Olympus_Mons')).message).toBe(
      'unknown time zone "Mars/Olympus_Mons" (use an IANA name such as "America/New_York" or "UTC")',
    );
    expect(inputError(() => validateTimeZone('Nowhere', 'input.timezone')).path).toBe('input.timezone');
  });
});

describe('nextRuns', () => {
  const after = d('2026-06-01T00:00:00Z');

  it('returns 1..20 runs strictly after `after`', () => {
    expect(nextRuns('0 * * * *', 'UTC', after, 20)).toHaveLength(20);
    expect(iso(nextRuns('0 0 * * *', 'UTC', after, 1))).toEqual(['2026-06-02T00:00:00Z']);
    expect(iso(nextRuns('0 0 * * *', 'UTC', new Date(after.getTime() - 1), 1))).toEqual(['2026-06-01T00:00:00Z']);
    expect(iso(nextRuns('*/15 * * * *', 'UTC', d('2026-06-01T00:07:30.500Z'), 2))).toEqual([
      '2026-06-01T00:15:00Z',
      '2026-06-01T00:30:00Z',
    ]);
  });

  it('rejects counts outside 1..20', () => {
    for (const count of [0, -1, 21, 1.5, Number.NaN]) {
      const error = inputError(() => nextRuns('0 * * * *', 'UTC', after, count));
      expect(error.path).toBe('count');
      expect(error.message).toBe(`count must be an integer from 1 to 20, got ${count}`);
    }
  });

  it('validates its cron, zone and date', () => {
    expect(inputError(() => nextRuns('0 0 0 * * *', 'UTC', after, 1)).path).toBe('cron');
    expect(inputError(() => nextRuns('0 * * * *', 'EST', after, 1)).path).toBe('timezone');
    expect(inputError(() => nextRuns('0 * * * *', 'UTC', new Date(Number.NaN), 1)).path).toBe('after');
  });

  it('handles sparse expressions (29 February, 5th Monday, last day)', () => {
    expect(iso(nextRuns('0 12 29 2 *', 'UTC', after, 2))).toEqual(['2028-02-29T12:00:00Z', '2032-02-29T12:00:00Z']);
    expect(iso(nextRuns('0 9 * * 1#5', NY, after, 2))).toEqual(['2026-06-29T13:00:00Z', '2026-08-31T13:00:00Z']);
    expect(iso(nextRuns('0 6 L * *', 'UTC', after, 3))).toEqual([
      '2026-06-30T06:00:00Z',
      '2026-07-31T06:00:00Z',
      '2026-08-31T06:00:00Z',
    ]);
  });

  it('classic cron: day-of-month OR day-of-week when both are restricted', () => {
    expect(iso(nextRuns('0 0 1 * 1', 'UTC', d('2026-06-01T00:00:00Z'), 3))).toEqual([
      '2026-06-08T00:00:00Z',
      '2026-06-15T00:00:00Z',
      '2026-06-22T00:00:00Z',
    ]);
    expect(iso(nextRuns('0 0 1 * 1', 'UTC', d('2026-06-25T00:00:00Z'), 2))).toEqual([
      '2026-06-29T00:00:00Z',
      '2026-07-01T00:00:00Z',
    ]);
  });

  it('is fast enough for every-minute schedules', () => {
    const start = performance.now();
    for (let i = 0; i < 20; i++) nextRuns('* * * * *', NY, new Date(after.getTime() + i * 7_777_777), 20);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('upcomingRuns pairs each instant with its local wall time', () => {
    expect(upcomingRuns('0 9 * * 1', NY, d('2026-03-01T00:00:00Z'), 2)).toEqual([
      { utc: d('2026-03-02T14:00:00Z'), local: '2026-03-02T09:00:00-05:00' },
      { utc: d('2026-03-09T13:00:00Z'), local: '2026-03-09T09:00:00-04:00' },
    ]);
  });
});

describe('runsBetween', () => {
  it('gives from < slot <= to', () => {
    expect(iso(runsBetween('0 * * * *', 'UTC', d('2026-06-01T00:00:00Z'), d('2026-06-01T03:00:00Z'), 10))).toEqual([
      '2026-06-01T01:00:00Z',
      '2026-06-01T02:00:00Z',
      '2026-06-01T03:00:00Z',
    ]);
  });

  it('stops at max (the earliest slots)', () => {
    expect(iso(runsBetween('0 0 * * *', 'UTC', d('2026-01-01T00:00:00Z'), d('2026-12-31T00:00:00Z'), 2))).toEqual([
      '2026-01-02T00:00:00Z',
      '2026-01-03T00:00:00Z',
    ]);
    expect(runsBetween('0 0 * * *', 'UTC', d('2026-01-01T00:00:00Z'), d('2027-01-01T00:00:00Z'), 400)).toHaveLength(365);
  });

  it('is empty for an empty or inverted range; rejects a bad max', () => {
    expect(runsBetween('0 * * * *', 'UTC', d('2026-06-01T00:00:00Z'), d('2026-06-01T00:00:00Z'), 10)).toEqual([]);
    expect(runsBetween('0 * * * *', 'UTC', d('2026-06-02T00:00:00Z'), d('2026-06-01T00:00:00Z'), 10)).toEqual([]);
    expect(runsBetween('0 * * * *', 'UTC', d('2026-06-01T00:10:00Z'), d('2026-06-01T00:50:00Z'), 10)).toEqual([]);
    expect(inputError(() => runsBetween('0 * * * *', 'UTC', d('2026-06-01'), d('2026-06-02'), 0)).path).toBe('max');
  });

  it('backfills weekly NY slots across a DST change with their own instants', () => {
    expect(iso(runsBetween('0 9 * * 1', NY, d('2027-03-07T00:00:00Z'), d('2027-03-23T00:00:00Z'), 5))).toEqual([
      '2027-03-08T14:00:00Z',
      '2027-03-15T13:00:00Z',
      '2027-03-22T13:00:00Z',
    ]);
  });
});

describe('planCatchUp', () => {
  const cron = '0 * * * *';
  const planned = d('2026-06-01T10:00:00Z');

  it('runs the due slot on time, nothing missed', () => {
    expect(planCatchUp(cron, 'UTC', planned, d('2026-06-01T10:00:20Z'), HOUR)).toEqual({
      run: planned,
      missed: [],
      missedTruncated: false,
      nextRunAt: d('2026-06-01T11:00:00Z'),
    });
    expect(planCatchUp(cron, 'UTC', planned, planned, 0).run).toEqual(planned);
  });

  it('within the grace window: runs the latest due slot once, the older ones are missed', () => {
    expect(planCatchUp(cron, 'UTC', planned, d('2026-06-01T13:40:00Z'), HOUR)).toEqual({
      run: d('2026-06-01T13:00:00Z'),
      missed: [d('2026-06-01T10:00:00Z'), d('2026-06-01T11:00:00Z'), d('2026-06-01T12:00:00Z')],
      missedTruncated: false,
      nextRunAt: d('2026-06-01T14:00:00Z'),
    });
  });

  it('beyond the grace window: every due slot is missed, nothing runs', () => {
    const plan = planCatchUp('0 9 * * *', 'UTC', d('2026-06-01T09:00:00Z'), d('2026-06-03T10:30:00Z'), HOUR);
    expect(plan).toEqual({
      run: null,
      missed: [d('2026-06-01T09:00:00Z'), d('2026-06-02T09:00:00Z'), d('2026-06-03T09:00:00Z')],
      missedTruncated: false,
      nextRunAt: d('2026-06-04T09:00:00Z'),
    });
    // Exactly at the edge of the window still runs.
    expect(planCatchUp('0 9 * * *', 'UTC', d('2026-06-01T09:00:00Z'), d('2026-06-01T10:00:00Z'), HOUR).run).toEqual(
      d('2026-06-01T09:00:00Z'),
    );
    expect(planCatchUp('0 9 * * *', 'UTC', d('2026-06-01T09:00:00Z'), d('2026-06-01T10:00:01Z'), HOUR).run).toBeNull();
  });

  it('nothing due: run null, the plan stands', () => {
    expect(planCatchUp(cron, 'UTC', planned, d('2026-06-01T09:59:59Z'), HOUR)).toEqual({
      run: null,
      missed: [],
      missedTruncated: false,
      nextRunAt: planned,
    });
  });

  it('defaults the grace window to one hour', () => {
    expect(DEFAULT_GRACE_MS).toBe(HOUR);
    expect(planCatchUp(cron, 'UTC', planned, d('2026-06-01T11:00:00Z')).run).toEqual(d('2026-06-01T11:00:00Z'));
    expect(planCatchUp('0 9 * * *', 'UTC', d('2026-06-01T09:00:00Z'), d('2026-06-01T10:30:00Z')).run).toBeNull();
  });

  it('a planned instant that is no longer a slot (zone rules changed) still counts as due', () => {
    const plan = planCatchUp('0 9 * * *', 'UTC', d('2026-06-01T09:07:00Z'), d('2026-06-01T09:30:00Z'), HOUR);
    expect(plan.run).toEqual(d('2026-06-01T09:07:00Z'));
    expect(plan.nextRunAt).toEqual(d('2026-06-02T09:00:00Z'));
  });

  it('caps the missed list at the most recent 1000 and says so', () => {
    const plan = planCatchUp('* * * * *', 'UTC', d('2026-06-01T00:00:00Z'), d('2026-06-02T00:00:30Z'), HOUR);
    expect(plan.run).toEqual(d('2026-06-02T00:00:00Z'));
    expect(plan.missed).toHaveLength(MAX_MISSED_SLOTS);
    expect(plan.missedTruncated).toBe(true);
    expect(plan.missed.at(-1)).toEqual(d('2026-06-01T23:59:00Z'));
    expect(plan.missed[0]).toEqual(d('2026-06-01T07:20:00Z'));
    expect(plan.nextRunAt).toEqual(d('2026-06-02T00:01:00Z'));

    // Exactly 1000 missed is not truncated.
    const exact = planCatchUp('* * * * *', 'UTC', d('2026-06-01T00:00:00Z'), d('2026-06-01T16:40:00Z'), 0);
    expect(exact.run).toEqual(d('2026-06-01T16:40:00Z'));
    expect(exact.missed).toHaveLength(1000);
    expect(exact.missedTruncated).toBe(false);
  });

  it('does not double the repeated wall time when catching up over a fall-back night', () => {
    // NY was down from Oct 31 to Nov 2: the Nov 1 01:30 slot is missed once (01:30 EDT).
    const plan = planCatchUp('30 1 * * *', NY, d('2026-10-31T05:30:00Z'), d('2026-11-02T06:45:00Z'), HOUR);
    expect(plan.run).toEqual(d('2026-11-02T06:30:00Z'));
    expect(iso(plan.missed)).toEqual(['2026-10-31T05:30:00Z', '2026-11-01T05:30:00Z']);
    expect(plan.nextRunAt).toEqual(d('2026-11-03T06:30:00Z'));
  });

  it('a tick between the two 01:30s of a fall-back night does not fire again', () => {
    const plan = planCatchUp('30 1 * * *', NY, d('2026-11-01T05:30:00Z'), d('2026-11-01T05:30:10Z'), HOUR);
    expect(plan.run).toEqual(d('2026-11-01T05:30:00Z'));
    expect(plan.nextRunAt).toEqual(d('2026-11-02T06:30:00Z'));
  });

  it('a tick after the gap on a spring-forward night still fires the shifted slot', () => {
    // The previous slot ran at 02:30 EST Mar 7; the planner must not skip the Mar 8 run (03:30 EDT).
    const first = planCatchUp('30 2 * * *', NY, d('2026-03-07T07:30:00Z'), d('2026-03-07T07:30:05Z'), HOUR);
    expect(first.nextRunAt).toEqual(d('2026-03-08T07:30:00Z'));
    const second = planCatchUp('30 2 * * *', NY, first.nextRunAt, d('2026-03-08T07:30:05Z'), HOUR);
    expect(second.run).toEqual(d('2026-03-08T07:30:00Z'));
    expect(second.nextRunAt).toEqual(d('2026-03-09T06:30:00Z'));
  });

  it('rejects a negative grace window', () => {
    expect(inputError(() => planCatchUp(cron, 'UTC', planned, planned, -1)).path).toBe('graceMs');
  });
});

describe('localWallTime', () => {
  it('formats the wall time with its offset', () => {
    expect(localWallTime(d('2026-03-09T13:00:00Z'), NY)).toBe('2026-03-09T09:00:00-04:00');
    expect(localWallTime(d('2026-03-02T14:00:00Z'), NY)).toBe('2026-03-02T09:00:00-05:00');
    expect(localWallTime(d('2026-06-01T03:15:00Z'), KATHMANDU)).toBe('2026-06-01T09:00:00+05:45');
    expect(localWallTime(d('2026-06-01T00:00:00Z'), LORD_HOWE)).toBe('2026-06-01T10:30:00+10:30');
    expect(localWallTime(d('2026-12-01T00:00:00Z'), LORD_HOWE)).toBe('2026-12-01T11:00:00+11:00');
    expect(localWallTime(d('2026-12-01T00:00:00Z'), TROLL)).toBe('2026-12-01T00:00:00+00:00');
    expect(localWallTime(d('2026-04-01T00:00:00Z'), TROLL)).toBe('2026-04-01T02:00:00+02:00');
    expect(localWallTime(d('2026-06-01T12:34:56.789Z'), 'UTC')).toBe('2026-06-01T12:34:56+00:00');
    expect(localWallTime(d('2026-01-01T04:59:59Z'), NY)).toBe('2025-12-31T23:59:59-05:00');
  });
});

describe('isBusinessDay', () => {
  it('uses the calendar of the zone, not UTC', () => {
    // Friday 23:00 in New York is Saturday 04:00 UTC: still a business day there.
    expect(isBusinessDay(d('2026-06-06T03:00:00Z'), NY)).toBe(true);
    expect(isBusinessDay(d('2026-06-06T03:00:00Z'), 'UTC')).toBe(false);
    // Sunday 22:00 in New York is Monday 02:00 UTC.
    expect(isBusinessDay(d('2026-06-08T02:00:00Z'), NY)).toBe(false);
    expect(isBusinessDay(d('2026-06-08T02:00:00Z'), 'UTC')).toBe(true);
    // Saturday 20:00 UTC is Sunday 01:45 in Kathmandu; Sunday 19:00 UTC is Monday 00:45 there.
    expect(isBusinessDay(d('2026-06-06T20:00:00Z'), KATHMANDU)).toBe(false);
    expect(isBusinessDay(d('2026-06-07T19:00:00Z'), KATHMANDU)).toBe(true);
    // Monday 00:30 on Lord Howe is Sunday 13:30 UTC.
    expect(isBusinessDay(d('2026-06-07T14:00:00Z'), LORD_HOWE)).toBe(true);
  });

  it('weekdays through the week', () => {
    const days = [0, 1, 2, 3, 4, 5, 6].map((i) => isBusinessDay(new Date(Date.UTC(2026, 5, 7 + i, 15)), NY));
    expect(days).toEqual([false, true, true, true, true, true, false]); // Sun Jun 7 .. Sat Jun 13
  });

  it('a business-days-only weekday schedule never lands on a local weekend', () => {
    for (const run of nextRuns('0 23 * * 1-5', NY, d('2026-06-01T00:00:00Z'), 20)) {
      expect(isBusinessDay(run, NY)).toBe(true);
    }
  });
});
