import { CombinedGraphQLErrors } from '@apollo/client';
import { graphQLErrorText, type LabelContext } from '../../messages';

/**
 * A user-facing sentence for any error Apollo hands us: GraphQL errors (field problems by their
 * labels, codes explained, never shown), network failures, anything. `code` is for decisions, not display.
 */
export function friendlyError(error: unknown, ctx: LabelContext = {}): { code: string | null; message: string } {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : null;
    const message = [...new Set(error.errors.map((e) => graphQLErrorText(e, ctx)))].join(' ');
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

export function ErrorBanner({ error, title, onDismiss, labels }: { error: unknown; title?: string; onDismiss?: () => void; labels?: LabelContext }) {
  if (!error) return null;
  const { message } = friendlyError(error, labels);
  return (
    <div className="banner banner-error" role="alert" data-testid="error-banner">
      <div>
        <strong>{title ?? 'Something went wrong'}</strong>
        <div>{message}</div>
      </div>
      {onDismiss && <button type="button" aria-label="Dismiss" onClick={onDismiss}>×</button>}
    </div>
  );
}
