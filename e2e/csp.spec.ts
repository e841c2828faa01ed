/**
 * The Content-Security-Policy of index.html keeps the page's requests on its
 * own origin and blocks inline scripts, while everything the app needs still works:
 * DICOM parsing and the JPEG 2000 codec (WASM) in the study worker, the
 * viewer, and a segmentation run on the tfjs WASM backend. Any CSP violation
 * reported on the page fails the test.
 */
import { expect, test } from '@playwright/test';
import { chooseFolder, openApp, openExample, waitForVolume } from './helpers/app';
import { TOTALSEG_J2K_DICOM } from './helpers/paths';

interface Violation {
  directive: string;
  blocked: string;
}

declare global {
  interface Window {
    __cspViolations?: Violation[];
  }
}

test('the CSP holds requests to the origin and the app still works', async ({
  page,
  baseURL,
}) => {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations!.push({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
      });
    });
  });
  const consoleCsp: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) consoleCsp.push(m.text());
  });
  await openApp(page);

  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("connect-src 'self' blob: data:");

  // Enforced: an inline script does not run, and a request to another origin
  // (the same preview server under another host name, so nothing else is
  // contacted) is refused. (Playwright's evaluate itself is exempt from CSP.)
  const otherOrigin = baseURL!.replace('127.0.0.1', 'localhost');
  const probe = await page.evaluate(async (url) => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineScriptRan = true;';
    document.head.append(script);
    let fetched = true;
    try {
      await fetch(url);
    } catch {
      fetched = false;
    }
    await new Promise((r) => setTimeout(r, 100));
    return {
      inlineRan: (window as { __inlineScriptRan?: boolean }).__inlineScriptRan === true,
      fetched,
      violations: window.__cspViolations!.splice(0),
    };
  }, otherOrigin);
  expect(probe.inlineRan).toBe(false);
  expect(probe.fetched).toBe(false);
  expect(probe.violations.map((v) => v.directive).sort()).toEqual([
    'connect-src',
    'script-src-elem',
  ]);
  consoleCsp.length = 0;

  // The app under the policy: example, JPEG 2000 series, segmentation (WASM).
  await openExample(page);
  await chooseFolder(page, TOTALSEG_J2K_DICOM);
  await page.waitForFunction(() => window.__nephroplan!.state().volume?.dims[2] === 20);
  await waitForVolume(page);

  await page.getByRole('button', { name: 'Open example (synthetic phantom)' }).click();
  await page.waitForFunction(() => window.__nephroplan!.state().volume?.dims[2] !== 20);
  await waitForVolume(page);
  await page.getByTestId('seg-run-button').click();
  await page.waitForFunction(
    () => ['done', 'error'].includes(window.__nephroplan!.segmentation().status),
    null,
    { timeout: 280_000 },
  );
  expect(await page.evaluate(() => window.__nephroplan!.segmentation().status)).toBe(
    'done',
  );
  await expect(page.getByTestId('seg-backend')).toContainText('WASM');

  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
  expect(consoleCsp).toEqual([]);
});
