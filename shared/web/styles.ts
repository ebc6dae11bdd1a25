/**
 * Every stylesheet of the web layer. Pages carry their CSS inline (the CSP allows `style-src
 * 'unsafe-inline'` and nothing external), mobile-first, with a dark scheme. Plain constants without
 * `"`, `&` or `<`, so the renderer places them in `<style>` unchanged (it escapes only those).
 */

/** The link pages: the handoff note, its forms and the outcome pages. */
export const PAGE_STYLE = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1b1b;background:#f4f4f1}
main{max-width:40rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;line-height:1.3;margin:0 0 .75rem}
section{background:#fff;border:1px solid #c9c9c4;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
p{margin:0 0 .75rem}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:.25rem;background:#e4e4df;color:#1b1b1b;font-weight:700}
.badge.urgent{background:#a4161a;color:#fff}
.status{padding:.75rem 1rem;border-radius:.5rem;background:#e6f0fa;border:1px solid #0b4f8a;margin:0 0 1rem}
.alert{padding:.75rem 1rem;border-radius:.5rem;background:#fdecea;border:2px solid #a4161a;color:#5c0b0e;font-weight:600;margin:0 0 1rem}
dl{margin:0}
dt{font-weight:700;margin-top:.75rem}
dt:first-child{margin-top:0}
dd{margin:0;overflow-wrap:anywhere;white-space:pre-line}
dd ul{margin:.25rem 0 0;padding-left:1.25rem;white-space:normal}
fieldset{border:0;padding:0;margin:0 0 1rem;min-width:0}
legend{font-weight:700;padding:0;margin-bottom:.5rem}
.choice{display:flex;gap:.75rem;align-items:center;min-height:48px;padding:.5rem .75rem;border:1px solid #8a8a85;border-radius:.375rem;margin:.5rem 0;cursor:pointer}
.choice input{width:1.5rem;height:1.5rem;margin:0;flex:none;accent-color:#0b4f8a}
.field{display:block;font-weight:700;margin:.5rem 0 .25rem}
.hint{color:#44443f;font-size:.95rem;margin:0 0 .5rem}
textarea{display:block;width:100%;min-height:6rem;font:inherit;padding:.5rem;border:1px solid #6b6b66;border-radius:.375rem;margin-bottom:1rem}
button{display:block;width:100%;min-height:48px;font:inherit;font-weight:700;border-radius:.5rem;border:2px solid #0b4f8a;padding:.75rem 1rem;cursor:pointer}
.primary{background:#0b4f8a;color:#fff}
.secondary{background:#fff;color:#8f1317;border-color:#8f1317}
a{color:#0b4f8a}
.tap{display:inline-block;min-height:44px;padding:.5rem 0}
.skip{display:inline-block;min-height:44px;padding:.5rem 0;margin-bottom:.5rem}
:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
@media (prefers-color-scheme:dark){body{background:#121212;color:#ececec}section{background:#1e1e1e;border-color:#555}.badge{background:#3a3a3a;color:#fff}.status{background:#0f2a44;border-color:#7fb2e5}.alert{background:#3d1012;color:#ffd9d9;border-color:#ff8a8a}.hint{color:#c8c8c8}a{color:#9ccaff}textarea{background:#1e1e1e;color:#ececec;border-color:#9a9a9a}.choice{border-color:#8a8a8a}.secondary{background:#1e1e1e;color:#ff9e9e;border-color:#ff9e9e}}`;

/** Extra rules for the lead card's inputs, selects, problems and lists; served after `PAGE_STYLE`. */
export const CARD_STYLE = `input[type=text],input[type=datetime-local],select{display:block;width:100%;min-height:48px;font:inherit;padding:.5rem;border:1px solid #6b6b66;border-radius:.375rem;margin-bottom:1rem;background:#fff;color:#1b1b1b}
[aria-invalid=true]{border:2px solid #a4161a}
.problem{color:#a4161a;font-weight:700;margin:0 0 .5rem}
.notice{background:#e7f4ea;border-color:#1e6b31}
.alert ul{margin:.5rem 0 0;padding-left:1.25rem}
.alert a{color:inherit}
.skips{display:flex;flex-wrap:wrap;gap:0 1.25rem;margin:0 0 1rem}
.skips .skip{margin:0}
#follow-ups,#timeline{margin:0;padding-left:1.5rem}
#follow-ups li,#timeline li{margin:0 0 .5rem;overflow-wrap:anywhere}
@media (prefers-color-scheme:dark){input[type=text],input[type=datetime-local],select{background:#1e1e1e;color:#ececec;border-color:#9a9a9a}[aria-invalid=true]{border-color:#ff8a8a}.problem{color:#ff9e9e}.notice{background:#12331b;border-color:#7fd18f}}`;

/** The local runner's demo web form and its thank-you page. */
export const DEMO_STYLE = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:1rem auto;padding:0 1rem;line-height:1.4}
label{display:block;margin:.6rem 0 .2rem;font-weight:600}
input,select,textarea{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
input[type=checkbox]{width:auto}
.check{font-weight:400}
.required{font-weight:400;color:#5c0b0e}
.problem{color:#a4161a;font-weight:700;margin:.2rem 0}
[aria-invalid=true]{border:2px solid #a4161a}
.alert{padding:.75rem 1rem;border-radius:.5rem;background:#fdecea;border:2px solid #a4161a;color:#5c0b0e;font-weight:600;margin:0 0 1rem}
.alert ul{margin:.5rem 0 0;padding-left:1.25rem}
.alert a{color:inherit}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
button{margin-top:1rem;padding:.7rem 1.2rem;font-size:1rem}`;

/** The local runner's "phone": every message sent, as a list; long links wrap (no sideways scroll at 390 px). */
export const PHONE_STYLE = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;overflow-wrap:anywhere}
ul{list-style:none;padding:0}li{border:1px solid #ccc;border-radius:.6rem;padding:.6rem;margin:.6rem 0;min-width:0}li.sms{background:#eef6ff}
.meta{font-size:.8rem;color:#444}pre{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word;font-family:inherit;margin:.3rem 0}
a{overflow-wrap:anywhere;word-break:break-all}`;

/** The board and its sign-in pages: rows that wrap on a 390 px phone; overdue said in words and colour. */
export const BOARD_STYLE = `input[type=text],input[type=email]{display:block;width:100%;min-height:48px;font:inherit;padding:.5rem;border:1px solid #6b6b66;border-radius:.375rem;margin-bottom:1rem;background:#fff;color:#1b1b1b}
.bar{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;margin:0 0 1rem}
.bar form button{width:auto;min-height:44px;padding:.4rem 1rem}
.leads{list-style:none;margin:0;padding:0}
.leads li{background:#fff;border:1px solid #c9c9c4;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 .75rem;overflow-wrap:anywhere}
.leads li.overdue{border:2px solid #a4161a}
.leads h2{font-size:1.1rem;margin:0 0 .25rem}
.leads p{margin:0 0 .25rem}
.leads li.unowned{border:2px solid #8a4b00}
.leads li.overdue.unowned{border-color:#a4161a}
.leads li.closed{border-style:dashed}
.tag{display:inline-block;padding:0 .4rem;border-radius:.25rem;font-size:.9rem;font-weight:700;vertical-align:middle}
.overdue-tag{display:inline-block;padding:0 .4rem;border-radius:.25rem;background:#a4161a;color:#fff;font-weight:700}
.unowned-tag{background:#8a4b00;color:#fff}
.urgent-tag{background:#fff;color:#a4161a;border:2px solid #a4161a}
.closed-tag{background:#e4e4df;color:#1b1b1b}
.test-tag{background:#1d4e89;color:#fff}
.views{list-style:none;margin:0 0 .5rem;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.views a{display:inline-block;min-height:44px;padding:.6rem .75rem;border:1px solid #0b4f8a;border-radius:.375rem;text-decoration:none;background:#fff}
.views a[aria-current=page]{background:#0b4f8a;color:#fff;font-weight:700}
select{display:block;width:100%;min-height:48px;font:inherit;padding:.5rem;border:1px solid #6b6b66;border-radius:.375rem;margin-bottom:1rem;background:#fff;color:#1b1b1b}
.filters{margin:0 0 1rem}
.filters summary{min-height:44px;padding:.6rem 0;cursor:pointer;font-weight:700;color:#0b4f8a}
.retry-all{margin:0 0 1rem}
.leads form button{width:auto;min-height:44px;padding:.4rem 1rem;margin-top:.25rem}
.away-form{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin-top:.5rem}
.away-form select{width:auto;margin:0}
.pager{display:flex;flex-wrap:wrap;gap:1.5rem}
@media (prefers-color-scheme:dark){input[type=text],input[type=email],select{background:#1e1e1e;color:#ececec;border-color:#9a9a9a}.leads li{background:#1e1e1e;border-color:#555}.leads li.overdue{border-color:#ff8a8a}.leads li.unowned{border-color:#ffb866}.views a{background:#1e1e1e;border-color:#9ccaff}.views a[aria-current=page]{background:#9ccaff;color:#121212}.closed-tag{background:#3a3a3a;color:#fff}.urgent-tag{background:#1e1e1e;color:#ff9e9e;border-color:#ff9e9e}.filters summary{color:#9ccaff}}`;
