import { describe, expect, it } from 'vitest';
import { carryPath, checkedEncoding, enterNearest, foldersUpFrom } from './encodingSwitch.ts';

describe('encodingSwitch', () => {
  it('keeps charset names in lower case and refuses ones the engine cannot use', () => {
    expect(checkedEncoding(' GB18030 ')).toBe('gb18030');
    expect(() => checkedEncoding('nonsense')).toThrow(expect.objectContaining({ code: 'FTP_ERR_INVALID_ARGUMENT' }));
  });

  it('carries a path by its bytes: escapes and stray UTF-8 letters alike', () => {
    // 目录 in GBK is C4 BF C2 BC, which UTF-8 reads as "Ŀ¼".
    expect(carryPath('/docs/\u013f\u00bc', 'auto', 'gb18030')).toBe('/docs/目录');
    expect(carryPath('/\udcb2\udce2.txt', 'auto', 'gbk')).toBe('/测.txt');
    // A path the old charset cannot write did not come from this server.
    expect(carryPath('/中文', 'latin1', 'gbk')).toBeUndefined();
  });

  it('lists a folder and those above it, nearest first', () => {
    expect(foldersUpFrom('/a/b/c/')).toEqual(['/a/b/c', '/a/b', '/a', '/']);
    expect(foldersUpFrom('/')).toEqual(['/']);
  });

  it('enters the nearest folder that takes it, stopping where the session already is', async () => {
    const tried: string[] = [];
    const enter = async (folder: string): Promise<string> => {
      tried.push(folder);
      if (folder !== '/a') throw new Error('550');
      return folder;
    };
    expect(await enterNearest('/a/b/c', '/', enter)).toBe('/a');
    expect(tried).toEqual(['/a/b/c', '/a/b', '/a']);
    expect(await enterNearest('/x/y', '/x', enter)).toBeUndefined();
  });
});
