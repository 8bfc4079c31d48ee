// A structural check of a FHIR R4 QuestionnaireResponse against its Questionnaire, for the
// end-to-end tests (the native tests in crates/screener-core/tests/fhir.rs check the same rules in Rust).
// Returns a list of problems; empty means it passed. It checks what a receiving system
// relies on, following the R4 resource definitions and invariants:
//   - resourceType, a valid status code, `questionnaire` = the Questionnaire's url|version,
//     authored as a FHIR dateTime, only R4 element names;
//   - every item's linkId exists in the Questionnaire at the same place (groups nest as
//     in the Questionnaire), linkIds are unique in the Questionnaire (que-2);
//   - groups carry items and no answers; display items never appear; an item has answers
//     or nested items, not both (qrs-1);
//   - answers are typed as the question says: choice -> valueCoding that is one of the
//     answerOptions (system and code), integer -> valueInteger (a whole number within
//     minValue/maxValue); one answer unless the question repeats;
//   - an answered question is enabled: its enableWhen holds (answers to disabled items
//     are not allowed);
//   - required top-level questions are answered when the status is "completed".
export const QR_ELEMENTS = new Set(['resourceType', 'id', 'meta', 'implicitRules', 'language', 'text', 'contained',
  'extension', 'modifierExtension', 'identifier', 'basedOn', 'partOf', 'questionnaire', 'status', 'subject',
  'encounter', 'authored', 'author', 'source', 'item']);
const ITEM_ELEMENTS = new Set(['id', 'extension', 'modifierExtension', 'linkId', 'definition', 'text', 'answer', 'item']);
const ANSWER_ELEMENTS = new Set(['id', 'extension', 'modifierExtension', 'item']);
const STATUS = new Set(['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped']);
const DATETIME = /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/;
const VALUE_FOR_TYPE = { choice: 'valueCoding', 'open-choice': 'valueCoding', integer: 'valueInteger', string: 'valueString', boolean: 'valueBoolean', decimal: 'valueDecimal' };

const ext = (element, url) => (element.extension || []).find((e) => e.url === url);

