import type { ItemDefinition, ItemVersion } from './catalogue.types';
import type { CreateItemDto, ItemDefinitionBodyDto, MaterialRequirementDto } from './dto/item-definition.dto';
import type { CatalogueItemVersionEntity } from './entities/catalogue-item-version.entity';

/** A row as the contract's ItemVersion. */
export function toItemVersion(row: CatalogueItemVersionEntity): ItemVersion {
  return {
    itemCode: row.itemCode,
    version: row.version,
    status: row.status,
    definition: row.definition,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

/**
 * A validated body as a plain ItemDefinition: fields picked one by one so the stored jsonb holds
 * exactly the contract's shape (no class instances, no stray keys, optional fields only when given).
 */
export function toDefinition(code: string, b: ItemDefinitionBodyDto | CreateItemDto): ItemDefinition {
  return {
    code,
    name: b.name.trim(),
    kind: b.kind,
    level: b.level,
    department: b.department,
    legalBasis: [...b.legalBasis],
    conditions: [...b.conditions],
    materials: b.materials.map(toMaterial),
    procedure: [...b.procedure],
    specialProcedures: [...b.specialProcedures],
    legalLimitDays: b.legalLimitDays,
    promisedLimitDays: b.promisedLimitDays,
    mode: b.mode,
    fees: b.fees.map((f) => ({ name: f.name.trim(), amountFen: f.amountFen, legalBasis: f.legalBasis.trim() })),
    online: b.online,
    visits: b.visits,
    idCardOnly: b.idCardOnly,
    deliveryModes: [...b.deliveryModes],
    receivableAt: [...b.receivableAt],
    twoStepReview: b.twoStepReview,
    gapAcceptanceDays: b.gapAcceptanceDays,
    ...(b.autoAccept ? { autoAccept: true } : {}),
    themes: [...b.themes],
  };
}

function toMaterial(m: MaterialRequirementDto): ItemDefinition['materials'][number] {
  const out: ItemDefinition['materials'][number] = {
    code: m.code,
    name: m.name.trim(),
    form: m.form,
    copies: m.copies,
    requirement: m.requirement,
  };
  if (m.source !== undefined) out.source = m.source;
  if (m.fileTypes !== undefined) out.fileTypes = [...m.fileTypes];
  if (m.sampleForm !== undefined) out.sampleForm = m.sampleForm;
  if (m.eLicence !== undefined) out.eLicence = m.eLicence;
  if (m.optional !== undefined) out.optional = m.optional;
  return out;
}

/** The search columns a version row copies from its definition. */
export function searchColumns(
  def: ItemDefinition,
): Pick<CatalogueItemVersionEntity, 'name' | 'department' | 'level' | 'kind' | 'themes' | 'online' | 'searchText'> {
  return {
    name: def.name,
    department: def.department,
    level: def.level,
    kind: def.kind,
    themes: def.themes,
    online: def.online,
    searchText: [def.name, ...def.themes].join(' '),
  };
}
