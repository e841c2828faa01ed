import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './markdown';

describe('parseInline', () => {
  it('reads bold, italic, code and links', () => {
    expect(parseInline('a **b** *c* `d` [e](https://x.org) f')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'strong', children: [{ kind: 'text', text: 'b' }] },
      { kind: 'text', text: ' ' },
      { kind: 'em', children: [{ kind: 'text', text: 'c' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'd' },
      { kind: 'text', text: ' ' },
      { kind: 'link', href: 'https://x.org', children: [{ kind: 'text', text: 'e' }] },
      { kind: 'text', text: ' f' },
    ]);
  });
  it('keeps HTML as text', () => {
    expect(parseInline('<img src=x onerror=alert(1)>')).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)>' },
    ]);
  });
});

describe('parseMarkdown', () => {
  it('reads headings, quotes, lists with continuation lines and tables', () => {
    const blocks = parseMarkdown(
      [
        '# Title',
        '> **Note** one',
        '> two',
        '',
        '- first',
        '  continued',
        '- second',
        '',
        '| A | B |',
        '|---|---|',
        '| 1 | *2* |',
        '',
        'Some text',
        'on two lines.',
      ].join('\n'),
    );
    expect(blocks.map((b) => b.kind)).toEqual([
      'heading',
      'quote',
      'list',
      'table',
      'paragraph',
    ]);
    const list = blocks[2] as Extract<(typeof blocks)[number], { kind: 'list' }>;
    expect(list.items).toEqual([
      [{ kind: 'text', text: 'first continued' }],
      [{ kind: 'text', text: 'second' }],
    ]);
    const table = blocks[3] as Extract<(typeof blocks)[number], { kind: 'table' }>;
    expect(table.header.length).toBe(2);
    expect(table.rows[0][1]).toEqual([
      { kind: 'em', children: [{ kind: 'text', text: '2' }] },
    ]);
    expect(blocks[4]).toEqual({
      kind: 'paragraph',
      children: [{ kind: 'text', text: 'Some text on two lines.' }],
    });
  });

  it('reads the planning model card into sections and tables', () => {
    const card = readFileSync('models/planning/MODEL_CARD.md', 'utf8');
    const blocks = parseMarkdown(card);
    const headings = blocks.filter((b) => b.kind === 'heading').length;
    const tables = blocks.filter((b) => b.kind === 'table');
    expect(headings).toBe((card.match(/^#{1,6} /gm) ?? []).length);
    expect(tables.length).toBe((card.match(/^\|---/gm) ?? []).length);
    for (const t of tables) {
      if (t.kind === 'table')
        for (const r of t.rows) expect(r.length).toBe(t.header.length);
    }
  });
});

describe('safeHref', () => {
  it('allows web links only', () => {
    expect(safeHref('https://kits-challenge.org')).toBe('https://kits-challenge.org');
    expect(safeHref('javascript:alert(1)')).toBeNull();
  });
});
