import { CombinedGraphQLErrors } from '@apollo/client';

const CODE_TEXT: Record<string, string> = {
  UNAUTHENTICATED: 'Your session has expired. Sign out and sign in again.',
  FORBIDDEN: 'You do not have permission to do that.',
  NOT_FOUND: 'That item no longer exists.',
  BAD_USER_INPUT: 'Some of the input was not accepted.',
  INVALID_DEFINITION: 'The report definition is not valid.',
  RATE_LIMITED: 'Too many requests right now. Try again in a moment.',
  CONFLICT: 'Someone else changed this in the meantime.',
};

/** A user-facing sentence for any error Apollo hands us: GraphQL error codes, network failures, anything. */
export function friendlyError(error: unknown): { code: string | null; message: string } {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : null;
    const raw = first?.message ?? '';
    const looksInternal = !raw || /^(internal|unexpected)/i.test(raw) || raw.includes('\n    at ');
    const message = looksInternal ? (code && CODE_TEXT[code]) || 'Something went wrong on the server.' : raw;
    return { code, message };
  }
  if (error instanceof Error) {
    if (/fetch|network|socket/i.test(error.message) || error.name === 'ServerError') {
      return { code: 'NETWORK', message: 'Could not reach the server. Check your connection and try again.' };
    }
    return { code: null, message: error.message.split('\n')[0] || 'Something went wrong.' };
  }
  return { code: null, message: 'Something went wrong.' };
}

export function ErrorBanner({ error, title, onDismiss }: { error: unknown; title?: string; onDismiss?: () => void }) {
  if (!error) return null;
  const { code, message } = friendlyError(error);
  return (
    <div className="banner banner-error" role="alert" data-testid="error-banner">
      <div>
        <strong>{title ?? 'Something went wrong'}</strong>
        {code && code !== 'INTERNAL_SERVER_ERROR' && <span className="banner-code">{code.replace(/_/g, ' ').toLowerCase()}</span>}
        <div>{message}</div>
      </div>
      {onDismiss && <button type="button" aria-label="Dismiss" onClick={onDismiss}>×</button>}
    </div>
  );
}
