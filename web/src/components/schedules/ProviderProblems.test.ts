import { describe, expect, it } from 'vitest';
import { providerProblems } from './ProviderProblems';

describe('providerProblems', () => {
  it('lists each bounced, dropped or spam-reporting address once, newest report first, with the reason', () => {
    expect(providerProblems([
      { target: 'bob@example.com', providerStatus: 'BOUNCED', providerDetail: '550 5.1.1 no such user' },
      { target: 'ann@example.com', providerStatus: 'DELIVERED', providerDetail: null },
      { target: 'Bob@Example.com', providerStatus: 'BOUNCED', providerDetail: 'an older bounce' },
      { target: 'eve@example.com', providerStatus: 'SPAM_REPORT' },
      { target: 'dan@example.com', providerStatus: 'DROPPED', providerDetail: 'Bounced Address' },
      { target: 'cy@example.com', providerStatus: null },
    ])).toEqual([
      { target: 'bob@example.com', what: 'bounced', detail: '550 5.1.1 no such user' },
      { target: 'eve@example.com', what: 'reported as spam', detail: null },
      { target: 'dan@example.com', what: 'dropped by the provider', detail: 'Bounced Address' },
    ]);
  });

  it('nothing to show when every report is a delivery', () => {
    expect(providerProblems([{ target: 'a@x.test', providerStatus: 'DELIVERED' }, { target: 'b@x.test' }])).toEqual([]);
  });
});
