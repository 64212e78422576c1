/**
 * Attach the file or link to it. SendGrid refuses a message over 30 MB, and counts attachments as
 * the base64 it carries (4 bytes per 3), so a file fits only when its base64 plus the rest of the
 * message stays under that; anything bigger is linked whatever the schedule asked for.
 */
import { SENDGRID_MAX_MESSAGE_BYTES } from './email/sendgrid-transport.js';

export type AttachmentChoice = 'AUTO' | 'ATTACH' | 'LINK';

/** Room kept for the text and HTML parts and the JSON around the attachment. */
export const MESSAGE_BODY_ALLOWANCE = 512 * 1024;

export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/** True when a file of `fileSize` bytes goes in the email; false when the email carries a link. */
export function shouldAttach(fileSize: number, policy: AttachmentChoice, autoLimitBytes: number): boolean {
  if (policy === 'LINK') return false;
  if (base64Length(fileSize) + MESSAGE_BODY_ALLOWANCE > SENDGRID_MAX_MESSAGE_BYTES) return false;
  return policy === 'ATTACH' || fileSize <= autoLimitBytes;
}
