/**
 * Payloads as each lead source documents them, for the connector tests. Where a source publishes a
 * signature example, it is here verbatim (body, key and signature), so a test proves the connector
 * verifies exactly as the source signs.
 */

/**
 * Twilio's request-validation example (twilio.com/docs/usage/security, "Validating requests"; the same
 * vector is in twilio-php's validation docs): auth token `12345`, this URL and these POST parameters
 * sign to `RSOYDt4T1cUTdK1PDd93/VVr8B8=`.
 */
export const TWILIO_DOC_EXAMPLE = {
  authToken: '12345',
  url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
  params: {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+14158675309',
    Digits: '1234',
    From: '+14158675309',
    To: '+18005551212',
  },
  signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
} as const;

/** An incoming call as Twilio posts it to the number's voice webhook (twilio.com/docs/voice/twiml#request-parameters). */
export const twilioIncomingCall = (overrides: Record<string, string> = {}): Record<string, string> => ({
  AccountSid: 'AC00000000000000000000000000000001',
  ApiVersion: '2010-04-01',
  CallSid: 'CA5f1a2b3c4d5e6f708192a3b4c5d6e7f8',
  CallStatus: 'ringing',
  Called: '+15125550150',
  Caller: '+15125550199',
  Direction: 'inbound',
  From: '+15125550199',
  FromCity: 'AUSTIN',
  FromCountry: 'US',
  FromState: 'TX',
  FromZip: '78701',
  To: '+15125550150',
  ToCity: 'AUSTIN',
  ToCountry: 'US',
  ToState: 'TX',
  ToZip: '78701',
  ...overrides,
});

/** The `<Dial action>` request when the dialled call ends (twilio.com/docs/voice/twiml/dial#action). */
export const twilioDialEnded = (
  dialCallStatus: string,
  overrides: Record<string, string> = {},
): Record<string, string> => ({
  ...twilioIncomingCall({ CallStatus: 'in-progress' }),
  DialCallSid: 'CAaa11bb22cc33dd44ee55ff6677889900',
  DialCallStatus: dialCallStatus,
  DialCallDuration: '0',
  ...overrides,
});

/**
 * CallRail's webhook signature example (apidocs.callrail.com, "Webhooks" → "Security"): this exact body,
 * signed with the key `072e77e426f92738a72fe23c4d1953b4`, has the `Signature` `UZAHbUdfm3GqL7qzilGozGzWV64=`.
 * A voicemail: `answered` false, `voicemail` true.
 */
export const CALLRAIL_DOC_EXAMPLE = {
  signingKey: '072e77e426f92738a72fe23c4d1953b4',
  signature: 'UZAHbUdfm3GqL7qzilGozGzWV64=',
  body: '{"answered":false,"business_phone_number":"","call_type":"voicemail","company_id":155920786,"company_name":"Boost Marketing","company_time_zone":"America/Los_Angeles","created_at":"2018-02-19T13:41:00.252-05:00","customer_city":"Rochester","customer_country":"US","customer_name":"Kaylah Mills","customer_phone_number":"+12148654559","customer_state":"PA","device_type":"","direction":"inbound","duration":"13","first_call":false,"formatted_call_type":"Voicemail","formatted_customer_location":"Rochester, PA","formatted_business_phone_number":"","formatted_customer_name":"Kaylah Mills","prior_calls":16,"formatted_customer_name_or_phone_number":"Kaylah Mills","formatted_customer_phone_number":"214-865-4559","formatted_duration":"13s","formatted_tracking_phone_number":"404-555-8514","formatted_tracking_source":"Google Paid","formatted_value":"--","good_lead_call_id":715587840,"good_lead_call_time":"2016-06-17T10:23:33.363-04:00","id":766970532,"lead_status":"previously_marked_good_lead","note":"","recording":"https://app.callrail.com/calls/766970532/recording/redirect?access_key=aaaaccccddddeeee","recording_duration":8,"source_name":"Google AdWords","start_time":"2018-02-19T13:41:00.236-05:00","tags":[],"total_calls":17,"tracking_phone_number":"+14045558514","transcription":"","value":"","voicemail":true,"tracker_id":354024023,"keywords":"","medium":"","referring_url":"","landing_page_url":"","last_requested_url":"","referrer_domain":"","conversational_transcript":"","utm_source":"google","utm_medium":"cpc","utm_term":"","utm_content":"","utm_campaign":"Google AdWords","utma":"","utmb":"","utmc":"","utmv":"","utmz":"","ga":"","gclid":"","integration_data":[{"integration":"Webhooks","data":null}],"keywords_spotted":"","recording_player":"https://app.callrail.com/calls/766970532/recording?access_key=aaaabbbbccccdddd","speaker_percent":"","call_highlights":[],"callercity":"Rochester","callercountry":"US","callername":"Kaylah Mills","callernum":"+12148654559","callerstate":"PA","callsource":"google_paid","campaign":"","custom":"","datetime":"2018-02-19 18:41:00","destinationnum":"","ip":"","kissmetrics_id":"","landingpage":"","referrer":"","referrermedium":"","score":1,"tag":"","trackingnum":"+14045558514","timestamp":"2018-02-19T13:41:00.236-05:00"}',
} as const;

