/**
 * A small Markdown reader for the model cards (written by training/, shown in
 * the app): headings, paragraphs, bullet and numbered lists with indented
 * continuation lines, block quotes, pipe tables and fenced code; inline bold,
 * italic, code and links. It returns a tree that MarkdownView renders as React
 * elements, so no HTML from the file ever reaches the page.
 *
 * Limitations: no nested lists, images or raw HTML (shown as text).
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: number; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'quote'; children: Inline[] }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][] }
  | { kind: 'code'; text: string };

const INLINE = /\*\*(.+?)\*\*|\*(.+?)\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/;

/** Inline spans of one line or paragraph. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  for (let m = INLINE.exec(rest); m; m = INLINE.exec(rest)) {
    if (m.index > 0) out.push({ kind: 'text', text: rest.slice(0, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'strong', children: parseInline(m[1]) });
    else if (m[2] !== undefined) out.push({ kind: 'em', children: parseInline(m[2]) });
    else if (m[3] !== undefined) out.push({ kind: 'code', text: m[3] });
    else out.push({ kind: 'link', href: m[5], children: parseInline(m[4]) });
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest) out.push({ kind: 'text', text: rest });
  return out;
}

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => parseInline(c.trim()));

const BULLET = /^\s{0,3}[-*]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d+[.)]\s+(.*)$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** Blocks of a Markdown document. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  const blank = (l: string | undefined) => l === undefined || l.trim() === '';

  while (i < lines.length) {
    const line = lines[i];
    if (blank(line)) {
      i++;
      continue;
    }

    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({
        kind: 'heading',
        level: heading[1].length,
        children: parseInline(heading[2]),
      });
      i++;
      continue;
    }

    if (line.startsWith('```')) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) body.push(lines[i]);
      blocks.push({ kind: 'code', text: body.join('\n') });
      i++;
      continue;
    }

    if (line.trim().startsWith('|') && TABLE_RULE.test(lines[i + 1] ?? '')) {
      const header = cells(line);
      const rows: Inline[][][] = [];
      for (i += 2; i < lines.length && lines[i].trim().startsWith('|'); i++) {
        rows.push(cells(lines[i]));
      }
      blocks.push({ kind: 'table', header, rows });
      continue;
    }

    if (line.startsWith('>')) {
      const body: string[] = [];
      for (; i < lines.length && lines[i].startsWith('>'); i++) {
        body.push(lines[i].replace(/^>\s?/, ''));
      }
      blocks.push({ kind: 'quote', children: parseInline(body.join(' ')) });
      continue;
    }

    const marker = BULLET.test(line) ? BULLET : NUMBERED.test(line) ? NUMBERED : null;
    if (marker) {
      const items: string[] = [];
      while (i < lines.length && !blank(lines[i])) {
        const item = marker.exec(lines[i]);
        if (item) items.push(item[1]);
        else if (/^\s+/.test(lines[i]) || items.length) {
          // Continuation of the item above (indented or lazy).
          items[items.length - 1] += ` ${lines[i].trim()}`;
        }
        i++;
      }
      blocks.push({
        kind: 'list',
        ordered: marker === NUMBERED,
        items: items.map(parseInline),
      });
      continue;
    }

    const body: string[] = [];
    for (; i < lines.length && !blank(lines[i]); i++) {
      const l = lines[i];
      if (body.length && (/^#{1,6}\s/.test(l) || BULLET.test(l) || l.startsWith('|')))
        break;
      body.push(l.trim());
    }
    blocks.push({ kind: 'paragraph', children: parseInline(body.join(' ')) });
  }
  return blocks;
}

/** Links open only to the web or to the page itself, never `javascript:`. */
export function safeHref(href: string): string | null {
  return /^(https?:\/\/|#)/i.test(href) ? href : null;
}
