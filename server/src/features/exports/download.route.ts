/**
 * GET /exports/:id/download?token=…, the download link of every export. The token (HMAC, bound to
 * the export id and tenant, expiring) is the whole authorisation, so a link works in a browser or
 * an email client without a bearer header. Anything wrong is a plain 404: no hint whether the id
 * exists or the file is gone; only a genuine link past its expiry says so (410). Every download
 * is audited here: files on disk are streamed; files in S3 are handed over by a redirect to a
 * presigned URL that expires within minutes (the bytes do not pass through this process, and a
 * stale presigned URL is useless, so a link cannot bypass the audit).
 */
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ExportStorage } from '../../platform/storage/export-storage.js';
import type { Logger } from '../../platform/logger.js';
import { AuditService } from '../audit/audit.service.js';
import { checkDownloadToken } from './download-token.js';
import { ExportEntity } from './export.entity.js';
import { contentDisposition, displayFileName } from './writers/file-name.js';
import { isUuid } from '../../graphql/ids.js';


/** How long the presigned URL an S3 download is redirected to works: enough to start the transfer. */
const PRESIGNED_REDIRECT_SECONDS = 300;

export interface DownloadRouteDeps {
  em: EntityManager;
  storage: ExportStorage;
  downloadSecret: string;
  log: Logger;
}

export function downloadHandler(deps: DownloadRouteDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const notFound = () => void res.status(404).type('text/plain').send('Not found');
    const id = String(req.params.id ?? '');
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    if (!isUuid(id) || !token) return notFound();
    const claim = checkDownloadToken(deps.downloadSecret, token, id);
    if (!claim.ok) {
      if (!claim.expired) return notFound();
      // Our own link, only too old (an email opened days later): say so, and what to do.
      return void res.status(410).type('text/plain').set('Cache-Control', 'no-store')
        .send('This download link has expired. Open Reportcast and download the export again for a fresh link.');
    }
    const em = deps.em.fork();
    const record = await em.findOne(ExportEntity, { id, tenantId: claim.tenantId });
    if (!record || record.status !== 'COMPLETED' || !record.storageKey || record.fileExpiredAt) return notFound();
    const audit = () => new AuditService(em, { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null })
      .record({ tenantId: record.tenantId, userId: claim.issuedTo ?? 'download-link' }, 'export.download', 'export', record.id, { fileName: record.fileName })
      .catch((error: Error) => deps.log.warn('audit of a download failed', { error: error.message }));
    const fileName = record.fileName ?? 'export';
    // The report's own name (any script) in filename*, its ASCII form in filename; a name from a
    // schedule's file-name template is offered as it was rendered.
    const disposition = contentDisposition(fileName, record.fileNameTemplate ? undefined : displayFileName(fileName, record.reportName));
    const presigned = await deps.storage.presignedGetUrl(record.storageKey, {
      expiresInSeconds: PRESIGNED_REDIRECT_SECONDS, fileName, contentDisposition: disposition, contentType: record.contentType ?? 'application/octet-stream',
    });
    if (presigned) {
      if (!(await deps.storage.exists(record.storageKey))) return notFound();
      await audit();
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('Referrer-Policy', 'no-referrer');
      return void res.redirect(302, presigned);
    }
    const file = await deps.storage.openRead(record.storageKey);
    if (!file) return notFound();
    res.status(200);
    res.setHeader('Content-Type', record.contentType ?? 'application/octet-stream');
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Content-Disposition', disposition);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (record.checksum) res.setHeader('Digest', `sha-256=${Buffer.from(record.checksum, 'hex').toString('base64')}`);
    await audit();
    // pipeline, not pipe: when the client goes away mid-download, the file stream (and its file
    // handle) is destroyed too instead of waiting, paused, forever.
    pipeline(file.stream, res).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE') deps.log.warn('download stream failed', { id, error: error.message });
    });
  };
}
