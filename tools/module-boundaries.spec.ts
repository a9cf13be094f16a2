import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The module-boundary rule must actually fire: lint a few imports as if they stood in real files.
// ESLint runs as its own process (its config loader needs native ES modules, which jest's VM lacks).
const root = path.resolve(__dirname, '..');

async function problems(file: string, code: string): Promise<string[]> {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', file, '--format', 'json'], { cwd: root, input: code, encoding: 'utf8' });
  const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module boundaries (apps import libs, never each other)', () => {
  it('refuses an app importing another app', async () => {
    expect(await problems('apps/gateway/src/x.ts', "import { a } from '../../intake/src/a';\nexport const b = a;\n")).toEqual([expect.stringMatching(/Apps never import each other/)]);
  });
  it('refuses reaching into a lib by path instead of its alias', async () => {
    expect(await problems('apps/gateway/src/x.ts', "import { a } from '../../../libs/http/src/api-error';\nexport const b = a;\n")).toEqual([expect.stringMatching(/alias/)]);
  });
  it('refuses a lib importing an app', async () => {
    expect(await problems('libs/http/src/x.ts', "import { a } from '../../../apps/gateway/src/config';\nexport const b = a;\n")).toEqual([expect.stringMatching(/never depend on apps/)]);
  });
  it('allows an app importing a lib through its alias', async () => {
    expect(await problems('apps/gateway/src/x.ts', "import { apiError } from '@onewindow/http';\nexport const b = apiError;\n")).toEqual([]);
  });
});