export function checkQuestionnaireResponse(qr, questionnaire) {
  const problems = [];
  const problem = (path, message) => problems.push(`${path}: ${message}`);

  if (questionnaire?.resourceType !== 'Questionnaire') problem('Questionnaire', 'not a Questionnaire');
  const allLinkIds = [];
  (function collect(items) { for (const i of items || []) { allLinkIds.push(i.linkId); collect(i.item); } })(questionnaire.item);
  const duplicates = allLinkIds.filter((id, i) => allLinkIds.indexOf(id) !== i);
  if (duplicates.length) problem('Questionnaire.item', `duplicate linkIds ${duplicates.join(', ')}`);

  if (qr?.resourceType !== 'QuestionnaireResponse') problem('resourceType', `is ${qr?.resourceType}`);
  for (const key of Object.keys(qr)) {
    if (!QR_ELEMENTS.has(key) && !(key.startsWith('_') && QR_ELEMENTS.has(key.slice(1)))) problem(key, 'not an R4 QuestionnaireResponse element');
  }
  if (!STATUS.has(qr.status)) problem('status', `"${qr.status}" is not a QuestionnaireResponse status`);
  if (qr.questionnaire !== `${questionnaire.url}|${questionnaire.version}`) {
    problem('questionnaire', `"${qr.questionnaire}" does not reference ${questionnaire.url}|${questionnaire.version}`);
  }
  if (qr.authored !== undefined && !DATETIME.test(qr.authored)) problem('authored', `"${qr.authored}" is not a dateTime`);

  // Every answered coding, by linkId, for enableWhen.
  const answered = new Map();
  (function collect(items) {
    for (const i of items || []) {
      if (i.answer) answered.set(i.linkId, i.answer);
      collect(i.item);
    }
  })(qr.item);
  const enabled = (def) => {
    if (!def.enableWhen) return true;
    const results = def.enableWhen.map((cond) => {
      const answers = answered.get(cond.question) || [];
      if (cond.operator !== '=' || !cond.answerCoding) return false;
      return answers.some((a) => a.valueCoding?.system === cond.answerCoding.system && a.valueCoding?.code === cond.answerCoding.code);
    });
    return def.enableBehavior === 'all' ? results.every(Boolean) : results.some(Boolean);
  };

  (function walk(items, defs, path) {
    if (!Array.isArray(items)) { problem(path, 'item must be an array'); return; }
    for (const [index, item] of items.entries()) {
      const at = `${path}[${index}]`;
      for (const key of Object.keys(item)) if (!ITEM_ELEMENTS.has(key)) problem(at, `"${key}" is not an item element`);
      if (typeof item.linkId !== 'string' || !item.linkId) { problem(at, 'linkId missing'); continue; }
      const def = (defs || []).find((d) => d.linkId === item.linkId);
      if (!def) { problem(at, `linkId "${item.linkId}" is not in the Questionnaire here`); continue; }
      if (item.answer && item.item) problem(at, 'has both answers and items (qrs-1)');
      if (def.type === 'display') { problem(at, `display item "${item.linkId}" must not be answered`); continue; }
      if (def.type === 'group') {
        if (item.answer) problem(at, `group "${item.linkId}" has answers`);
        if (!item.item?.length) problem(at, `group "${item.linkId}" has no items`);
        else walk(item.item, def.item, `${at}.item`);
        continue;
      }
      if (!Array.isArray(item.answer) || item.answer.length === 0) { problem(at, `question "${item.linkId}" has no answer`); continue; }
      if (!def.repeats && item.answer.length > 1) problem(at, `"${item.linkId}" does not repeat but has ${item.answer.length} answers`);
      if (!enabled(def)) problem(at, `"${item.linkId}" is answered but not enabled (enableWhen)`);
      const expected = VALUE_FOR_TYPE[def.type];
      for (const [j, answer] of item.answer.entries()) {
        const aat = `${at}.answer[${j}]`;
        const values = Object.keys(answer).filter((k) => k.startsWith('value'));
        for (const key of Object.keys(answer)) if (!key.startsWith('value') && !ANSWER_ELEMENTS.has(key)) problem(aat, `"${key}" is not an answer element`);
        if (values.length !== 1) { problem(aat, `needs exactly one value[x], has ${values.join(', ') || 'none'}`); continue; }
        if (values[0] !== expected) { problem(aat, `${def.type} question answered with ${values[0]} (expected ${expected})`); continue; }
        const value = answer[values[0]];
        if (expected === 'valueCoding') {
          if (typeof value?.code !== 'string') { problem(aat, 'coding without a code'); continue; }
          const option = (def.answerOption || []).find((o) => o.valueCoding?.code === value.code && o.valueCoding?.system === value.system);
          if (!option) problem(aat, `${value.system}|${value.code} is not an answerOption of "${item.linkId}"`);
        }
        if (expected === 'valueInteger') {
          if (!Number.isInteger(value)) { problem(aat, `${value} is not an integer`); continue; }
          const min = ext(def, 'http://hl7.org/fhir/StructureDefinition/minValue')?.valueInteger;
          const max = ext(def, 'http://hl7.org/fhir/StructureDefinition/maxValue')?.valueInteger;
          if ((min !== undefined && value < min) || (max !== undefined && value > max)) problem(aat, `${value} is outside ${min}..${max}`);
        }
      }
    }
  })(qr.item || [], questionnaire.item, 'item');

  if (qr.status === 'completed') {
    for (const def of questionnaire.item || []) {
      if (def.required && def.type !== 'group' && !(qr.item || []).some((i) => i.linkId === def.linkId)) {
        problem('item', `required "${def.linkId}" missing from a completed response`);
      }
    }
  }
  return problems;
}

/** Finds a response item (at any depth) by linkId. */
export function findItem(items, linkId) {
  for (const item of items || []) {
    if (item.linkId === linkId) return item;
    const found = findItem(item.item, linkId);
    if (found) return found;
  }
  return undefined;
}
