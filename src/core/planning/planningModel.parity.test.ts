import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../inference/initBackend';
import { loadPlanningModelFromDir } from './loadPlanningModelFromDir';
import { planCase } from './planCase';
import type { PlanningModel } from './PlanningModel';
import {
  REPO_ROOT,
  haveMasks,
  havePython,
  maskPath,
  readMask,
  runPythonJson,
} from './testing/pythonReference';

const MODEL_DIR = join(REPO_ROOT, 'models', 'planning');
const haveModel = existsSync(join(MODEL_DIR, 'manifest.json'));

const CASES = [
  { id: 'case_00000', ageYears: 49, bmi: 29.5, sizeCm: 2.4 },
  { id: 'case_00001', ageYears: 50, bmi: 33.7, sizeCm: 2.2 },
  { id: 'case_00002', ageYears: 74, bmi: 24.0, sizeCm: 7.5 },
  { id: 'case_00160', ageYears: 65, bmi: 41.0, sizeCm: 4.5 },
  { id: 'case_00012', ageYears: 38, bmi: 19.0, sizeCm: 12.0 },
];

interface PyPrediction {
  probabilityRadical: number;
  probabilityRetroperitoneal: number;
  timeMin: number;
}

describe.skipIf(!haveMasks || !havePython || !haveModel)(
  'planning model: tfjs in Node = PyTorch, on real masks',
  () => {
    let model: PlanningModel;
    beforeAll(async () => {
      await initBackend({ requested: 'wasm' });
      model = await loadPlanningModelFromDir(MODEL_DIR);
    });

    it('gives the same probabilities and time for the whole chain', () => {
      const py = runPythonJson<PyPrediction[]>(
        'plan.predict_json',
        [],
        JSON.stringify(CASES.map(({ id, ...c }) => ({ mask: maskPath(id), ...c }))),
      );
      const radical: number[] = [];
      CASES.forEach(({ id, ...clinical }, i) => {
        const ts = planCase(model, readMask(maskPath(id)), clinical);
        expect(ts.procedure.probabilityRadical, id).toBeCloseTo(
          py[i].probabilityRadical,
          5,
        );
        expect(ts.approach.probabilityRetroperitoneal, id).toBeCloseTo(
          py[i].probabilityRetroperitoneal,
          5,
        );
        expect(ts.operativeTime.predictedMin, id).toBeCloseTo(py[i].timeMin, 2);
        expect(ts.procedure.recommendation).toBe(
          ts.procedure.probabilityRadical >= ts.procedure.threshold
            ? 'radical_nephrectomy'
            : 'partial_nephrectomy',
        );
        const [lo, hi] = ts.operativeTime.intervalMin;
        expect(lo).toBeLessThan(ts.operativeTime.predictedMin);
        expect(hi).toBeGreaterThan(ts.operativeTime.predictedMin);
        radical.push(ts.procedure.probabilityRadical);
      });
      // Trained weights, not a constant: the cases get clearly different answers.
      expect(Math.max(...radical) - Math.min(...radical)).toBeGreaterThan(0.3);
    });

    it('changes its answer with the clinical inputs', () => {
      const labels = readMask(maskPath('case_00000'));
      const small = planCase(model, labels, { ageYears: 49, bmi: 29.5, sizeCm: 2.4 });
      const large = planCase(model, labels, { ageYears: 49, bmi: 29.5, sizeCm: 12 });
      expect(large.procedure.probabilityRadical).not.toBeCloseTo(
        small.procedure.probabilityRadical,
        3,
      );
      expect(large.warnings).toEqual([]);
      const old = planCase(model, labels, { ageYears: 99, bmi: 29.5, sizeCm: 2.4 });
      expect(old.warnings.map((w) => w.field)).toEqual(['ageYears']);
      expect(() =>
        planCase(model, labels, { ageYears: 49, bmi: 0, sizeCm: 2.4 }),
      ).toThrow('BMI must be between');
    });
  },
);
