import { readFileSync } from 'node:fs';

/**
 * A multinomial naive Bayes intent classifier, trained at start-up (a few milliseconds) from the corpus in
 * `services/assistant/corpus/intents.jsonl`, which is kept apart from every evaluation set. Features: accent-free
 * lower-case words, word pairs, and 5-letter word prefixes (so "terminei", "terminé" and "terminar" share one).
 * The rules decide first; this catches phrasings they do not know (see understand.ts).
 */
export interface Example {
  intent: string;
  text: string;
}

export interface Prediction {
  intent: string;
  /** Posterior probability of `intent`, 0..1. */
  confidence: number;
}

export const CORPUS = new URL('../../corpus/intents.jsonl', import.meta.url);

export function features(text: string): string[] {
  const words = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\d+/g, '#')
    .split(/[^\p{L}#']+/u)
    .filter(Boolean);
  const out: string[] = [];
  for (const [i, word] of words.entries()) {
    out.push(`w:${word}`);
    if (word.length > 5) out.push(`p:${word.slice(0, 5)}`);
    if (i > 0) out.push(`b:${words[i - 1]} ${word}`);
  }
  return out;
}

export class IntentClassifier {
  private readonly priors = new Map<string, number>();
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly totals = new Map<string, number>();
  private readonly vocabulary = new Set<string>();

  constructor(examples: Example[]) {
    for (const { intent, text } of examples) {
      this.priors.set(intent, (this.priors.get(intent) ?? 0) + 1);
      const counts = this.counts.get(intent) ?? new Map<string, number>();
      this.counts.set(intent, counts);
      for (const feature of features(text)) {
        counts.set(feature, (counts.get(feature) ?? 0) + 1);
        this.totals.set(intent, (this.totals.get(intent) ?? 0) + 1);
        this.vocabulary.add(feature);
      }
    }
  }

  predict(text: string): Prediction {
    const observed = features(text).filter((f) => this.vocabulary.has(f));
    const total = [...this.priors.values()].reduce((a, b) => a + b, 0);
    const scores: [string, number][] = [];
    for (const [intent, prior] of this.priors) {
      const counts = this.counts.get(intent)!;
      const denominator = (this.totals.get(intent) ?? 0) + this.vocabulary.size;
      // Uniform priors would favour rare intents less; the corpus sizes are a fair prior of how people write.
      let score = Math.log(prior / total);
      for (const feature of observed) score += Math.log(((counts.get(feature) ?? 0) + 1) / denominator);
      scores.push([intent, score]);
    }
    const best = Math.max(...scores.map(([, s]) => s));
    const sum = scores.reduce((acc, [, s]) => acc + Math.exp(s - best), 0);
    const [intent, score] = scores.reduce((a, b) => (b[1] > a[1] ? b : a));
    return { intent, confidence: observed.length === 0 ? 0 : Math.exp(score - best) / sum };
  }
}

export function loadCorpus(url: URL = CORPUS): Example[] {
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Example);
}

let trained: IntentClassifier | undefined;

/** The classifier trained on the repository's corpus, trained on first use. */
export function intentClassifier(): IntentClassifier {
  trained ??= new IntentClassifier(loadCorpus());
  return trained;
}
