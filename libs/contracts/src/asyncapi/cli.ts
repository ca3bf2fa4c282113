import { stringify } from 'yaml';
import { type GeneratedFile, packageVersion, repoRoot, writeOrCheck } from '../export/generated-file';
import { buildAsyncApiDocument } from './asyncapi';

const USAGE = 'usage: node dist/libs/contracts/src/asyncapi/cli.js write|check\n';

export function asyncApiFile(root: string): GeneratedFile {
  const document = buildAsyncApiDocument({ version: packageVersion(root) });
  return {
    path: 'docs/asyncapi.yaml',
    content:
      '# Generated from libs/contracts by `npm run asyncapi:write`; do not edit. CI fails when it differs from the code.\n' +
      // YAML 1.1 rules quote strings that js-yaml (the AsyncAPI parser's) or PyYAML would read as dates.
      stringify(document, { version: '1.1', aliasDuplicateObjects: false, lineWidth: 0 }),
    regenerate: 'npm run asyncapi:write',
  };
}

function main([mode]: string[]): number {
  if (mode !== 'write' && mode !== 'check') {
    process.stderr.write(USAGE);
    return 2;
  }
  const root = repoRoot();
  return writeOrCheck(mode, root, asyncApiFile(root));
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
