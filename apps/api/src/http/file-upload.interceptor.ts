import { Inject, mixin, PayloadTooLargeException, type CallHandler, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { uploadRefused, type LimitBreach } from '@kaari/common/upload-limits.js';

/** Room for the multipart envelope around the file: boundaries, part headers, a long file name. */
const MULTIPART_ENVELOPE_BYTES = 64 * 1024;

export interface FileUploadLimit {
  /** The most bytes the file may have, from the config. */
  maxBytes(config: KaariConfig): number;
  /** The setting that holds it, named in the refusal; null for a fixed limit. */
  setting: string | null;
}

/**
 * One multipart `file` field, held in memory, within a byte limit from the config. A request
 * whose Content-Length already says it is too large is refused before a byte of it is read;
 * one without (chunked), or one that lies, is counted as it streams in and stopped at the
 * limit. Both answer 413 problem+json naming the limit. Other parts are few and small.
 */
export function FileUpload(field: string, limit: FileUploadLimit): Type<NestInterceptor> {
  class FileUploadInterceptor implements NestInterceptor {
    private readonly multer: NestInterceptor;
    private readonly breach: LimitBreach;

    constructor(@Inject(KAARI_CONFIG) config: KaariConfig) {
      const maxBytes = limit.maxBytes(config);
      this.breach = { limit: 'bytes', max: maxBytes, counts: 'bytes of the file', setting: limit.setting };
      const Multer = FileInterceptor(field, { limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12, headerPairs: 100 } });
      this.multer = new Multer();
    }

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const req = context.switchToHttp().getRequest<Request>();
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > this.breach.max + MULTIPART_ENVELOPE_BYTES) throw uploadRefused(this.breach);
      try {
        return await this.multer.intercept(context, next);
      } catch (error) {
        // multer stops reading at the limit and says "File too large"; say which limit.
        if (error instanceof PayloadTooLargeException) throw uploadRefused(this.breach);
        throw error;
      }
    }
  }
  return mixin(FileUploadInterceptor);
}
