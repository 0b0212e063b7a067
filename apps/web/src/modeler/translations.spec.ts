import { readFileSync } from 'node:fs';
import BpmnModdle from 'bpmn-moddle';
import { MODDLE_EXTENSIONS } from './moddle-extensions';
import { translateNames, untranslatedNames } from './translations';

const shipped = readFileSync(new URL('../../../../processes/cross-sector-measure.bpmn', import.meta.url), 'utf8');

const diagram = (attrs: { process?: string; task?: string; flow?: string }) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:kaari="https://kaari.fi/schema/bpmn/1.0" id="d" targetNamespace="https://kaari.fi/test">
  <bpmn:process id="p" isExecutable="true" ${attrs.process ?? ''}>
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="decision" name="Päätös" ${attrs.task ?? ''} />
    <bpmn:sequenceFlow id="f" sourceRef="start" targetRef="decision" ${attrs.flow ?? ''} />
  </bpmn:process>
</bpmn:definitions>`;

async function read(xml: string) {
  const { rootElement } = await new BpmnModdle(MODDLE_EXTENSIONS).fromXML(xml);
  return rootElement;
}

describe('untranslated names (Kaari lint rule untranslated-name)', () => {
  it('warns of each named element without its Swedish or English name, naming the languages missing', async () => {
    const issues = untranslatedNames(
      await read(diagram({ process: 'name="Prosessi" kaari:nameSv="Process"', flow: 'name="Eteenpäin" kaari:nameEn="Forward"' })),
    );
    expect(issues.map((i) => [i.elementId, i.severity, i.params])).toEqual([
      ['p', 'warn', { name: 'Prosessi', languages: 'en' }],
      ['decision', 'warn', { name: 'Päätös', languages: 'sv,en' }],
      ['f', 'warn', { name: 'Eteenpäin', languages: 'sv' }],
    ]);
  });

  it('says nothing of an element translated into both or of one without a name', async () => {
    const xml = diagram({ task: 'kaari:nameSv="Beslut" kaari:nameEn="Decision"' });
    expect(untranslatedNames(await read(xml))).toEqual([]);
  });

  it('finds every name of the shipped process translated', async () => {
    expect(untranslatedNames(await read(shipped))).toEqual([]);
  });
});

describe('translateNames', () => {
  it('puts the Swedish or English names in place and leaves untranslated ones and Finnish as they are', async () => {
    const xml = diagram({ process: 'name="Prosessi"', task: 'kaari:nameSv="Beslut" kaari:nameEn="Decision"' });
    const sv = await read(xml);
    translateNames(sv, 'sv');
    const [process] = sv.rootElements as Array<{ name?: string; flowElements: Array<{ id: string; name?: string }> }>;
    expect(process.name).toBe('Prosessi');
    expect(process.flowElements.find((e) => e.id === 'decision')?.name).toBe('Beslut');
    const fi = await read(xml);
    translateNames(fi, 'fi');
    expect((fi.rootElements as (typeof process)[]).at(0)?.flowElements.find((e) => e.id === 'decision')?.name).toBe('Päätös');
  });
});
