import { stringify } from 'yaml';
import { type GeneratedFile, packageVersion, repoRoot, writeOrCheck } from '@cc/contracts';
import { buildIntakeOpenApi } from './intake-openapi';

const USAGE = 'usage: node dist/services/intake/src/openapi/cli.js write|check\n';

export function intakeOpenApiFile(root: string): GeneratedFile {
  return {
    path: 'docs/openapi/intake.yaml',
    content:
      '# Generated from services/intake by `npm run openapi:write`; do not edit. CI fails when it differs from the code.\n' +
      stringify(buildIntakeOpenApi(packageVersion(root)), { aliasDuplicateObjects: false, lineWidth: 0 }),
    regenerate: 'npm run openapi:write',
  };
}

function main([mode]: string[]): number {
  if (mode !== 'write' && mode !== 'check') {
    process.stderr.write(USAGE);
    return 2;
  }
  const root = repoRoot();
  return writeOrCheck(mode, root, intakeOpenApiFile(root));
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
