import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
// The engine's own descriptor, so the modeler writes exactly what the validator and the runner
// read. That file imports nothing, so Vite bundles it for the browser as it stands.
import { HANDLED_AT_MEETING, KAARI_MODDLE } from '../../../../libs/engine/src/definitions/kaari-moddle';

/** The moddle extensions the modeler and the version diff read diagrams with: Camunda's attributes and Kaari's. */
export const MODDLE_EXTENSIONS = { camunda, kaari: KAARI_MODDLE };

export { HANDLED_AT_MEETING };
