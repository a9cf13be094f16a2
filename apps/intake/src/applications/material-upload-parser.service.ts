import { OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DEFAULT_FILE_TYPES, MAX_MATERIAL_BYTES } from './material-files';

/**
 * Binary material uploads: the body is the file. Fastify refuses types without a parser (415); the
 * parser's own limit sits above MAX_MATERIAL_BYTES so that files between the two reach the handler and
 * get the 413 that names the limit. Registered only if nobody registered these types before.
 */
export class MaterialUploadParserService implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance?.() as
      | {
          hasContentTypeParser(t: string): boolean;
          addContentTypeParser(
            t: string[],
            o: object,
            fn: (req: unknown, body: Buffer, done: (e: Error | null, b?: Buffer) => void) => void,
          ): void;
        }
      | undefined;
    if (!fastify?.addContentTypeParser) return;
    const types = DEFAULT_FILE_TYPES.filter((t) => !fastify.hasContentTypeParser(t));
    if (types.length)
      fastify.addContentTypeParser(
        types,
        { parseAs: 'buffer', bodyLimit: MAX_MATERIAL_BYTES + 2 * 1024 * 1024 },
        (_req, body, done) => done(null, body),
      );
  }
}
