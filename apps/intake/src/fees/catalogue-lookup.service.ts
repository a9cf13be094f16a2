import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CatalogueReader } from '../catalogue/catalogue.types';

/**
 * Finds the CatalogueReader wherever the application provides it (the catalogue feature's module in
 * the app, a test provider in tests), without FeesModule importing the catalogue module: fees only
 * depend on the abstract contract in catalogue.types.ts.
 */
@Injectable()
export class CatalogueLookupService {
  private reader?: CatalogueReader;

  constructor(private readonly moduleRef: ModuleRef) {}

  get(): CatalogueReader {
    this.reader ??= this.moduleRef.get(CatalogueReader, { strict: false });
    return this.reader;
  }
}
