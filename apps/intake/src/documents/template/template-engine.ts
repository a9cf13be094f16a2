/**
 * A tiny, safe template language for the standard documents (统一文书). Deliberately small so it can
 * be read in one sitting and cannot run code:
 *
 *   {{ path }}                      the value at `path` (dot-separated), ALWAYS HTML-escaped;
 *                                   arrays print joined with '、', null/undefined print nothing
 *   {{#each path}} ... {{/each}}    repeat for every element; inside, `this` is the element,
 *                                   `@number` its 1-based position, other names resolve on the
 *                                   element first, then outwards
 *   {{#if path}} ... {{else}} ... {{/if}}   truthy test (an empty array is false)
 *   {{> slot}}                      a fragment the CALLING CODE rendered (e.g. the kind's body in
 *                                   the layout); data can never reach this path
 *
 * There is no way to print a value unescaped: every value that comes from an application
 * (names, reasons, material names) goes through `escapeHtml`.
 */

type Node =
  | { t: 'text'; value: string }
  | { t: 'var'; path: string }
  | { t: 'slot'; name: string }
  | { t: 'each'; path: string; body: Node[] }
  | { t: 'if'; path: string; then: Node[]; else: Node[] };

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly template: string,
  ) {
    super(`${template}: ${message}`);
    this.name = 'TemplateSyntaxError';
  }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const PATH = /^(this|@number|[A-Za-z_][A-Za-z0-9_]*)(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const TAG = /\{\{\s*([#/>]?)\s*([^}]*?)\s*\}\}/g;

/** Parses a template once; `render` can then be called any number of times. */
export function compileTemplate(source: string, name = 'template'): CompiledTemplate {
  const root: Node[] = [];
  // Each open block remembers where its children go (the `else` branch switches an `if`'s target).
  const stack: { node: Extract<Node, { t: 'each' | 'if' }>; target: Node[] }[] = [];
  const out = () => (stack.length ? stack[stack.length - 1]!.target : root);
  let last = 0;
  for (const m of source.matchAll(TAG)) {
    if (m.index! > last) out().push({ t: 'text', value: source.slice(last, m.index) });
    last = m.index! + m[0].length;
    const [, sigil, rest] = m as unknown as [string, string, string];
    if (sigil === '') {
      if (rest === 'else') {
        const top = stack[stack.length - 1];
        if (!top || top.node.t !== 'if' || top.target === top.node.else)
          throw new TemplateSyntaxError('{{else}} outside {{#if}}', name);
        top.target = top.node.else;
        continue;
      }
      if (!PATH.test(rest)) throw new TemplateSyntaxError(`bad expression {{${rest}}}`, name);
      out().push({ t: 'var', path: rest });
    } else if (sigil === '>') {
      if (!/^[a-z][a-zA-Z0-9]*$/.test(rest)) throw new TemplateSyntaxError(`bad slot {{> ${rest}}}`, name);
      out().push({ t: 'slot', name: rest });
    } else if (sigil === '#') {
      const [kw, path, ...extra] = rest.split(/\s+/);
      if ((kw !== 'each' && kw !== 'if') || !path || extra.length || !PATH.test(path))
        throw new TemplateSyntaxError(`bad block {{#${rest}}}`, name);
      const node: Extract<Node, { t: 'each' | 'if' }> =
        kw === 'each' ? { t: 'each', path, body: [] } : { t: 'if', path, then: [], else: [] };
      out().push(node);
      stack.push({ node, target: node.t === 'each' ? node.body : node.then });
    } else {
      const top = stack.pop();
      if (!top || top.node.t !== rest) throw new TemplateSyntaxError(`unexpected {{/${rest}}}`, name);
    }
  }
  if (stack.length) throw new TemplateSyntaxError(`unclosed {{#${stack[stack.length - 1]!.node.t}}}`, name);
  if (last < source.length) root.push({ t: 'text', value: source.slice(last) });
  return new CompiledTemplate(root, name);
}

type Scope = { value: unknown; index?: number; parent?: Scope };

export class CompiledTemplate {
  constructor(
    private readonly nodes: Node[],
    readonly name: string,
  ) {}

  render(data: Record<string, unknown>, slots: Record<string, string> = {}): string {
    return this.renderNodes(this.nodes, { value: data }, slots);
  }

  /** Slot names the template uses (the caller must provide each). */
  slotNames(): string[] {
    const names: string[] = [];
    const walk = (ns: Node[]): void => {
      for (const n of ns) {
        if (n.t === 'slot') names.push(n.name);
        if (n.t === 'each') walk(n.body);
        if (n.t === 'if') {
          walk(n.then);
          walk(n.else);
        }
      }
    };
    walk(this.nodes);
    return names;
  }

  private renderNodes(nodes: Node[], scope: Scope, slots: Record<string, string>): string {
    let html = '';
    for (const n of nodes) {
      switch (n.t) {
        case 'text':
          html += n.value;
          break;
        case 'var':
          html += escapeHtml(display(lookup(scope, n.path)));
          break;
        case 'slot':
          if (!(n.name in slots)) throw new TemplateSyntaxError(`slot ${n.name} not provided`, this.name);
          html += slots[n.name];
          break;
        case 'each': {
          const list = lookup(scope, n.path);
          if (Array.isArray(list))
            list.forEach(
              (item, i) => (html += this.renderNodes(n.body, { value: item, index: i, parent: scope }, slots)),
            );
          break;
        }
        case 'if': {
          const v = lookup(scope, n.path);
          const truthy = Array.isArray(v) ? v.length > 0 : Boolean(v);
          html += this.renderNodes(truthy ? n.then : n.else, scope, slots);
          break;
        }
      }
    }
    return html;
  }
}

function lookup(scope: Scope, path: string): unknown {
  const [head, ...rest] = path.split('.');
  if (head === '@number') return scope.index === undefined ? undefined : scope.index + 1;
  let base: unknown;
  if (head === 'this') base = scope.value;
  else {
    // Resolve the first name on the innermost scope that has it (an element, then its parents).
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (isRecord(s.value) && Object.prototype.hasOwnProperty.call(s.value, head!)) {
        base = s.value[head!];
        break;
      }
    }
  }
  for (const key of rest)
    base = isRecord(base) && Object.prototype.hasOwnProperty.call(base, key) ? base[key] : undefined;
  return base;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function display(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(display).join('、');
  if (typeof v === 'object') return ''; // an object has no printable form: print nothing rather than "[object Object]"
  return String(v);
}
