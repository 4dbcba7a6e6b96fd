import { describe, expect, it } from 'vitest';
import { displayServerText, hasHiddenCharacters, isHelpReply, splitServerText } from './serverText.ts';

describe('server text', () => {
  it('shows a right-to-left override instead of letting it reorder the name', () => {
    const name = 'invoice\u202Efdp.exe';
    expect(displayServerText(name)).toBe('invoice\\u202Efdp.exe');
    expect(splitServerText(name)).toEqual([
      { text: 'invoice' },
      { text: '\\u202E', escape: 'format', code: 'U+202E' },
      { text: 'fdp.exe' },
    ]);
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069']) expect(hasHiddenCharacters(`a${c}b`)).toBe(true);
  });

  it('shows zero-width spaces, which would make two names look alike', () => {
    expect(displayServerText('a\u200B.txt')).toBe('a\\u200B.txt');
    expect(displayServerText('\uFEFFa\u2060b')).toBe('\\uFEFFa\\u2060b');
    // Joiners are part of scripts and emoji.
    expect(hasHiddenCharacters('👩\u200D💻')).toBe(false);
  });

  it('shows control characters and DEL', () => {
    expect(displayServerText('a\u001b[2Jb\u007f\u0085')).toBe('a\\x1B[2Jb\\x7F\\u0085');
    expect(splitServerText('\u0000')).toEqual([{ text: '\\x00', escape: 'control', code: 'U+0000' }]);
  });

  it('shows each undecodable byte as itself, so two such names never look alike', () => {
    // GBK 你好 read as UTF-8: four bytes kept as U+DCC4 U+DCE3 U+DCBA U+DCC3.
    const gbk = '\udcc4\udce3\udcba\udcc3.txt';
    expect(displayServerText(gbk)).toBe('\\xC4\\xE3\\xBA\\xC3.txt');
    expect(splitServerText(gbk)[0]).toEqual({ text: '\\xC4', escape: 'byte', code: 'C4' });
    expect(displayServerText('\udcc4.txt')).not.toBe(displayServerText('\udcc5.txt'));
  });

  it('leaves every other character alone: other scripts, right-to-left text, emoji, marks', () => {
    for (const name of ['报告.pdf', 'שלום.txt', 'تقرير.doc', 'photo 📷.jpg', '👩\u200D💻', 'e\u0301te', 'tab\u00a0space', '']) {
      expect(hasHiddenCharacters(name)).toBe(false);
      expect(displayServerText(name)).toBe(name);
    }
    expect(splitServerText('')).toEqual([{ text: '' }]);
    // Direction marks draw nothing either, and can move a neutral `.` across a name.
    expect(displayServerText('a\u200Fb')).toBe('a\\u200Fb');
  });

  it('escapes a surrogate only when it is alone', () => {
    expect(displayServerText('\ud83d')).toBe('\\uD83D');
    expect(splitServerText('\ude00x')[0]).toEqual({ text: '\\uDE00', escape: 'surrogate', code: 'U+DE00' });
    expect(displayServerText('\ud83d\ude00')).toBe('😀');
  });

  it('shows the other characters that draw nothing: separators, soft hyphens, tags, word joiners', () => {
    expect(displayServerText('p\u2028q\u2029r')).toBe('p\\u2028q\\u2029r');
    expect(displayServerText('soft\u00ADhyphen')).toBe('soft\\u00ADhyphen');
    expect(displayServerText('a\u2061b\u180Ec')).toBe('a\\u2061b\\u180Ec');
    // A tag character hides an ASCII letter outside the Basic Multilingual Plane.
    expect(displayServerText('x\u{E0041}')).toBe('x\\u{E0041}');
  });

  it('keeps line breaks in texts made of lines, and shows them in names', () => {
    const feat = '211-Features:\n EPSV\n211 End';
    expect(displayServerText(feat, { multiline: true })).toBe(feat);
    expect(displayServerText(feat)).toBe('211-Features:\\x0A EPSV\\x0A211 End');
    expect(displayServerText('a\u202Eb\nc', { multiline: true })).toBe('a\\u202Eb\nc');
  });

  it('keeps tabs only where asked (a HELP reply\'s columns), and shows them wherever names may be', () => {
    const help = '214-The following commands are recognized.\n ABOR\tACCT\tALLO\n214 Help OK.';
    expect(displayServerText(help, { multiline: true, tabs: true })).toBe(help);
    // A command or a reply that carries a name: a tab there would pass for a space.
    expect(displayServerText('DELE /pub/a\tb.txt', { multiline: true })).toBe('DELE /pub/a\\x09b.txt');
    expect(displayServerText('a\tb')).toBe('a\\x09b');
    expect(isHelpReply({ kind: 'reply', code: 214 })).toBe(true);
    expect(isHelpReply({ kind: 'reply', code: 211 })).toBe(false);
  });

  it('marks spaces at the ends of a name, and only there, when asked', () => {
    const marks = (text: string) => splitServerText(text, { edges: true }).map((p) => ('escape' in p ? `[${p.escape}]` : p.text)).join('');
    expect(marks(' report.pdf')).toBe('[space]report.pdf');
    expect(marks('report.pdf  ')).toBe('report.pdf[space][space]');
    expect(marks('my report.pdf')).toBe('my report.pdf');
    expect(marks('   ')).toBe('[space][space][space]');
    // Only U+0020: a no-break space is not a space here, and an escape at the end stays one.
    expect(marks('a\u00a0')).toBe('a\u00a0');
    expect(marks(' a\u202e')).toBe('[space]a[format]');
    expect(splitServerText(' a', {})).toEqual([{ text: ' a' }]);
  });
});
