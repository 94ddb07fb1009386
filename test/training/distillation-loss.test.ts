// The distillation loss against PyTorch 1.13 float64 autograd (fixture section "distillation"),
// its limits (alpha = 1 is cross-entropy, large T approaches logit matching) and bad input.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distillationLoss } from '../../src/training/distillation-loss.js';

interface Case {
  name: string;
  T: number;
  alpha: number;
  batch: number;
  classes: number;
  student_logits: number[];
  teacher_logits: number[];
  labels: number[];
  loss: number;
  ce: number;
  kl_batchmean: number;
  soft_term: number;
  teacher_probs_zero_count: number;
  grad_student_logits: number[];
}

const cases = (
  JSON.parse(
    readFileSync(new URL('../fixtures/modelopt_fixtures.json', import.meta.url), 'utf8'),
  ) as { distillation: { cases: Case[] } }
).distillation.cases;

/** |actual - expected| <= 1e-12 max(1, |expected|), the fixtures' tolerance. */
function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
}

describe('distillationLoss', () => {
  it('covers every fixture case', () => {
    expect(cases.length).toBe(10);
    expect(cases.some((c) => c.teacher_probs_zero_count > 0)).toBe(true);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s matches torch to 1e-12', (_, c) => {
    const result = distillationLoss(c.student_logits, c.teacher_logits, c.labels, {
      temperature: c.T,
      alpha: c.alpha,
    });
    const report = {
      loss: [result.loss, c.loss],
      ce: [result.crossEntropy, c.ce],
      kl: [result.klDivergence, c.kl_batchmean],
      soft: [result.softLoss, c.soft_term],
    };
    for (const [name, [actual, expected]] of Object.entries(report)) {
      expect(close(actual as number, expected as number), `${name}: ${actual} vs ${expected}`).toBe(
        true,
      );
    }
    expect(result.gradient.length).toBe(c.batch * c.classes);
    result.gradient.forEach((g, i) => {
      const expected = c.grad_student_logits[i] as number;
      expect(close(g, expected), `grad[${i}]: ${g} vs ${expected}`).toBe(true);
    });
  });

  it('KD1: the research note figures', () => {
    const r = distillationLoss([1, 2, 3], [3, 1, 0], [0], { temperature: 2, alpha: 0.5 });
    expect(r.loss).toBeCloseTo(2.24071114659288, 13);
    expect(Array.from(r.gradient).map((g) => g.toFixed(12))).toEqual([
      '-0.897192709401',
      '0.198336223624',
      '0.698856485777',
    ]);
  });

  it('alpha = 1 is exactly the cross-entropy, whatever the temperature', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 8, maxLength: 8 }),
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 8, maxLength: 8 }),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        (student, teacher, temperature) => {
          const labels = [1, 3];
          const a = distillationLoss(student, teacher, labels, { temperature, alpha: 1 });
          const b = distillationLoss(student, teacher, labels, { temperature: 1, alpha: 1 });
          expect(a.loss).toBe(a.crossEntropy);
          expect(a.loss).toBe(b.loss);
          expect(Array.from(a.gradient)).toEqual(Array.from(b.gradient));
        },
      ),
    );
  });

  it('T^2 KL approaches the logit-matching loss |ds - dt|^2 / (2C) as T grows', () => {
    const student = [0.3, -1.2, 2.0, 0.7];
    const teacher = [1.1, -0.4, 0.2, 1.9];
    const centered = (v: number[]): number[] => {
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      return v.map((x) => x - mean);
    };
    const s = centered(student);
    const t = centered(teacher);
    const matching = s.reduce((sum, x, i) => sum + (x - (t[i] as number)) ** 2, 0) / (2 * 4);
    const gaps = [10, 100, 1000].map((temperature) => {
      const r = distillationLoss(student, teacher, [0], { temperature, alpha: 0 });
      return Math.abs(r.softLoss - matching);
    });
    // The next term of the expansion is O(1/T): ten times T, a tenth of the gap.
    expect(gaps[1]).toBeLessThan((gaps[0] as number) / 5);
    expect(gaps[2]).toBeLessThan((gaps[1] as number) / 5);
    expect(gaps[2]).toBeLessThan(1e-3 * matching);
  });

  it('a row without a label contributes its soft term only', () => {
    const student = [0.5, 1.5, -1, 2, 0, 1];
    const teacher = [1, 0, 0, 0, 2, 1];
    const options = { temperature: 3, alpha: 0.4 };
    const both = distillationLoss(student, teacher, [2, -1], options);
    const first = distillationLoss(student.slice(0, 3), teacher.slice(0, 3), [2], options);
    const second = distillationLoss(student.slice(3), teacher.slice(3), [0], {
      ...options,
      alpha: 0,
    });
    expect(both.loss).toBeCloseTo((first.loss + (1 - options.alpha) * second.softLoss) / 2, 14);
    expect(both.gradient[3]).toBeCloseTo(
      ((1 - options.alpha) * (second.gradient[0] as number)) / 2,
      14,
    );
  });

  it('refuses bad input with the field and the value', () => {
    const ok = { temperature: 2, alpha: 0.5 };
    expect(() => distillationLoss([1, 2], [1, 2], [0], { ...ok, temperature: 0 })).toThrow(
      'distillationLoss: temperature must be a finite number > 0 (got 0)',
    );
    expect(() => distillationLoss([1, 2], [1, 2], [0], { ...ok, alpha: 1.5 })).toThrow(
      'distillationLoss: alpha must be in [0, 1] (got 1.5)',
    );
    expect(() => distillationLoss([1, 2, 3], [1, 2, 3], [0, 1], ok)).toThrow(
      /studentLogits must hold batch x classes values/,
    );
    expect(() => distillationLoss([1, 2], [1, 2, 3], [0], ok)).toThrow(
      'distillationLoss: teacherLogits must hold 2 values like studentLogits (got 3)',
    );
    expect(() => distillationLoss([1, 2], [1, 2], [2], ok)).toThrow(
      'distillationLoss: labels[0] must be a class index below 2, or negative for no label (got 2)',
    );
  });
});
