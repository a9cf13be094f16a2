import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { divisionWithin, isDivisionCode, type AdminLevel } from '@onewindow/auth';
import { orgReferenceData, type OrgReferenceData } from './domain/reference-data';
import { OrgDirectoryRepository } from './org-directory.repository';

export interface DivisionView {
  code: string;
  name: string;
  nameEn: string | null;
  level: AdminLevel;
  parentCode: string | null;
}
export interface DivisionNode extends DivisionView {
  children: DivisionNode[];
}
export interface DepartmentView {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  level: AdminLevel;
  division: string;
}
export interface ServiceCentreView {
  id: string;
  name: string;
  nameEn: string | null;
  level: AdminLevel;
  division: string;
}

/**
 * The organisation directory (G3), held in memory: reference data that changes with a release, read
 * on every routing and authorisation decision. Other gateway modules (routing, exchange) inject it.
 * Lookups are synchronous; `refresh()` re-reads the tables.
 */
@Injectable()
export class OrgDirectoryService implements OnModuleInit {
  private units = new Map<string, DivisionView>();
  private children = new Map<string, string[]>();
  private departmentList: DepartmentView[] = [];
  private centreList: ServiceCentreView[] = [];
  private readonly log = new Logger('orgs');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repository: OrgDirectoryRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    if (process.env.OW_SEED_ORGS !== 'false') await this.seed();
    await this.refresh();
    this.log.log(
      `org directory: ${this.units.size} divisions, ${this.departmentList.length} departments, ${this.centreList.length} service centres`,
    );
  }

  /** Writes the reference data: inserts what is missing and brings names up to date with the data files. */
  async seed(data: OrgReferenceData = orgReferenceData()): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.repository.lockSeeding(m);
      // Parents first: the data lists the city, then districts, then streets.
      for (const u of data.units) await this.repository.upsertUnit(m, u);
      for (const d of data.departments) await this.repository.upsertDepartment(m, d);
      for (const c of data.centres) await this.repository.upsertCentre(m, c);
    });
  }

  async refresh(): Promise<void> {
    const [units, departments, centres] = await Promise.all([
      this.repository.findUnits(),
      this.repository.findDepartments(),
      this.repository.findCentres(),
    ]);
    const map = new Map<string, DivisionView>();
    const kids = new Map<string, string[]>();
    for (const u of units) {
      map.set(u.code, { code: u.code, name: u.name, nameEn: u.nameEn, level: u.level, parentCode: u.parentCode });
      if (u.parentCode) kids.set(u.parentCode, [...(kids.get(u.parentCode) ?? []), u.code]);
    }
    this.units = map;
    this.children = kids;
    this.departmentList = departments.map((d) => ({
      id: d.id,
      code: d.code,
      name: d.name,
      nameEn: d.nameEn,
      level: d.level,
      division: d.division,
    }));
    this.centreList = centres.map((c) => ({
      id: c.id,
      name: c.name,
      nameEn: c.nameEn,
      level: c.level,
      division: c.division,
    }));
  }

  /** GB/T 2260 containment by code (a code is within itself); false for malformed codes. */
  isWithin(code: string, ancestor: string): boolean {
    return divisionWithin(code, ancestor);
  }

  isDivisionCode(code: string): boolean {
    return isDivisionCode(code);
  }

  /** A division the directory knows, or undefined. */
  division(code: string): DivisionView | undefined {
    return this.units.get(code);
  }

  /** The known divisions from the city down to `code` (empty if unknown). */
  ancestors(code: string): DivisionView[] {
    const out: DivisionView[] = [];
    for (let c: string | null | undefined = code; c; c = this.units.get(c)?.parentCode) {
      const u = this.units.get(c);
      if (!u) break;
      out.unshift(u);
    }
    return out;
  }

  childrenOf(code: string): DivisionView[] {
    return (this.children.get(code) ?? []).map((c) => this.units.get(c)!);
  }

  /** The whole tree from each root (the city). */
  tree(): DivisionNode[] {
    const build = (code: string): DivisionNode => ({
      ...this.units.get(code)!,
      children: (this.children.get(code) ?? []).map(build),
    });
    return [...this.units.values()].filter((u) => u.parentCode === null).map((u) => build(u.code));
  }

  departments(filter: { level?: AdminLevel; division?: string; code?: string; under?: string } = {}): DepartmentView[] {
    return this.departmentList.filter(
      (d) =>
        (!filter.level || d.level === filter.level) &&
        (!filter.division || d.division === filter.division) &&
        (!filter.code || d.code === filter.code) &&
        (!filter.under || divisionWithin(d.division, filter.under)),
    );
  }

  /** The department office `code` in `division` (e.g. SCJG in 120101), if it exists. */
  department(code: string, division: string): DepartmentView | undefined {
    return this.departmentList.find((d) => d.code === code && d.division === division);
  }

  serviceCentres(filter: { division?: string; under?: string; level?: AdminLevel } = {}): ServiceCentreView[] {
    return this.centreList.filter(
      (c) =>
        (!filter.division || c.division === filter.division) &&
        (!filter.under || divisionWithin(c.division, filter.under)) &&
        (!filter.level || c.level === filter.level),
    );
  }

  /** The centre serving a division: its own, or the nearest one above it (a street without a centre is served by its district's). */
  serviceCentreFor(division: string): ServiceCentreView | undefined {
    for (const d of this.ancestors(division).reverse()) {
      const c = this.centreList.find((x) => x.division === d.code);
      if (c) return c;
    }
    return undefined;
  }
}
