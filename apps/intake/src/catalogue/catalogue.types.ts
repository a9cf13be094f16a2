/**
 * The contract between the catalogue and the rest of intake (applications, fees, documents).
 * The catalogue feature owns it; others read item versions only through `CatalogueReader`.
 */
export type ItemKind = 'licence' | 'public-service' | 'other';
export type AdminLevel = 'city' | 'district' | 'street' | 'community';
export type SpecialProcedure =
  'hearing' | 'site-inspection' | 'expert-review' | 'inspection' | 'testing' | 'public-notice';

export interface MaterialRequirement {
  /** Stable within an item: 'M01', 'M02', ... */
  code: string;
  name: string;
  source?: string;
  form: 'original' | 'copy' | 'electronic';
  copies: number;
  /** Accepted file types for upload, e.g. ['application/pdf', 'image/jpeg']. */
  fileTypes?: string[];
  requirement: 'primary' | 'secondary';
  sampleForm?: string;
  /** An e-licence (电子证照) may replace the paper material. */
  eLicence?: boolean;
  /**
   * Needed only in some cases (如涉及…提供): a missing optional material is not a gap. Only ever set on
   * `secondary` materials: a primary material cannot be waived (C4, checked at publication).
   */
  optional?: boolean;
  /** Only in a bundle's merged list (C5): the item codes that need this material, asked for once for all. */
  usedBy?: string[];
}

export interface FeeItem {
  name: string;
  /** Amount in fen (分): money is never a float. */
  amountFen: number;
  legalBasis: string;
}

export interface ItemDefinition {
  code: string;
  name: string;
  kind: ItemKind;
  level: AdminLevel;
  /** Implementing department code, e.g. 'SCJG'. At district level the district's office of it decides. */
  department: string;
  legalBasis: string[];
  conditions: string[];
  materials: MaterialRequirement[];
  procedure: string[];
  specialProcedures: SpecialProcedure[];
  legalLimitDays: number;
  promisedLimitDays: number;
  mode: 'instant' | 'promised';
  /** Empty: free of charge. */
  fees: FeeItem[];
  online: boolean;
  visits: number;
  idCardOnly: boolean;
  deliveryModes: ('window' | 'post')[];
  /** Centre levels whose windows may receive it (一窗受理 / 接办分离): e.g. ['city', 'district', 'street']. */
  receivableAt: AdminLevel[];
  /** 一审一核: a reviewer's opinion then an approver's decision. */
  twoStepReview: boolean;
  /** 容缺受理: natural days to hand in missing secondary materials, or null when not allowed. */
  gapAcceptanceDays: number | null;
  /**
   * 自动受理 (智能受理): an online application whose materials are complete is accepted by the system at
   * submission, without waiting for a clerk. Only for online items whose every required material is an
   * e-licence the system checks itself (C4 rule 'auto-accept-needs-e-licences'). Absent: false.
   */
  autoAccept?: boolean;
  themes: string[];
}

export interface ItemVersion {
  itemCode: string;
  version: number;
  status: 'draft' | 'published' | 'superseded' | 'withdrawn';
  definition: ItemDefinition;
  publishedAt: string | null;
}

/** What other intake features may ask the catalogue. Provided by CatalogueModule (exported). */
export abstract class CatalogueReader {
  /**
   * The version new applications are filed under. 404 '事项不存在 (item not found)' for unknown codes and
   * for items never published; 409 with details.currentState 'withdrawn' for withdrawn items
   * (see apps/intake/docs/catalogue.md).
   */
  abstract currentVersion(itemCode: string): Promise<ItemVersion>;
  /** An exact version, for applications filed earlier (C2): published, superseded or withdrawn; drafts are 404. */
  abstract version(itemCode: string, version: number): Promise<ItemVersion>;
  /**
   * The items of a bundle (their current published versions) with the merged list of materials (a
   * material asked for once, `usedBy` naming the items). Withdrawn items are left out; 409 when none is left.
   */
  abstract bundle(
    bundleCode: string,
  ): Promise<{ code: string; name: string; items: ItemVersion[]; materials: MaterialRequirement[] }>;
}
