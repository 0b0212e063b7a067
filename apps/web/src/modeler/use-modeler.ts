import Modeler from 'bpmn-js/lib/Modeler';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n/i18n';
import { lintText } from '../lib/problems';
import { lint, type LintIssue } from './lint';
import { MODDLE_EXTENSIONS } from './moddle-extensions';
import type { DiagramElement, ModelerServices } from './properties-panel';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';

interface EventBus {
  on(event: string | string[], cb: (e: { newSelection?: DiagramElement[] }) => void): void;
}
interface Overlays {
  add(id: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): void;
  remove(filter: { type: string }): void;
}
interface Registry {
  get(id: string): DiagramElement | undefined;
  getAll(): DiagramElement[];
}
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Canvas {
  getRootElement(): DiagramElement;
  zoom(level: string): void;
  scrollToElement(e: DiagramElement): void;
  viewbox(box?: Box): Box & { scale: number; inner: Box; outer: Box };
}
interface Selection {
  select(e: DiagramElement | null): void;
}

const SERVER_CHECK_DELAY = 700;
const FIT_MARGIN = 24;

/**
 * Zooms the whole diagram into view beside the palette, which lies over the canvas's left edge:
 * fit-viewport alone would put the start event under it. Never zooms in past 100 %.
 */
export function fitBesidePalette(canvas: Canvas, container: HTMLElement): void {
  canvas.zoom('fit-viewport');
  const palette = container.querySelector('.djs-palette')?.getBoundingClientRect().width ?? 0;
  const { inner, outer } = canvas.viewbox();
  if (!inner.width || !inner.height) return;
  const left = palette + FIT_MARGIN;
  const scale = Math.min((outer.width - left - FIT_MARGIN) / inner.width, (outer.height - 2 * FIT_MARGIN) / inner.height, 1);
  if (scale <= 0) return;
  canvas.viewbox({ x: inner.x - left / scale, y: inner.y - FIT_MARGIN / scale, width: outer.width / scale, height: outer.height / scale });
}

/**
 * Runs a bpmn-js Modeler in `container`: tracks the selected element, lints as the diagram
 * changes (bpmnlint at once, Kaari's own deploy checks a moment later) and shows each
 * problem as an overlay on its element.
 */
export function useModeler(container: RefObject<HTMLDivElement | null>, xml: string | null) {
  const modelerRef = useRef<Modeler | null>(null);
  const [selected, setSelected] = useState<DiagramElement | null>(null);
  const [elements, setElements] = useState<DiagramElement[]>([]);
  const [issues, setIssues] = useState<LintIssue[]>([]);
  const [importError, setImportError] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const serverTimer = useRef<number | undefined>(undefined);
  const lintIssues = useRef<LintIssue[]>([]);
  const serverIssues = useRef<LintIssue[]>([]);
  // The badges' tooltips are worded as the problems list words them, in the current language.
  const { t } = useI18n();
  const translate = useRef(t);
  translate.current = t;

  const showIssues = useCallback(() => {
    const m = modelerRef.current;
    if (!m) return;
    const all = [...serverIssues.current, ...lintIssues.current];
    setIssues(all);
    const overlays = m.get<Overlays>('overlays');
    const registry = m.get<Registry>('elementRegistry');
    overlays.remove({ type: 'kaari-lint' });
    const byElement = new Map<string, LintIssue[]>();
    for (const i of all) if (i.elementId && registry.get(i.elementId)) byElement.set(i.elementId, [...(byElement.get(i.elementId) ?? []), i]);
    for (const [id, list] of byElement) {
      const html = document.createElement('div');
      const error = list.some((i) => i.severity === 'error');
      html.className = `lint-badge ${error ? 'error' : 'warn'}`;
      html.textContent = `${error ? '!' : '?'} ${list.length}`;
      html.title = list.map((i) => lintText(i, translate.current)).join('\n');
      html.setAttribute('aria-hidden', 'true');
      overlays.add(id, 'kaari-lint', { position: { top: -12, right: 12 }, html });
    }
  }, []);

  const checkOnServer = useCallback(async () => {
    const m = modelerRef.current;
    if (!m) return;
    const { xml: current } = await m.saveXML({ format: false });
    try {
      const res = await api.validate(current!);
      serverIssues.current = res.problems.map((p) => ({ elementId: p.elementId, rule: p.code, message: p.message, severity: 'error', source: 'kaari' }));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
      serverIssues.current = [];
    }
    showIssues();
  }, [showIssues]);

  const relint = useCallback(async () => {
    const m = modelerRef.current;
    if (!m) return;
    lintIssues.current = await lint(m.getDefinitions());
    showIssues();
    window.clearTimeout(serverTimer.current);
    serverTimer.current = window.setTimeout(() => void checkOnServer().catch(() => undefined), SERVER_CHECK_DELAY);
  }, [showIssues, checkOnServer]);

  useEffect(() => {
    if (!container.current || xml === null) return;
    const host = container.current;
    // Keyboard bindings (undo, redo, delete, select all, zoom, arrows) are bpmn-js's own: since
    // diagram-js 15 they bind to the canvas itself once it has focus (keyboard.bindTo is gone).
    const modeler = new Modeler({ container: host, moddleExtensions: MODDLE_EXTENSIONS, keyboard: { bind: true } });
    modelerRef.current = modeler;
    const bus = modeler.get<EventBus>('eventBus');
    const registry = modeler.get<Registry>('elementRegistry');
    const canvas = modeler.get<Canvas>('canvas');
    const refresh = () => {
      setElements(registry.getAll().filter((e) => e.type !== 'label' && e.businessObject?.id));
      setRevision((r) => r + 1);
    };
    bus.on('selection.changed', (e) => setSelected(e.newSelection?.[0] ?? canvas.getRootElement()));
    bus.on('elements.changed', () => {
      refresh();
      void relint();
    });
    modeler
      .importXML(xml)
      .then(() => {
        fitBesidePalette(canvas, host);
        setSelected(canvas.getRootElement());
        refresh();
        void relint();
      })
      .catch((e: Error) => setImportError(e.message));
    return () => {
      window.clearTimeout(serverTimer.current);
      modelerRef.current = null;
      modeler.destroy();
    };
  }, [container, xml, relint]);

  const select = useCallback((id: string) => {
    const m = modelerRef.current;
    const el = m?.get<Registry>('elementRegistry').get(id);
    if (!m || !el) return;
    m.get<Selection>('selection').select(el);
    m.get<Canvas>('canvas').scrollToElement(el);
  }, []);

  const saveXml = useCallback(async () => {
    const { xml: out } = await modelerRef.current!.saveXML({ format: true });
    return out!;
  }, []);

  const setServerIssues = useCallback(
    (list: LintIssue[]) => {
      serverIssues.current = list;
      showIssues();
    },
    [showIssues],
  );

  const services: ModelerServices | null = modelerRef.current
    ? { modeling: modelerRef.current.get<ModelerServices['modeling']>('modeling'), moddle: modelerRef.current.get<ModelerServices['moddle']>('moddle') }
    : null;
  const fit = useCallback(() => {
    const m = modelerRef.current;
    if (m && container.current) fitBesidePalette(m.get<Canvas>('canvas'), container.current);
  }, [container]);

  return { selected, elements, issues, importError, revision, services, select, saveXml, checkOnServer, setServerIssues, fit };
}
