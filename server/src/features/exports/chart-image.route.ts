/**
 * GET /exports/:id/chart.png?token=…: the run's chart image beside its export's file
 * (chart-file.ts), for the cards of chat destinations (Teams fetches an Adaptive Card's image by
 * URL). The token, signed for the `chart` purpose and bound to the export and its tenant, is the
 * whole authorisation; the lookup is scoped by the token's tenant. Anything wrong (a bad or
 * expired token, another export's, a file retention removed, no chart stored) is a plain 404.
 */
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ExportStorage } from '../../platform/storage/export-storage.js';
import type { Logger } from '../../platform/logger.js';
import { isUuid } from '../../graphql/ids.js';
import { chartKeyOf } from './chart-file.js';
import { checkDownloadToken } from './download-token.js';
import { ExportEntity } from './export.entity.js';

export interface ChartImageRouteDeps {
  em: EntityManager;
  storage: ExportStorage;
  downloadSecret: string;
  log: Logger;
}

export function chartImageHandler(deps: ChartImageRouteDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const notFound = () => void res.status(404).type('text/plain').set('Cache-Control', 'no-store').send('Not found');
    const id = String(req.params.id ?? '');
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    if (!isUuid(id) || !token) return notFound();
    const claim = checkDownloadToken(deps.downloadSecret, token, id, new Date(), 'chart');
    if (!claim.ok) return notFound();
    const record = await deps.em.fork().findOne(ExportEntity, { id, tenantId: claim.tenantId });
    if (!record || record.status !== 'COMPLETED' || !record.storageKey || record.fileExpiredAt) return notFound();
    const file = await deps.storage.openRead(chartKeyOf(record.storageKey));
    if (!file) return notFound();
    res.status(200);
    res.setHeader('Content-Type', 'image/png');
    res.setHeader('Content-Length', String(file.size));
    // Not for shared caches: the token in the URL is the authorisation.
    res.setHeader('Cache-Control', 'private');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    pipeline(file.stream, res).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE') deps.log.warn('chart image stream failed', { id, error: error.message });
    });
  };
}
