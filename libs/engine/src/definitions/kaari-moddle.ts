/**
 * Kaari's own BPMN attributes, as a moddle descriptor that bpmn-moddle (the engine, the
 * validator) and bpmn-js (the modeler) both read. `kaari:handledAt="meeting"` on a user task:
 * the task is a matter its body decides at a meeting, so no person claims or completes it; the
 * body's decision on the agenda item does (docs/meetings.md). `kaari:nameSv` and `kaari:nameEn` on
 * a process or any flow element (task, gateway, event, flow): its name in Swedish and English,
 * beside the diagram's own (Finnish) `name`; the web app shows the one of the reader's language.
 */
export const KAARI_MODDLE = {
  name: 'Kaari',
  uri: 'https://kaari.fi/schema/bpmn/1.0',
  prefix: 'kaari',
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  types: [
    {
      name: 'MeetingHandling',
      extends: ['bpmn:UserTask'],
      properties: [{ name: 'handledAt', isAttr: true, type: 'String' }],
    },
    {
      name: 'TranslatedName',
      extends: ['bpmn:FlowElement', 'bpmn:Process'],
      properties: [
        { name: 'nameSv', isAttr: true, type: 'String' },
        { name: 'nameEn', isAttr: true, type: 'String' },
      ],
    },
  ],
};

/** The value of `kaari:handledAt` that makes a user task a matter for its body's meeting. */
export const HANDLED_AT_MEETING = 'meeting';
