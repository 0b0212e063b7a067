import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useI18n } from '../i18n/i18n';
import { translatedName } from '../modeler/translations';
import { queries } from './queries';

export { translatedName };

/** Names of the processes' elements (tasks, steps) in the reader's language, from the latest deployed versions. */
export function useDiagramNames(): (definitionKey: string, elementId: string, name: string | null) => string | null {
  const { language } = useI18n();
  const definitions = useQuery({ ...queries.definitions(), enabled: language !== 'fi' }).data;
  return useCallback(
    (definitionKey, elementId, name) => translatedName(definitions?.find((d) => d.key === definitionKey)?.names, elementId, name, language),
    [definitions, language],
  );
}
