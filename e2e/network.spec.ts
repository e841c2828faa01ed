/**
 * The app makes no request outside its own origin: every request of a full
 * session (start, example, three reference studies, viewer interaction) is
 * recorded, including those of workers.
 */
import { expect, test } from '@playwright/test';
import {
  chooseFiles,
  chooseFolder,
  openApp,
  openExample,
  waitForVolume,
} from './helpers/app';
import { IRCADB_DICOM, TOTALSEG_J2K_DICOM, TOTALSEG_NIFTI } from './helpers/paths';

test('a full session stays on its own origin', async ({ page, context, baseURL }) => {
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));

  await openApp(page);
  await openExample(page);
  await page.getByTestId('preset-kidney').click();

  for (const dir of [IRCADB_DICOM, TOTALSEG_J2K_DICOM]) {
    await chooseFolder(page, dir);
    await page.waitForFunction(
      (n) => window.__nephroplan!.state().volume?.dims[2] === n,
      dir === IRCADB_DICOM ? 129 : 20,
    );
    await waitForVolume(page);
  }
  await chooseFiles(page, [TOTALSEG_NIFTI]);
  await page.waitForFunction(() => window.__nephroplan!.state().volume?.dims[2] === 112);
  await waitForVolume(page);

  const view = page.getByTestId('view-axial');
  const box = (await view.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 300);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 20);
  await page.mouse.up();
  await page.getByTestId('preset-bone').click();

  const origin = new URL(baseURL!).origin;
  const foreign = requests.filter((u) => {
    const url = new URL(u);
    return url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:';
  });
  expect(foreign).toEqual([]);
  // The recorder saw the app's own traffic: example slices and the JPEG 2000 codec.
  expect(requests.some((u) => u.includes('/example/slice_001.dcm'))).toBe(true);
  expect(requests.some((u) => /openjpegwasm_decode.*\.wasm$/.test(u))).toBe(true);
});
