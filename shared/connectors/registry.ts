/** Every lead source connector, by the name in its URL (`/hooks/<name>`). Add a connector here. */
import { angi } from './angi';
import { callrail } from './callrail';
import type { Connector } from './connector';
import { googleLeadForm } from './google-lead-form';
import { gravityForms } from './gravity-forms';
import { jotform } from './jotform';
import { metaLeadAds } from './meta-lead-ads';
import { thumbtack } from './thumbtack';
import { twilioVoice } from './twilio-voice';
import { typeform } from './typeform';

export const CONNECTORS: readonly Connector[] = [
  googleLeadForm as Connector,
  typeform as Connector,
  jotform as Connector,
  gravityForms as Connector,
  metaLeadAds as Connector,
  twilioVoice as Connector,
  callrail as Connector,
  angi as Connector,
  thumbtack as Connector,
];

export const connectorsByName = (
  connectors: readonly Connector[] = CONNECTORS,
): ReadonlyMap<string, Connector> => new Map(connectors.map((connector) => [connector.name, connector]));
