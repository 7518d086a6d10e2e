"""The report's look: one style sheet inside the page, for the screen and for A4 paper. System
fonts only (nothing is fetched); colour never carries meaning alone (the calendar has symbols,
the charts dash patterns, the alerts a word)."""

from __future__ import annotations

CSS = """
:root {
  --ink: #1b1b1b; --muted: #5c5c5c; --rule: #d0d0d0; --soft: #f4f4f4;
  --met: #b9e4c9; --some: #fde2a7; --alert: #9b1c1c; --alert-soft: #fdecec;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0 auto; padding: 1.5rem 1.25rem 3rem; max-width: 70rem; color: var(--ink);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial,
    sans-serif;
}
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--ink); }
p { margin: .35rem 0; }
.muted, figcaption, .hint { color: var(--muted); }
.period { font-size: 1.05rem; font-weight: 600; }
.glance { display: grid; grid-template-columns: 11rem 1fr; margin: .5rem 0 0;
  border-top: 1px solid var(--rule); }
.glance dt, .glance dd { margin: 0; padding: .45rem .5rem; border-bottom: 1px solid var(--rule); }
.glance dt { font-weight: 700; }
.glance .alert { background: var(--alert-soft); }
.glance dt.alert::after { content: " (!)"; color: var(--alert); }
.pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(15rem, 22rem);
  gap: 1.25rem; align-items: start; }
.stack > figure { margin-bottom: .75rem; }
.stack figure svg { max-width: 48rem; }
figure { margin: 0; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: .9rem; margin-top: .25rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 0 0 .3rem; }
th, td { text-align: left; padding: .2rem .45rem; border-bottom: 1px solid var(--rule);
  vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
td.num, th.num { text-align: right; }
.numbers { max-height: 30rem; overflow: auto; }
.wide { overflow-x: auto; max-width: 100%; position: relative; }
.calendar { width: auto; }
.calendar td, .calendar th { text-align: center; width: 2.6rem; padding: .15rem; }
.calendar th[scope=row] { text-align: left; width: auto; white-space: nowrap; }
.calendar td.met { background: var(--met); }
.calendar td.some { background: var(--some); }
.calendar td.out { color: #aaa; }
.mark { font-weight: 700; }
.empty { font-style: italic; color: var(--muted); }
.alert-text { color: var(--alert); font-weight: 700; }
details summary { cursor: pointer; font-weight: 600; margin: .5rem 0; }
footer { margin-top: 2.5rem; font-size: .85rem; color: var(--muted);
  border-top: 1px solid var(--rule); padding-top: .75rem; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
@media screen and (max-width: 48rem) {
  .pair { grid-template-columns: minmax(0, 1fr); }
  body { padding: 1rem .75rem 2rem; }
  .glance { grid-template-columns: 1fr; }
  .glance dt { border-bottom: 0; padding-bottom: 0; }
}
@page { size: A4; margin: 14mm 12mm 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  h1 { font-size: 16pt; }
  h2 { font-size: 12pt; margin-top: 5mm; break-after: avoid; }
  .pair { display: block; }
  figure { margin-bottom: 3mm; }
  .stack figure svg { max-width: none; }
  .numbers { max-height: none; overflow: visible; max-width: 70%; }
  figure, .glance, tr { break-inside: avoid; }
  section { break-inside: auto; }
  #summary { break-inside: avoid; }
  .wide { overflow: visible; }
  caption { break-after: avoid; }
  details, .no-print { display: none; }
  .glance .alert, .calendar td.met, .calendar td.some {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
