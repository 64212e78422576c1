/**
 * What makes an email address one we can deliver to, decided once for the schedule's input and
 * for every send. Domains may be international (IDNA: `bücher.de`, `例え.jp`), written as the
 * user typed them and sent as their ASCII form (`xn--bcher-kva.de`), which every provider takes.
 * The part before the @ must be ASCII: a UTF-8 local part (`θ@example.com`) needs SMTPUTF8,
 * which SendGrid and many receiving servers refuse, so it is refused where it is typed rather
 * than accepted and failed at every run.
 */
import { domainToASCII, domainToUnicode } from 'node:url';

// A dot-atom local part (RFC 5322 atext and dots): no quoted strings, comments or spaces.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const MAX_ADDRESS = 254;
const MAX_LOCAL_PART = 64;

export type AddressCheck = { ok: true; address: string; ascii: string } | { ok: false; problem: string };

/**
 * An address as stored and compared (trimmed, lower case, the domain in Unicode: `bücher.de`
 * however it was typed, `xn--bcher-kva.de` included) and as sent (the domain in IDNA ASCII), or
 * why it is not deliverable.
 */
export function checkAddress(raw: string): AddressCheck {
  const typed = raw.trim().normalize('NFC').toLowerCase();
  const at = typed.lastIndexOf('@');
  if (at <= 0 || at === typed.length - 1) return { ok: false, problem: 'is not an email address' };
  const local = typed.slice(0, at);
  const domain = typed.slice(at + 1);
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7F]/.test(local)) return { ok: false, problem: 'has letters outside ASCII before the @, which most email providers cannot deliver (SMTPUTF8)' };
  if (!LOCAL_PART.test(local) || local.length > MAX_LOCAL_PART) return { ok: false, problem: 'is not an email address' };
  const asciiDomain = domainToASCII(domain);
  // A dot-separated host name of letters, digits and hyphens once in ASCII; no IP literals.
  if (!asciiDomain || !/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]*[a-z][a-z0-9-]*$/.test(asciiDomain)) return { ok: false, problem: 'is not an email address' };
  const ascii = `${local}@${asciiDomain}`;
  if (ascii.length > MAX_ADDRESS) return { ok: false, problem: `is longer than ${MAX_ADDRESS} characters` };
  return { ok: true, address: `${local}@${domainToUnicode(asciiDomain)}`, ascii };
}

/**
 * The one form an address is compared in (recipients, suppressions, provider events, which name
 * the ASCII form): checkAddress's, or trimmed and lower case for what is not deliverable.
 */
export function canonicalAddress(raw: string): string {
  const check = checkAddress(raw);
  return check.ok ? check.address : raw.trim().toLowerCase();
}
