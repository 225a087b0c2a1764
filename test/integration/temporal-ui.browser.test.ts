/**
 * Operators find a facility's runs in the Temporal UI: headless Debian chromium (driven by playwright-core, no
 * browser download) opens the UI, filters by the FacilityId search attribute, and sees the assessment's workflow.
 * The screenshot is kept as a test artifact (.data/test-artifacts/temporal-ui-facility.png).
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { projectRoot } from '../../devstack/paths.js';
import { startHarness, type AssessmentJson, type Harness } from '../support/harness.js';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness({ shape: { facilityCount: 3, equipmentMin: 5, equipmentMax: 8 } });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

it('should show a facility assessment in the Temporal UI when filtered by its FacilityId search attribute', async () => {
  const ui = inject('stack').temporalUi;
  expect(ui, 'the test stack serves the Temporal UI').toBeTruthy();
  const a = (await (await h.api('/v1/facilities/fac-00002/assessments', { method: 'POST' })).json()) as AssessmentJson;
  await h.waitForAssessment(a.assessment_id);

  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const query = encodeURIComponent('FacilityId="fac-00002"');
  await page.goto(`${ui}/namespaces/${inject('stack').namespace}/workflows?query=${query}`, { waitUntil: 'domcontentloaded' });
  const row = page.getByText('facility-assessment/fac-00002', { exact: false }).first();
  await row.waitFor({ timeout: 30_000 });
  expect(await row.isVisible()).toBe(true);
  // Another facility's run is not in the filtered list.
  const other = (await (await h.api('/v1/facilities/fac-00001/assessments', { method: 'POST' })).json()) as AssessmentJson;
  await h.waitForAssessment(other.assessment_id);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.getByText('facility-assessment/fac-00002', { exact: false }).first().waitFor({ timeout: 30_000 });
  expect(await page.getByText('facility-assessment/fac-00001', { exact: false }).count()).toBe(0);
  const dir = `${projectRoot}.data/test-artifacts`;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/temporal-ui-facility.png` });
});
