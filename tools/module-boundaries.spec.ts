import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The module-boundary rule must actually fire: lint a few imports as if they stood in real files.
// ESLint runs as its own process (its config loader needs native ES modules, which jest's VM lacks).
const root = path.resolve(__dirname, '..');

async function problems(file: string, code: string): Promise<string[]> {
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', file, '--format', 'json'],
    { cwd: root, input: code, encoding: 'utf8' },
  );
  const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module boundaries (apps import libs, never each other)', () => {
  it('refuses an app importing another app', async () => {
    expect(
      await problems('apps/gateway/src/x.ts', "import { a } from '../../intake/src/a';\nexport const b = a;\n"),
    ).toEqual([expect.stringMatching(/Apps never import each other/)]);
  });
  it('refuses reaching into a lib by path instead of its alias', async () => {
    expect(
      await problems(
        'apps/gateway/src/x.ts',
        "import { a } from '../../../libs/http/src/api-error';\nexport const b = a;\n",
      ),
    ).toEqual([expect.stringMatching(/alias/)]);
  });
  it('refuses a lib importing an app', async () => {
    expect(
      await problems(
        'libs/http/src/x.ts',
        "import { a } from '../../../apps/gateway/src/config';\nexport const b = a;\n",
      ),
    ).toEqual([expect.stringMatching(/never depend on apps/)]);
  });
  it('refuses a lib reaching into another lib by path', async () => {
    expect(
      await problems(
        'libs/messaging/src/x.ts',
        "import { a } from '../../persistence/src/connection';\nexport const b = a;\n",
      ),
    ).toEqual([expect.stringMatching(/alias/)]);
  });
  it('allows an app importing a lib through its alias', async () => {
    expect(
      await problems(
        'apps/gateway/src/x.ts',
        "import { apiError } from '@onewindow/http';\nexport const b = apiError;\n",
      ),
    ).toEqual([]);
  });
});

describe('every app and lib is an Nx project with a type tag (the boundary rule is built from them)', () => {
  const folders = ['apps', 'libs'].flatMap((f) =>
    readdirSync(path.join(root, f), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `${f}/${d.name}`),
  );
  it.each(folders)('%s', (folder) => {
    const project = JSON.parse(readFileSync(path.join(root, folder, 'project.json'), 'utf8'));
    expect(project.tags).toContain(folder.startsWith('apps/') ? 'type:app' : 'type:lib');
    expect(project.sourceRoot).toBe(`${folder}/src`);
  });
});