/** A CallRail post-call payload: the documented example, with `overrides`. */
export const callrailCall = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...(JSON.parse(CALLRAIL_DOC_EXAMPLE.body) as Record<string, unknown>),
  resource_id: 'CALb14811eb573645c6989000cf426b9772',
  ...overrides,
});

/**
 * An Angi lead with the fields of HomeAdvisor's JSON Lead Feed (homeadvisor.com/r/feed), which Angi's
 * Lead Integration API kept; values for a customer of the example business.
 */
export const angiLead = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'Dana Reyes',
  firstName: 'Dana',
  lastName: 'Reyes',
  address: '412 W Mary St',
  city: 'Austin',
  stateProvince: 'TX',
  postalCode: '78704',
  primaryPhone: '5125550177',
  phoneExt: '',
  secondaryPhone: '',
  email: 'dana.reyes@example.com',
  srOid: 151234567,
  leadOid: 298765432,
  fee: 38.5,
  taskName: 'Water Heater - Install or Replace',
  comments: 'Water heater is leaking from the bottom, about 12 years old.',
  matchType: 'Exact',
  leadDescription: 'Water Heater - Install or Replace',
  spEntityId: 77001234,
  spCompanyName: 'Lone Star Plumbing & Air',
  interview: [
    { question: 'What kind of water heater?', answer: 'Gas, tank' },
    { question: 'When would you like this done?', answer: 'Within 1 week' },
  ],
  ...overrides,
});

/**
 * A Thumbtack lead (negotiation) as its Leads API shapes it (developers.thumbtack.com
 * /docs/pro-integrations/negotiations), with the customer's phone and the request's location and
 * description a lead carries for the business.
 */
export const thumbtackNegotiation = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  negotiationID: '519153480500518912',
  status: 'active',
  category: { categoryID: '201565295100608806', name: 'Water Heater Installation or Replacement' },
  customer: {
    customerID: '519153480034934784',
    displayName: 'Olivia Young',
    phone: '(512) 555-0188',
    location: { city: 'Austin', state: 'TX', zipCode: '78745' },
  },
  business: { businessID: '468046965846925323', name: 'Lone Star Plumbing & Air' },
  description: 'Our 40 gallon water heater stopped heating.',
  location: { address1: '9 Slaughter Ln', address2: 'Unit 4', city: 'Austin', state: 'TX', zipCode: '78745' },
  details: [
    { question: 'Fuel type', answer: 'Electric' },
    { question: 'When do you need this done?', answer: 'As soon as possible' },
  ],
  createTime: '2026-11-18T15:58:01Z',
  ...overrides,
});
