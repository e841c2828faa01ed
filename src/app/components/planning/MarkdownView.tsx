/**
 * Renders the tree of markdown.ts as React elements (text stays text: no HTML
 * from the document is ever injected).
 */
import { Fragment } from 'react';
import { safeHref, type Block, type Inline } from './markdown';

function Spans({ items }: { items: Inline[] }) {
  return (
    <>
      {items.map((s, i) => {
        switch (s.kind) {
          case 'text':
            return <Fragment key={i}>{s.text}</Fragment>;
          case 'strong':
            return (
              <strong key={i}>
                <Spans items={s.children} />
              </strong>
            );
          case 'em':
            return (
              <em key={i}>
                <Spans items={s.children} />
              </em>
            );
          case 'code':
            return <code key={i}>{s.text}</code>;
          case 'link': {
            const href = safeHref(s.href);
            return href ? (
              <a key={i} href={href} target="_blank" rel="noopener noreferrer">
                <Spans items={s.children} />
              </a>
            ) : (
              <Spans key={i} items={s.children} />
            );
          }
        }
      })}
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'heading': {
      // Cards start at h1; inside the dialog they sit under its h2.
      const Tag = `h${Math.min(6, block.level + 2)}` as 'h3';
      return (
        <Tag>
          <Spans items={block.children} />
        </Tag>
      );
    }
    case 'paragraph':
      return (
        <p>
          <Spans items={block.children} />
        </p>
      );
    case 'quote':
      return (
        <blockquote>
          <Spans items={block.children} />
        </blockquote>
      );
    case 'code':
      return (
        <pre>
          <code>{block.text}</code>
        </pre>
      );
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          <Spans items={item} />
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table':
      return (
        <div className="md-table">
          <table>
            <thead>
              <tr>
                {block.header.map((c, i) => (
                  <th key={i} scope="col">
                    <Spans items={c} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((c, i) => (
                    <td key={i}>
                      <Spans items={c} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

export function MarkdownView({ blocks }: { blocks: Block[] }) {
  return (
    <div className="markdown">
      {blocks.map((b, i) => (
        <BlockView key={i} block={b} />
      ))}
    </div>
  );
}
