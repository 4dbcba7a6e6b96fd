import { describe, expect, it } from 'vitest';
import { mlstOptsCommand, parseFeatReply } from './features.ts';

describe('mlstOptsCommand', () => {
  it('turns on the Unix facts pyftpdlib offers but leaves off', () => {
    expect(mlstOptsCommand('type*;perm*;size*;modify*;unique*;unix.mode;unix.uid;unix.gid;')).toBe(
      'OPTS MLST type;perm;size;modify;unix.mode;unix.uid;unix.gid;',
    );
  });

  it('sends nothing when every useful fact is already on', () => {
    expect(mlstOptsCommand('modify*;perm*;size*;type*;unique*;UNIX.group*;UNIX.mode*;UNIX.owner*;')).toBeNull();
  });

  it('sends nothing when the server offers none of them', () => {
    expect(mlstOptsCommand('unique*;lang*;')).toBeNull();
    expect(mlstOptsCommand('')).toBeNull();
  });

  it('keeps the server’s spelling of fact names', () => {
    const features = parseFeatReply(['211-Features:', ' MLST Type*;Size*;Modify*;UNIX.mode;', '211 End']);
    expect(mlstOptsCommand(features.get('MLST') ?? '')).toBe('OPTS MLST Type;Size;Modify;UNIX.mode;');
  });
});
