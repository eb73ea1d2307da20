/** Label and field selectors, parsed once per request and matched against objects. */
import { badRequest } from './errors.ts';
import { isObject } from './json.ts';
import type { K8sObject, ResourceType } from './types.ts';

type Operator = 'exists' | '!exists' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';
interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export interface Selector {
  matches(object: K8sObject): boolean;
}

const EVERYTHING: Selector = { matches: () => true };

/** Splits on commas outside parentheses. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += char;
  }
  terms.push(current);
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function parseRequirement(term: string): Requirement {
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(term);
  let requirement: Requirement;
  if (set) {
    const values = set[3]!.split(',').map((v) => v.trim());
    requirement = { key: set[1]!, operator: set[2] as Operator, values };
  } else if (term.startsWith('!')) {
    requirement = { key: term.slice(1).trim(), operator: '!exists', values: [] };
  } else {
    const match = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(term);
    if (match) {
      const operator: Operator =
        match[2] === '!=' ? '!=' : match[2] === '>' ? 'gt' : match[2] === '<' ? 'lt' : '=';
      requirement = { key: match[1]!, operator, values: [match[3]!.trim()] };
    } else requirement = { key: term, operator: 'exists', values: [] };
  }
  if (!KEY.test(requirement.key)) {
    throw badRequest(`unable to parse requirement: invalid label key "${requirement.key}"`);
  }
  for (const value of requirement.values) {
    const numeric = requirement.operator === 'gt' || requirement.operator === 'lt';
    if (numeric ? !/^-?\d+$/.test(value) : !VALUE.test(value) || value.length > 63) {
      throw badRequest(`unable to parse requirement: invalid label value: "${value}"`);
    }
  }
  return requirement;
}

function matchesRequirement(labels: Record<string, string>, r: Requirement): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key];
  switch (r.operator) {
    case 'exists':
      return has;
    case '!exists':
      return !has;
    case '=':
      return has && value === r.values[0];
    case '!=':
      return !has || value !== r.values[0];
    case 'in':
      return has && r.values.includes(value!);
    case 'notin':
      return !has || !r.values.includes(value!);
    case 'gt':
      return has && /^-?\d+$/.test(value!) && Number(value) > Number(r.values[0]);
    case 'lt':
      return has && /^-?\d+$/.test(value!) && Number(value) < Number(r.values[0]);
  }
}

export function labelSelector(text: string | null): Selector {
  if (!text || text.trim() === '') return EVERYTHING;
  const requirements = splitTerms(text).map(parseRequirement);
  return {
    matches: (object) => {
      const labels = object.metadata.labels ?? {};
      return requirements.every((r) => matchesRequirement(labels, r));
    },
  };
}

function fieldValue(object: K8sObject, path: string): string {
  let current: unknown = object;
  for (const part of path.split('.')) current = isObject(current) ? current[part] : undefined;
  if (current === undefined || current === null) return '';
  return typeof current === 'string' ? current : JSON.stringify(current);
}

export function fieldSelector(text: string | null, type: ResourceType): Selector {
  if (!text || text.trim() === '') return EVERYTHING;
  const terms = splitTerms(text).map((term) => {
    const match = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!match) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const field = match[1]!;
    const allowed = field === 'metadata.name' || field === 'metadata.namespace';
    if (!allowed && !type.selectableFields.includes(field)) {
      throw badRequest(`field label not supported: ${field}`);
    }
    return { field, negate: match[2] === '!=', value: match[3]! };
  });
  return {
    matches: (object) => terms.every((t) => (fieldValue(object, t.field) === t.value) !== t.negate),
  };
}
