/**
 * Messages about the input, most serious first. Texts may quote file names
 * and DICOM values: React renders them as text, never as markup.
 */
import type { StudyMessage } from '../../core/dicom';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

export function MessageList({
  messages,
  label,
}: {
  messages: StudyMessage[];
  label: string;
}) {
  if (messages.length === 0) return null;
  const sorted = [...messages].sort((a, b) => ORDER[a.level] - ORDER[b.level]);
  return (
    <ul className="messages" aria-label={label}>
      {sorted.map((m, i) => (
        <li
          key={`${m.code}-${i}`}
          className={`message message-${m.level}`}
          data-code={m.code}
          role={m.level === 'error' ? 'alert' : 'status'}
        >
          <span className="message-level">{m.level}</span> {m.text}
        </li>
      ))}
    </ul>
  );
}
