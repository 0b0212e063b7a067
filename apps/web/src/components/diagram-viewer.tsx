import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { MODDLE_EXTENSIONS } from '../modeler/moddle-extensions';
import { translateNames } from '../modeler/translations';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

export type Mark = 'completed' | 'active' | 'overdue';

interface Canvas {
  addMarker(id: string, cls: string): void;
  zoom(level: string): void;
}
interface Registry {
  get(id: string): unknown;
  getAll(): Array<{ id: string; businessObject?: { name?: string } }>;
}

/** The read-only diagram with the instance's completed, active and overdue elements marked. */
interface Props {
  xml: string;
  marks: Record<string, string>;
  label: string;
  legend?: Array<{ mark: string; label: string }>;
  /** Receives the names of the diagram's elements by id once it is shown. */
  onNames?: (names: Record<string, string>) => void;
}

/** Shows the names in the reader's language where the diagram translates them (kaari:nameSv, kaari:nameEn). */
export function DiagramViewer({ xml, marks, label, legend, onNames }: Props) {
  const { t, language } = useI18n();
  const items = legend ?? (['completed', 'active', 'overdue'] as const).map((mark) => ({ mark, label: t(`diagram.${mark}`) }));
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const viewer = new NavigatedViewer({ container: ref.current, moddleExtensions: MODDLE_EXTENSIONS });
    viewer.on('import.parse.complete', (e: { definitions?: unknown }) => {
      if (e.definitions) translateNames(e.definitions, language);
    });
    let live = true;
    viewer
      .importXML(xml)
      .then(() => {
        if (!live) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<Registry>('elementRegistry');
        canvas.zoom('fit-viewport');
        for (const [id, mark] of Object.entries(marks)) if (registry.get(id)) canvas.addMarker(id, `kaari-${mark}`);
        onNames?.(
          Object.fromEntries(
            registry
              .getAll()
              .filter((e) => e.businessObject?.name)
              .map((e) => [e.id, e.businessObject!.name!]),
          ),
        );
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
      viewer.destroy();
    };
  }, [xml, JSON.stringify(marks), language]);
  return (
    <figure className="diagram-figure">
      <div ref={ref} className="diagram" role="group" aria-label={label} />
      <figcaption>
        <ul className="legend">
          {items.map((i) => (
            <li key={i.mark}>
              <span className={`swatch mark-${i.mark}`} /> {i.label}
            </li>
          ))}
        </ul>
        {error && <p className="alert error">{error}</p>}
      </figcaption>
    </figure>
  );
}
