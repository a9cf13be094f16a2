/**
 * G5, one OpenAPI document: the gateway's own document plus every service's, with the service's
 * paths under `/api/<service>` (where the gateway routes them) and its component names prefixed so
 * that two services' `ApplicationDto` cannot collide. Pure functions, no I/O.
 */
export interface OpenApiDoc {
  openapi?: string;
  info?: { title?: string; description?: string; version?: string; [k: string]: unknown };
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown> | undefined>;
  tags?: { name: string; description?: string; [k: string]: unknown }[];
  servers?: unknown[];
  security?: unknown[];
  [k: string]: unknown;
}

export interface ServiceDoc {
  name: string;
  doc: OpenApiDoc;
}

export interface UnavailableService {
  name: string;
  reason: string;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
/** Component sections that are referenced with $ref and are renamed. Security schemes are shared: one bearer scheme for all. */
const RENAMED_SECTIONS = new Set([
  'schemas',
  'responses',
  'parameters',
  'examples',
  'requestBodies',
  'headers',
  'links',
  'callbacks',
  'pathItems',
]);

/** `project-review` → `ProjectReview`: a component-name-safe prefix. */
export function componentPrefix(service: string): string {
  return service
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function renameComponent(service: string, name: string): string {
  return `${componentPrefix(service)}_${name}`;
}

/** Deep copy with every local `$ref` into a renamed component section pointing at the prefixed name. */
export function rewriteRefs<T>(value: T, service: string): T {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, service)) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === '$ref' && typeof v === 'string') {
      const m = /^#\/components\/([^/]+)\/(.+)$/.exec(v);
      out[k] = m && RENAMED_SECTIONS.has(m[1]!) ? `#/components/${m[1]}/${renameComponent(service, m[2]!)}` : v;
    } else {
      out[k] = rewriteRefs(v, service);
    }
  }
  return out as T;
}

function serviceTag(service: string, tag: string): string {
  return `${service}/${tag}`;
}

/** One service's document, rewritten to live inside the gateway's: paths, operation ids, tags, components. */
export function prefixServiceDoc(
  service: string,
  doc: OpenApiDoc,
): Required<Pick<OpenApiDoc, 'paths' | 'components' | 'tags'>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const rewritten = rewriteRefs(item, service) as Record<string, unknown>;
    for (const [method, op] of Object.entries(rewritten)) {
      if (!HTTP_METHODS.has(method) || !op || typeof op !== 'object') continue;
      const operation = op as { operationId?: string; tags?: string[] };
      if (operation.operationId) operation.operationId = `${service}_${operation.operationId}`;
      operation.tags = operation.tags?.length ? operation.tags.map((t) => serviceTag(service, t)) : [service];
    }
    const suffix = path === '/' ? '' : path.startsWith('/') ? path : `/${path}`;
    paths[`/api/${service}${suffix}`] = rewritten;
  }
  const components: Record<string, Record<string, unknown>> = {};
  for (const [section, entries] of Object.entries(doc.components ?? {})) {
    if (!entries) continue;
    if (!RENAMED_SECTIONS.has(section)) {
      components[section] = { ...entries };
      continue;
    }
    components[section] = Object.fromEntries(
      Object.entries(entries).map(([name, v]) => [renameComponent(service, name), rewriteRefs(v, service)]),
    );
  }
  const tags = (doc.tags ?? []).map((t) => ({ ...t, name: serviceTag(service, t.name) }));
  return { paths, components, tags };
}

/**
 * The merged document. The gateway's own paths and components are kept as they are; each
 * available service is added under its prefix; services that could not be read are listed in
 * `x-unavailable` and in the description, and are simply absent from `paths`.
 */
export function mergeOpenApi(
  gateway: OpenApiDoc,
  services: ServiceDoc[],
  unavailable: UnavailableService[] = [],
): OpenApiDoc {
  const merged: OpenApiDoc = {
    ...structuredClone(gateway),
    openapi: gateway.openapi ?? '3.0.0',
    paths: { ...structuredClone(gateway.paths ?? {}) },
    components: structuredClone(gateway.components ?? {}),
    tags: [...(gateway.tags ?? []).map((t) => ({ ...t }))],
  };
  const components = merged.components!;
  const tagNames = new Set(merged.tags!.map((t) => t.name));
  for (const { name, doc } of [...services].sort((a, b) => a.name.localeCompare(b.name))) {
    const part = prefixServiceDoc(name, doc);
    for (const [path, item] of Object.entries(part.paths)) {
      // A gateway path is never shadowed by a service's (the gateway serves it, not the proxy).
      if (!merged.paths![path]) merged.paths![path] = item;
    }
    for (const [section, entries] of Object.entries(part.components)) {
      // Unrenamed sections (securitySchemes): the first definition of a name wins, the gateway's first.
      components[section] = { ...entries, ...(components[section] ?? {}) };
    }
    for (const tag of part.tags) {
      if (!tagNames.has(tag.name)) {
        tagNames.add(tag.name);
        merged.tags!.push(tag);
      }
    }
  }
  const names = services.map((s) => s.name).sort();
  merged['x-services'] = names;
  merged['x-unavailable'] = unavailable.map((u) => ({ ...u }));
  if (unavailable.length > 0) {
    const note = `\n\n暂不可用的服务，其接口未列入本文档 (services currently unavailable, their operations are missing): ${unavailable.map((u) => `${u.name} (${u.reason})`).join(', ')}`;
    merged.info = { ...(merged.info ?? {}), description: `${merged.info?.description ?? ''}${note}`.trim() };
  }
  return merged;
}
