import { diffDefinitions } from './diff';

const diagram = (review: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="https://kaari.fi/test">
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
});
