import { en } from '../i18n/en';
import { fi } from '../i18n/fi';
import { formatMessage } from '../i18n/format';
import type { Translate } from '../i18n/i18n';
import { diffDefinitions, fieldInWords } from './diff';

const diagram = (review: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:kaari="https://kaari.fi/schema/bpmn/1.0" id="d" targetNamespace="https://kaari.fi/test">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${review}
    ${extra}
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('diffDefinitions', () => {
  it('lists changed attributes of an element, and added and removed elements', async () => {
    const before = diagram(
      '<bpmn:userTask id="review" name="Käsittely" camunda:candidateGroups="hyvinvoinnin-johtoryhma" camunda:dueDate="P10D" />',
      '<bpmn:userTask id="old" name="Vanha" />',
    );
    const after = diagram(
      '<bpmn:userTask id="review" name="Arvio" camunda:candidateGroups="hyvinvoinnin-johtoryhma" camunda:dueDate="P12WD" camunda:formKey="kaari:steering-review" />',
      '<bpmn:manualTask id="new" name="Uusi" />',
    );
    const changes = await diffDefinitions(before, after);
    expect(changes).toEqual(
      expect.arrayContaining([
        {
          id: 'review',
          kind: 'changed',
          type: 'UserTask',
          name: 'Arvio',
          fields: [
            { field: 'name', before: 'Käsittely', after: 'Arvio' },
            { field: 'dueDate', before: 'P10D', after: 'P12WD' },
            { field: 'formKey', before: '', after: 'kaari:steering-review' },
          ],
        },
        { id: 'new', kind: 'added', type: 'ManualTask', name: 'Uusi', fields: [] },
        { id: 'old', kind: 'removed', type: 'UserTask', name: 'Vanha', fields: [] },
      ]),
    );
    expect(changes).toHaveLength(3);
  });

  it('finds nothing between a diagram and itself', async () => {
    const xml = diagram('<bpmn:userTask id="review" camunda:candidateGroups="a" />');
    await expect(diffDefinitions(xml, xml)).resolves.toEqual([]);
  });

  describe('a task marked as handled at a meeting', () => {
    const plain = diagram('<bpmn:userTask id="review" name="Käsittely" camunda:candidateGroups="kaupunginhallitus" />');
    const atMeeting = diagram('<bpmn:userTask id="review" name="Käsittely" camunda:candidateGroups="kaupunginhallitus" kaari:handledAt="meeting" />');
    const inFinnish: Translate = (key, vars) => formatMessage('fi-FI', fi[key], vars);
    const inEnglish: Translate = (key, vars) => formatMessage('en-GB', en[key], vars);

    it('is a change of that task, worded as the checkbox and yes or no', async () => {
      const changes = await diffDefinitions(plain, atMeeting);
      expect(changes).toEqual([
        { id: 'review', kind: 'changed', type: 'UserTask', name: 'Käsittely', fields: [{ field: 'handledAt', before: '', after: 'meeting' }] },
      ]);
      expect(fieldInWords(changes[0].fields[0], inFinnish)).toEqual({ label: 'Käsitellään toimielimen kokouksessa', before: 'ei', after: 'kyllä' });
      const [back] = await diffDefinitions(atMeeting, plain);
      expect(fieldInWords(back.fields[0], inEnglish)).toEqual({ label: 'Handled at a meeting of the body', before: 'yes', after: 'no' });
    });

    it('is no change when only the prefix of the Kaari namespace differs', async () => {
      const otherPrefix = atMeeting.replace('xmlns:kaari=', 'xmlns:k=').replace('kaari:handledAt=', 'k:handledAt=');
      await expect(diffDefinitions(atMeeting, otherPrefix)).resolves.toEqual([]);
    });

    it('shows a value that is not "meeting" as it stands, and other fields by the panel\'s labels', async () => {
      const odd = diagram(
        '<bpmn:userTask id="review" name="Käsittely" camunda:candidateGroups="kaupunginhallitus" camunda:dueDate="P5D" kaari:handledAt="later" />',
      );
      const changes = await diffDefinitions(atMeeting, odd);
      expect(changes[0].fields.map((f) => fieldInWords(f, inFinnish))).toEqual([
        { label: 'Käsitellään toimielimen kokouksessa', before: 'kyllä', after: 'later' },
        { label: 'Määräaika', before: '', after: 'P5D' },
      ]);
    });
  });
});
