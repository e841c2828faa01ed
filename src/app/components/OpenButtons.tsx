/**
 * The ways to open a study: files, a folder, or the built-in example.
 */
import { useEffect, useRef } from 'react';
import { fetchExampleFiles } from '../loading/exampleStudy';
import { filesFromInput } from '../loading/readDroppedItems';
import { loadFiles, reportLoadError } from '../loading/studyActions';

async function openExample() {
  try {
    await loadFiles(await fetchExampleFiles());
  } catch (err) {
    reportLoadError(err instanceof Error ? err.message : String(err));
  }
}

export function OpenButtons() {
  const folderInput = useRef<HTMLInputElement>(null);

  // `webkitdirectory` is not in React's attribute list; set it directly.
  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  const onChange = (e: React.ChangeEvent<HTMLInputElement>) => {
    const files = filesFromInput(e.target.files);
    e.target.value = '';
    void loadFiles(files);
  };

  return (
    <div className="open-buttons">
      <label className="button">
        Open files…
        <input type="file" multiple hidden data-testid="file-input" onChange={onChange} />
      </label>
      <label className="button">
        Open folder…
        <input
          ref={folderInput}
          type="file"
          hidden
          data-testid="folder-input"
          onChange={onChange}
        />
      </label>
      <button type="button" className="button" onClick={() => void openExample()}>
        Open example (synthetic phantom)
      </button>
    </div>
  );
}
