import BpmnModdle, { type ModdleElement } from 'bpmn-moddle';
import { HANDLED_AT_MEETING, MODDLE_EXTENSIONS } from './moddle-extensions';

// What the modeler does to a diagram, on the moddle bpmn-js builds from MODDLE_EXTENSIONS: the
// panel's checkbox sets or removes kaari:handledAt, and Save and Deploy write the XML back.
const diagram = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="https://kaari.fi/test">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:userTask id="decision" name="Päätös" camunda:candidateGroups="kaupunginhallitus" camunda:dueDate="P30D" />
  </bpmn:process>
</bpmn:definitions>`;

async function read(xml: string): Promise<{ moddle: BpmnModdle; root: ModdleElement; task: ModdleElement; warnings: unknown[] }> {
  const moddle = new BpmnModdle(MODDLE_EXTENSIONS);
  const { rootElement, warnings } = await moddle.fromXML(xml);
  const [process] = rootElement.rootElements as ModdleElement[];
  const [task] = process.flowElements as ModdleElement[];
  return { moddle, root: rootElement, task, warnings };
}

describe('the Kaari moddle extension in the modeler', () => {
  it('writes kaari:handledAt="meeting" when the task is ticked, reads it back, and drops it when unticked', async () => {
    const first = await read(diagram);
    first.task.set('kaari:handledAt', HANDLED_AT_MEETING);
    const { xml: ticked } = await first.moddle.toXML(first.root);
    expect(ticked).toContain('xmlns:kaari="https://kaari.fi/schema/bpmn/1.0"');
    expect(ticked).toMatch(/<bpmn:userTask id="decision"[^>]* kaari:handledAt="meeting"/);
    // Everything else on the task stays as it was.
    expect(ticked).toContain('camunda:candidateGroups="kaupunginhallitus" camunda:dueDate="P30D"');

    const second = await read(ticked);
    expect(second.warnings).toEqual([]);
    expect(second.task.get('kaari:handledAt')).toBe('meeting');
    second.task.set('kaari:handledAt', undefined);
    const { xml: unticked } = await second.moddle.toXML(second.root);
    expect(unticked).not.toContain('handledAt');
  });

  it('reads the attribute under another prefix of the Kaari namespace', async () => {
    const xml = diagram.replace('id="d"', 'xmlns:k="https://kaari.fi/schema/bpmn/1.0" id="d"').replace('camunda:dueDate="P30D"', 'k:handledAt="meeting"');
    const { task, warnings } = await read(xml);
    expect(warnings).toEqual([]);
    expect(task.get('kaari:handledAt')).toBe('meeting');
  });

  it('writes the Swedish and English names of a task and the process and reads them back', async () => {
    const first = await read(diagram);
    first.task.set('kaari:nameSv', 'Beslut');
    first.task.set('kaari:nameEn', 'Decision');
    (first.root.rootElements as ModdleElement[])[0].set('kaari:nameSv', 'Process på svenska');
    const { xml } = await first.moddle.toXML(first.root);
    expect(xml).toMatch(/<bpmn:userTask id="decision" name="Päätös"[^>]* kaari:nameSv="Beslut" kaari:nameEn="Decision"/);
    expect(xml).toMatch(/<bpmn:process id="p" isExecutable="true" kaari:nameSv="Process på svenska"/);

    const second = await read(xml);
    expect(second.warnings).toEqual([]);
    expect(second.task.get('kaari:nameSv')).toBe('Beslut');
    expect(second.task.get('kaari:nameEn')).toBe('Decision');
    expect(second.task.get('name')).toBe('Päätös');
    second.task.set('kaari:nameEn', undefined);
    const { xml: cleared } = await second.moddle.toXML(second.root);
    expect(cleared).not.toContain('nameEn');
    expect(cleared).toContain('kaari:nameSv="Beslut"');
  });
});
