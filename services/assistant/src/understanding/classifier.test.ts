import { describe, expect, it } from 'vitest';
import { loadCases } from '../../eval/evaluate.ts';
import { IntentClassifier, features, loadCorpus, type Example } from './classifier.ts';
import { CLASSIFIER_THRESHOLD } from './understand.ts';

const normal = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\d]+/gu, ' ')
    .trim();

describe('intent classifier', () => {
  const corpus = loadCorpus();

  it('is trained on a corpus kept apart from the evaluation set', () => {
    const evaluation = new Set(loadCases().map((c) => normal(c.input.text)));
    const shared = corpus.filter((example) => evaluation.has(normal(example.text)));
    expect(shared).toEqual([]);
    expect(new Set(corpus.map((e) => e.intent))).toEqual(
      new Set([
        'createTask',
        'listTasks',
        'completeTask',
        'updateTask',
        'deleteTask',
        'setReminder',
        'listProjects',
        'createProject',
        'help',
        'none',
      ]),
    );
  });

  it('shares features across accents and verb forms', () => {
    expect(features('Terminé el informe')).toContain('p:termi');
    expect(features('terminei o relatório')).toContain('p:termi');
    expect(features('Ligar às 9')).toContain('w:as');
  });

  it('is calibrated: above the threshold it is right at least 95% of the time in 5-fold cross-validation', () => {
    let confident = 0;
    let right = 0;
    const folds = 5;
    for (let fold = 0; fold < folds; fold++) {
      const train: Example[] = corpus.filter((_, i) => i % folds !== fold);
      const test = corpus.filter((_, i) => i % folds === fold);
      const classifier = new IntentClassifier(train);
      for (const example of test) {
        const prediction = classifier.predict(example.text);
        if (prediction.confidence < CLASSIFIER_THRESHOLD) continue;
        confident += 1;
        right += Number(prediction.intent === example.intent);
      }
    }
    expect(confident).toBeGreaterThan(corpus.length / 3);
    expect(right / confident).toBeGreaterThanOrEqual(0.95);
  });

  it('says nothing with confidence about words it never saw', () => {
    const classifier = new IntentClassifier(corpus);
    expect(classifier.predict('zzz qqq').confidence).toBe(0);
  });
});
