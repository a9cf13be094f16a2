import type { AdminLevel } from '@onewindow/auth';
// libs/codes keeps (and validates on load) the copy of shared/data/tianjin-divisions.json.
import { tianjinDivisions } from '@onewindow/codes';
import departments from '../data/departments.json';

export interface OrgUnitRow {
  code: string;
  name: string;
  nameEn: string | null;
  level: AdminLevel;
  parentCode: string | null;
}
export interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  level: AdminLevel;
  division: string;
}
export interface ServiceCentreRow {
  id: string;
  name: string;
  nameEn: string | null;
  level: AdminLevel;
  division: string;
}
export interface OrgReferenceData {
  units: OrgUnitRow[];
  departments: DepartmentRow[];
  centres: ServiceCentreRow[];
}

interface DivisionsFile {
  city: { code: string; name: string; nameEn?: string };
  districts: { code: string; name: string; nameEn?: string }[];
  sampleStreets: { code: string; district: string; name: string }[];
}
interface DepartmentsFile {
  cityDepartments: { code: string; name: string; nameEn?: string }[];
  districtDepartments: { code: string; name: string; nameEn?: string }[];
}

/**
 * The seed for the embedded default, from the data files: the city, its 16 districts and the
 * sample streets; city departments of the sample catalogue and district bureaus per district; a
 * service centre for the city, each district and each sample street. No communities: there is no
 * source data for them (the tables take them).
 */
export function orgReferenceData(
  d: DivisionsFile = tianjinDivisions,
  deps: DepartmentsFile = departments,
): OrgReferenceData {
  const city = d.city;
  const units: OrgUnitRow[] = [
    { code: city.code, name: city.name, nameEn: city.nameEn ?? null, level: 'city', parentCode: null },
    ...d.districts.map((x) => ({
      code: x.code,
      name: x.name,
      nameEn: x.nameEn ?? null,
      level: 'district' as const,
      parentCode: city.code,
    })),
    ...d.sampleStreets.map((x) => ({
      code: x.code,
      name: x.name,
      nameEn: null,
      level: 'street' as const,
      parentCode: x.district,
    })),
  ];
  const dept = (
    code: string,
    name: string,
    nameEn: string | null,
    level: AdminLevel,
    division: string,
  ): DepartmentRow => ({ id: `${code}-${division}`, code, name, nameEn, level, division });
  const departmentRows: DepartmentRow[] = [
    ...deps.cityDepartments.map((x) => dept(x.code, x.name, x.nameEn ?? null, 'city', city.code)),
    ...d.districts.flatMap((district) =>
      deps.districtDepartments.map((t) =>
        dept(
          t.code,
          t.name.replace('{district}', district.name),
          t.nameEn ? t.nameEn.replace('{districtEn}', district.nameEn ?? district.name) : null,
          'district',
          district.code,
        ),
      ),
    ),
  ];
  const centre = (division: string, name: string, nameEn: string | null, level: AdminLevel): ServiceCentreRow => ({
    id: `SC-${division}`,
    name,
    nameEn,
    level,
    division,
  });
  const centres: ServiceCentreRow[] = [
    centre(city.code, `${city.name.replace(/市$/, '')}市政务服务中心`, 'Tianjin Government Service Centre', 'city'),
    ...d.districts.map((x) =>
      centre(x.code, `${x.name}政务服务中心`, x.nameEn ? `${x.nameEn} Government Service Centre` : null, 'district'),
    ),
    ...d.sampleStreets.map((x) => centre(x.code, `${x.name}便民服务中心`, null, 'street')),
  ];
  return { units, departments: departmentRows, centres };
}
