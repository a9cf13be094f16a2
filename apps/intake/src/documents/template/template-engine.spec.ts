import { compileTemplate, escapeHtml, TemplateSyntaxError } from './template-engine';

describe('document template engine', () => {
  it('escapes every value, so data can never become markup', () => {
    const t = compileTemplate('<p>{{name}}</p><td>{{x.y}}</td>');
    expect(t.render({ name: '<script>alert("x")</script>&\'', x: { y: '<b>' } })).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p><td>&lt;b&gt;</td>',
    );
    expect(escapeHtml('a&b')).toBe('a&amp;b');
  });

  it('repeats blocks with each, numbering from 1 and resolving names on the element then outwards', () => {
    const t = compileTemplate('{{#each rows}}[{{@number}} {{name}} {{issuer}} {{this.reason}}]{{/each}}');
    expect(
      t.render({
        issuer: 'C',
        rows: [
          { name: 'a', reason: 'r1' },
          { name: '<b>', reason: 'r2' },
        ],
      }),
    ).toBe('[1 a C r1][2 &lt;b&gt; C r2]');
    expect(compileTemplate('{{#each xs}}{{this}},{{/each}}').render({ xs: ['1', '<2>'] })).toBe('1,&lt;2&gt;,');
  });

  it('tests truthiness with if/else (empty arrays are false) and prints arrays joined, objects and nulls as nothing', () => {
    const t = compileTemplate('{{#if a}}yes{{else}}no{{/if}}');
    expect(t.render({ a: [] })).toBe('no');
    expect(t.render({ a: ['x'] })).toBe('yes');
    expect(t.render({})).toBe('no');
    expect(compileTemplate('{{a}}|{{b}}|{{c}}').render({ a: ['x', 'y'], b: null, c: { k: 1 } })).toBe('x、y||');
  });

  it('inserts slots only from code, never looking them up in data', () => {
    const t = compileTemplate('<main>{{> body}}</main>');
    expect(t.render({ body: '<i>data</i>' }, { body: '<p>ok</p>' })).toBe('<main><p>ok</p></main>');
    expect(() => t.render({ body: '<i>data</i>' })).toThrow(TemplateSyntaxError);
    expect(t.slotNames()).toEqual(['body']);
  });

  it('does not read inherited properties', () => {
    expect(compileTemplate('{{constructor}}{{toString}}').render({})).toBe('');
  });

  it.each([
    ['{{#if a}}x'],
    ['{{/if}}'],
    ['{{#each a}}{{/if}}'],
    ['{{a b}}'],
    ['{{#for a}}{{/for}}'],
    ['{{else}}'],
    ['{{> Body-1}}'],
    ['{{#if a}}{{else}}{{else}}{{/if}}'],
  ])('refuses malformed template %s', (src) => expect(() => compileTemplate(src)).toThrow(TemplateSyntaxError));
});
