/** Every lead source connector, by the name in its URL (`/hooks/<name>`). Add a connector here. */
import type { Connector } from './connector';
import { googleLeadForm } from './google-lead-form';

export const CONNECTORS: readonly Connector[] = [googleLeadForm as Connector];

export const connectorsByName = (
  connectors: readonly Connector[] = CONNECTORS,
): ReadonlyMap<string, Connector> => new Map(connectors.map((connector) => [connector.name, connector]));
