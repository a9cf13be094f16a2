import { names } from '@nx/devkit';

/** What `nx g @onewindow/tools:service` is given (schema.json). */
export interface ServiceGeneratorSchema {
  /** The service's name, kebab-case: its folder under apps/, its route /api/<name>, its database ow_<name>. */
  name: string;
  /** The first aggregate, singular kebab-case: the feature folder, entity, table, routes and event are named after it. */
  aggregate?: string;
  /** The aggregate's plural when adding an s is wrong (person → people). */
  plural?: string;
  /** The local port (npm start, the gateway's default upstream); default: the next free one after the others. */
  port?: number;
  /** One line for the OpenAPI title and the README (default: the name). */
  title?: string;
  /** Leave the created files as the templates make them (Prettier is skipped). */
  skipFormat?: boolean;
}

/** Every name the templates and the edits of shared files use, derived once from the options. */
export interface ServiceNames {
  name: string;
  className: string;
  propertyName: string;
  /** PROJECT_REVIEW: the suffix of OW_UPSTREAM_<...> and the other per-service variables. */
  envName: string;
  database: string;
  title: string;
  port: number;
  definitionName: string;
  contractsName: string;
  aggregate: string;
  aggregateClass: string;
  aggregateProperty: string;
  /** RECORD: the prefix of the states' constant (RECORD_STATES). */
  aggregateConstant: string;
  aggregateTable: string;
  aggregatePlural: string;
  aggregatePluralClass: string;
  aggregatePluralProperty: string;
  /** Key in libs/contracts Topics (projectReviewProject) and the topic (project-review.project.v1). */
  topicKey: string;
  topic: string;
  /** The event contract's constant (ProjectReviewProjectCreated) and its type (project-review.project.created). */
  eventName: string;
  eventType: string;
  /** The consumer's name: its Kafka group and its key in the inbox. */
  consumerName: string;
  /** Migration timestamp (ms) and its class. */
  timestamp: string;
  migrationClass: string;
}

export const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Route prefixes the platform's libs already take in every service. */
const RESERVED_ROUTES = ['health', 'metrics', 'admin', 'openapi', 'docs', 'api', 'auth'];

export function pluralOf(word: string): string {
  if (/[^aeiou]y$/.test(word)) return word.slice(0, -1) + 'ies';
  if (/(s|x|z|ch|sh)$/.test(word)) return word + 'es';
  return word + 's';
}

export function validateName(name: unknown, what = 'service name'): string {
  if (typeof name !== 'string' || !KEBAB.test(name)) {
    throw new Error(
      `The ${what} must be kebab-case (a-z, 0-9, single dashes, starting with a letter): ${JSON.stringify(name)}`,
    );
  }
  // ow_<name> must fit Postgres' 63 bytes, <name>-worker a Kubernetes name, <name>.<aggregate>.v1.dlq a topic.
  if (name.length > 40) throw new Error(`The ${what} is longer than 40 characters: ${name}`);
  return name;
}

export function serviceNames(o: ServiceGeneratorSchema & { port: number }, now = Date.now()): ServiceNames {
  const name = validateName(o.name);
  const aggregate = validateName(o.aggregate ?? 'record', 'aggregate');
  const aggregatePlural = validateName(o.plural ?? pluralOf(aggregate), 'plural');
  if (aggregatePlural === aggregate)
    throw new Error(`The plural of ${aggregate} must differ from it (the route and the feature folder use the plural)`);
  if (RESERVED_ROUTES.includes(aggregatePlural))
    throw new Error(`/${aggregatePlural} is taken by the platform in every service; choose another aggregate`);
  const n = names(name);
  const a = names(aggregate);
  const ap = names(aggregatePlural);
  // project-review + project → ProjectReviewProject; permit + permit → Permit (no stutter).
  const prefixed = a.className.startsWith(n.className) ? a.className : n.className + a.className;
  const timestamp = String(now);
  return {
    name,
    className: n.className,
    propertyName: n.propertyName,
    envName: n.constantName,
    database: `ow_${name.replace(/-/g, '_')}`,
    title: o.title?.trim() || name,
    port: o.port,
    definitionName: `${n.propertyName}Definition`,
    contractsName: `${n.propertyName}Contracts`,
    aggregate,
    aggregateClass: a.className,
    aggregateProperty: a.propertyName,
    aggregateConstant: a.constantName,
    aggregateTable: aggregate.replace(/-/g, '_'),
    aggregatePlural,
    aggregatePluralClass: ap.className,
    aggregatePluralProperty: ap.propertyName,
    topicKey: prefixed.charAt(0).toLowerCase() + prefixed.slice(1),
    topic: `${name}.${aggregate}.v1`,
    eventName: `${prefixed}Created`,
    eventType: `${name}.${aggregate}.created`,
    consumerName: `${name}-${aggregatePlural}`,
    timestamp,
    migrationClass: `${a.className}Init${timestamp}`,
  };
}
