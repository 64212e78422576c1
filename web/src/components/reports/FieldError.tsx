import { humanMessage } from '../../messages';

/** Validation messages for one definition path (e.g. `filters.1.value`); `prefix` also takes `path.N`. Worded for people (messages.ts). */
export function FieldError({ errors, path, prefix }: { errors: Record<string, string[]>; path: string; prefix?: boolean }) {
  const messages = prefix
    ? Object.entries(errors).filter(([k]) => k === path || k.startsWith(`${path}.`)).flatMap(([, v]) => v)
    : errors[path] ?? [];
  if (!messages.length) return null;
  return (
    <span className="field-error" role="alert" data-testid="field-error" data-path={path}>
      {[...new Set(messages.map((m) => humanMessage(m)))].join('; ')}
    </span>
  );
}
