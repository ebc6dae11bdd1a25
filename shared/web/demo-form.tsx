/**
 * The local runner's demo web form, posting to `/leads` as a customer's website would (plain HTML, no
 * script, urlencoded fields with the web-form key), and the thank-you page it lands on.
 */
import type { AppConfig } from '../domain/config';
import { URGENCIES } from '../domain/lead';
import { serviceLabel, urgencyLabel } from '../domain/wording';
import { Document, renderPage } from './layout';
import { DEMO_STYLE } from './styles';

const Choices = <T extends string>({
  values,
  label,
}: {
  values: readonly T[];
  label: (value: T) => string;
}) => (
  <>
    <option value="">Choose…</option>
    {values.map((value) => (
      <option key={value} value={value}>
        {label(value)}
      </option>
    ))}
  </>
);

export interface DemoFormProps {
  config: AppConfig;
  /** Where the local server runs: the form redirects to its `/thanks`. */
  origin: string;
  /** The web-form source's API key. */
  apiKey: string;
}

export const DemoForm = ({ config, origin, apiKey }: DemoFormProps) => (
  <Document title={`${config.business.name}: request service`} style={DEMO_STYLE}>
    <h1>{config.business.name}</h1>
    <p>
      Demo web form. It posts to <code>/leads</code> exactly as a customer's website would.
    </p>
    <form method="post" action={`/leads?key=${encodeURIComponent(apiKey)}`}>
      <input type="hidden" name="redirect" value={`${origin}/thanks`} />
      <label for="fullName">Full name</label>
      <input id="fullName" name="fullName" autocomplete="name" />
      <label for="phone">Phone</label>
      <input id="phone" name="phone" type="tel" autocomplete="tel" />
      <label for="email">Email</label>
      <input id="email" name="email" type="email" autocomplete="email" />
      <label for="serviceAddress">Service address</label>
      <input id="serviceAddress" name="serviceAddress" autocomplete="street-address" />
      <label for="serviceType">What do you need?</label>
      <select id="serviceType" name="serviceType">
        <Choices values={config.roster.serviceTypes} label={serviceLabel} />
      </select>
      <label for="urgency">How urgent?</label>
      <select id="urgency" name="urgency">
        <Choices values={URGENCIES} label={urgencyLabel} />
      </select>
      <label for="notes">Tell us what is going on</label>
      <textarea id="notes" name="notes" rows={4} />
      <input type="hidden" name="consent.sms" value="false" />
      <input type="hidden" name="consent.email" value="false" />
      <input type="hidden" name="consent.method" value="demo web form checkbox" />
      <label class="check">
        <input type="checkbox" name="consent.sms" value="true" /> Text me about this request
      </label>
      <label class="check">
        <input type="checkbox" name="consent.email" value="true" /> Email me about this request
      </label>
      <button type="submit">Send request</button>
    </form>
  </Document>
);

/** The demo form as HTML. */
export const demoForm = (config: AppConfig, origin: string, apiKey: string): string =>
  renderPage(<DemoForm config={config} origin={origin} apiKey={apiKey} />);

/** Where the demo form lands: the lead's reference and status. */
export const ThanksPage = ({ leadId, status }: { leadId: string; status: string }) => (
  <Document title="Thank you" style={DEMO_STYLE}>
    <h1>Thank you</h1>
    <p>We have your request.</p>
    <p>
      Reference: <code>{leadId}</code> ({status.replaceAll('_', ' ')})
    </p>
    <p>
      <a href="/">Send another</a>
    </p>
  </Document>
);

export const thanksPage = (leadId: string, status: string): string =>
  renderPage(<ThanksPage leadId={leadId} status={status} />);
