import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Engine } from 'bpmn-engine';
import * as elements from 'bpmn-elements';
import BpmnModdle from 'bpmn-moddle';
import serializer, { deserialize, TypeResolver } from 'moddle-context-serializer';
import { KAARI_MODDLE } from '../definitions/kaari-moddle.js';

/*
 * The only place that imports bpmn-engine and its companions, so an upgrade of the BPMN libraries touches one file.
 * Versions are pinned exactly in package.json; the engine version is stored with
 * every instance so a state saved by another version can be recognised.
 */
const require = createRequire(import.meta.url);
export const camundaModdle: object = require('camunda-bpmn-moddle/resources/camunda.json');
/** Every moddle extension a Kaari diagram may use, for parsing, validation and the engine alike. */
export const MODDLE_EXTENSIONS = { camunda: camundaModdle, kaari: KAARI_MODDLE };
export const ENGINE_VERSION: string = packageVersion('bpmn-engine');

/** bpmn-engine does not export its package.json; find it above the resolved entry point. */
function packageVersion(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (let i = 0; i < 5; i += 1, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      if (pkg.name === name) return pkg.version;
    }
  }
  return 'unknown';
}

export const typeResolver = TypeResolver(elements as never);

export { Engine, BpmnModdle, elements };

export interface SerializedSource {
  id: string;
  serialize(): string;
}

/** Parses BPMN XML into the serialised context bpmn-engine runs from; done once per definition version. */
export async function serializeSource(moddleContext: unknown): Promise<string> {
  const context = serializer(moddleContext, typeResolver) as unknown as SerializedSource;
  return context.serialize();
}

export function deserializeSource(serialized: string): SerializedSource {
  return deserialize(JSON.parse(serialized), typeResolver) as unknown as SerializedSource;
}

export async function parseBpmn(xml: string): Promise<unknown> {
  const moddle = new BpmnModdle({ camunda: camundaModdle });
  return moddle.fromXML(xml);
}
