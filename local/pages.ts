/** Pages only the local runner serves: a demo web form that posts to `/leads` like a customer's site would. */
import type { AppConfig } from '../shared/domain/config';
import { URGENCIES } from '../shared/domain/lead';

export const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const page = (title: string, body: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:36rem;margin:1rem auto;padding:0 1rem;line-height:1.4}
label{display:block;margin:.6rem 0 .2rem;font-weight:600}
input,select,textarea{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
input[type=checkbox]{width:auto}
.check{font-weight:400}
button{margin-top:1rem;padding:.7rem 1.2rem;font-size:1rem}
</style></head><body>${body}</body></html>`;

/** The demo form: a plain HTML form (no script) posting urlencoded fields with the web-form key. */
export const demoForm = (config: AppConfig, origin: string, key: string): string => {
  const options = (values: readonly string[]) =>
    values
      .map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v.replaceAll('_', ' '))}</option>`)
      .join('');
  return page(
    `${config.business.name}: request service`,
    `<h1>${escapeHtml(config.business.name)}</h1>
<p>Demo web form. It posts to <code>/leads</code> exactly as a customer's website would.</p>
<form method="post" action="/leads?key=${encodeURIComponent(key)}">
<input type="hidden" name="redirect" value="${escapeHtml(`${origin}/thanks`)}">
<label for="fullName">Full name</label><input id="fullName" name="fullName" autocomplete="name">
<label for="phone">Phone</label><input id="phone" name="phone" type="tel" autocomplete="tel">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email">
<label for="serviceAddress">Service address</label><input id="serviceAddress" name="serviceAddress" autocomplete="street-address">
<label for="serviceType">What do you need?</label><select id="serviceType" name="serviceType"><option value="">Choose…</option>${options(config.roster.serviceTypes)}</select>
<label for="urgency">How urgent?</label><select id="urgency" name="urgency"><option value="">Choose…</option>${options(URGENCIES)}</select>
<label for="notes">Tell us what is going on</label><textarea id="notes" name="notes" rows="4"></textarea>
<input type="hidden" name="consent.sms" value="false"><input type="hidden" name="consent.email" value="false">
<input type="hidden" name="consent.method" value="demo web form checkbox">
<label class="check"><input type="checkbox" name="consent.sms" value="true"> Text me about this request</label>
<label class="check"><input type="checkbox" name="consent.email" value="true"> Email me about this request</label>
<button type="submit">Send request</button>
</form>`,
  );
};

export const thanksPage = (leadId: string, status: string): string =>
  page(
    'Thank you',
    `<h1>Thank you</h1><p>We have your request.</p><p>Reference: <code>${escapeHtml(leadId)}</code> (${escapeHtml(status.replaceAll('_', ' '))})</p><p><a href="/">Send another</a></p>`,
  );
