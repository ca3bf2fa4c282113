import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstDifference, repoRoot, writeOrCheck } from './generated-file';

describe(repoRoot.name, () => {
  it('finds the directory with package.json above this file', () => {
    const sut = repoRoot(__dirname);
    expect(existsSync(join(sut, 'package.json'))).toBe(true);
    expect(__dirname.startsWith(sut)).toBe(true);
  });
});

describe(firstDifference.name, () => {
  it('finds nothing when the texts are equal', () => {
    expect(firstDifference('a\nb\n', 'a\nb\n')).toBeUndefined();
  });

  it('names the first line that differs, and what each side has there', () => {
    expect(firstDifference('a\nb\nc\n', 'a\nB\nc\n')).toBe('line 2: expected "b", found "B"');
    expect(firstDifference('a\nb\n', 'a\n')).toBe('line 2: expected "b", found ""');
    expect(firstDifference('a\n', 'a\nb\n')).toBe('line 2: expected "", found "b"');
  });
});

describe(writeOrCheck.name, () => {
  const file = { path: 'docs/generated.txt', content: 'generated\n', regenerate: 'npm run regenerate' };
  let root: string;
  let stderr: jest.SpyInstance;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'generated-file-'));
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes the file, creating its folder, and then finds it current', () => {
    expect(writeOrCheck('write', root, file)).toBe(0);
    expect(readFileSync(join(root, file.path), 'utf8')).toBe(file.content);
    expect(writeOrCheck('check', root, file)).toBe(0);
  });

  it('fails the check of a file edited by hand, saying where and how to regenerate it', () => {
    writeOrCheck('write', root, file);
    writeFileSync(join(root, file.path), 'edited\n');
    expect(writeOrCheck('check', root, file)).toBe(1);
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('line 1: expected "generated", found "edited"'));
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('npm run regenerate'));
  });

  it('fails the check of a missing file', () => {
    expect(writeOrCheck('check', root, file)).toBe(1);
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('missing'));
  });
});
