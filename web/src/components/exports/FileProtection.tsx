/**
 * How a file is packaged: compressed (gzip or ZIP) and/or protected with a password. Used by the
 * export panel (for one download) and the schedule editor (for every run). The rules shown are
 * the server's (packaging.ts): a protected CSV, XLSX or JSON file is an encrypted ZIP (so gzip
 * cannot be combined with a password), a PDF encrypts itself and takes 8..32 printable ASCII
 * characters. The server checks again and answers BAD_USER_INPUT naming the field.
 */
import type { Compression, ExportFormat } from '../../generated/graphql';

export interface FileProtectionValue {
  /** '' = no compression. */
  compression: Compression | '';
  /** '' = no (new) password. */
  password: string;
}

export const NO_PROTECTION: FileProtectionValue = { compression: '', password: '' };

/** Why the password cannot be used for this format, or null (mirrors the server's rule, for a quick hint). */
export function passwordHint(format: ExportFormat, password: string): string | null {
  if (!password) return null;
  const length = Array.from(password).length;
  if (length < 8) return 'At least 8 characters.';
  if (format === 'PDF' && !/^[\x20-\x7E]+$/.test(password)) return 'A PDF password is printable ASCII only (letters, digits, punctuation), so every PDF reader opens it.';
  if (format === 'PDF' && password.length > 32) return 'A PDF password is at most 32 characters.';
  if (format !== 'PDF' && length > 256) return 'At most 256 characters.';
  return null;
}

/** What the file will be called and how it opens, in words. */
export function packagingNote(format: ExportFormat, value: FileProtectionValue, protectedAlready = false): string {
  const ext = format.toLowerCase();
  const isProtected = value.password !== '' || protectedAlready;
  if (isProtected && format !== 'PDF') return `A ZIP (.zip) holding the .${ext} file, encrypted with AES-256: it opens with the password in 7-Zip, WinZip, PeaZip or The Unarchiver (not in Windows Explorer or macOS Archive Utility).`;
  const inner = isProtected ? `An AES-256 encrypted PDF that opens with the password` : `The .${ext} file`;
  if (value.compression === 'GZIP') return `${inner}, gzip-compressed (.${ext}.gz).`;
  if (value.compression === 'ZIP') return `${inner}, inside a ZIP (.zip).`;
  return `${inner}.`;
}

interface Props {
  format: ExportFormat;
  value: FileProtectionValue;
  disabled?: boolean;
  /** The schedule already has a password (the editor never sees it). */
  protectedAlready?: boolean;
  onChange(next: FileProtectionValue): void;
  /** Shown under the password: who learns it, and how. */
  passwordNote?: string;
}

export function FileProtection({ format, value, disabled, protectedAlready, onChange, passwordNote }: Props) {
  const hint = passwordHint(format, value.password);
  const gzipWithPassword = value.compression === 'GZIP' && format !== 'PDF' && (value.password !== '' || !!protectedAlready);
  return (
    <fieldset className="file-protection" disabled={disabled} data-testid="file-protection">
      <legend>File</legend>
      <label className="inline">
        Compression
        <select value={value.compression} onChange={(e) => onChange({ ...value, compression: e.target.value as Compression | '' })} data-testid="compression">
          <option value="">None</option>
          <option value="GZIP">gzip (.gz)</option>
          <option value="ZIP">ZIP (.zip)</option>
        </select>
      </label>
      <label className="inline">
        {protectedAlready ? 'New password' : 'Password'}
        <input type="password" autoComplete="new-password" value={value.password} placeholder={protectedAlready ? 'unchanged' : 'none'}
          onChange={(e) => onChange({ ...value, password: e.target.value })} aria-invalid={!!hint} data-testid="file-password" />
      </label>
      {hint && <span className="field-error" role="alert">{hint}</span>}
      {gzipWithPassword && <span className="field-error" role="alert">gzip cannot carry a password: a protected {format} file is an encrypted ZIP. Choose ZIP or no compression.</span>}
      <span className="hint" data-testid="packaging-note">{packagingNote(format, value, protectedAlready)}</span>
      {(value.password !== '' || protectedAlready) && passwordNote && <span className="hint" data-testid="password-note">{passwordNote}</span>}
    </fieldset>
  );
}

/** True when the server would refuse these options for the format. */
export function fileProtectionInvalid(format: ExportFormat, value: FileProtectionValue, protectedAlready = false): boolean {
  return passwordHint(format, value.password) !== null || (value.compression === 'GZIP' && format !== 'PDF' && (value.password !== '' || protectedAlready));
}
