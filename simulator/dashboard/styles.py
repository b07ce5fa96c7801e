"""The dashboard's CSS (one stylesheet, served inline: no fonts or files from elsewhere)."""

CSS = """
.cs-app { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
.cs-bar { background: #1f3f6e !important; padding: 4px 14px; min-height: 46px; }
.cs-bar-title { font-weight: 600; font-size: 1.15rem; margin-right: 18px; color: #fff; }
.cs-nav { background: transparent !important; }
.cs-nav a { color: #e8eefc !important; text-decoration: none; margin-right: 4px; }
.cs-nav .v-btn { color: #e8eefc !important; text-transform: none; letter-spacing: 0; font-size: 0.95rem; }
.cs-nav .cs-active .v-btn { background: rgba(255,255,255,0.18); color: #fff !important; }
.cs-content { padding: 12px 18px 40px 18px; }
.cs-side { width: 330px; min-width: 330px; max-width: 330px; padding-right: 8px; }
.cs-main { flex: 1 1 auto; min-width: 0; }
.cs-help { font-size: 0.8rem; color: #555; line-height: 1.3; margin: -4px 0 6px 0; }
.cs-note { font-size: 0.85rem; color: #444; }
.cs-month-line { display: flex; flex-wrap: wrap; align-items: baseline; gap: 14px; margin-top: 6px; }
.cs-month { font-size: 1.1rem; font-weight: 600; }
.cs-phase { font-size: 0.9rem; color: #1f5fa8; }
.cs-frame { font-size: 0.75rem; color: #777; }
.cs-kpis { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.cs-kpi { min-width: 150px; flex: 1 1 150px; border: 1px solid #e3e3e3; border-radius: 6px; padding: 8px 12px; background: #fff; }
.cs-kpi-label { font-size: 0.8rem; color: #444; }
.cs-kpi-value { font-size: 1.45rem; font-weight: 600; color: #111; line-height: 1.3; }
.cs-kpi-delta { font-size: 0.82rem; }
.cs-kpi-how { font-size: 0.7rem; color: #777; }
.cs-better { color: #1e7b3c; }
.cs-worse { color: #b3261e; }
.cs-neutral { color: #666; }
.cs-legend { font-size: 0.75rem; color: #333; }
.cs-legend-item { display: inline-flex; align-items: center; margin-right: 6px; }
.cs-swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 4px; }
.cs-feed { max-height: 330px; overflow-y: auto; border: 1px solid #e3e3e3; border-radius: 6px; }
.cs-event { padding: 4px 8px; border-bottom: 1px solid #f0f0f0; cursor: pointer; font-size: 0.8rem; }
.cs-event:hover { background: #f3f6fb; }
.cs-event.cs-selected { background: #e3ecf9; }
.cs-rule-chip { display: inline-block; min-width: 34px; font-weight: 600; color: #1f5fa8; }
.cs-event-month { color: #777; margin-right: 6px; }
.cs-rule .v-card__title { font-size: 0.95rem; padding: 8px 12px 0 12px; }
.cs-rule .v-card__text { font-size: 0.85rem; padding: 4px 12px 10px 12px; }
.cs-month-events { margin: 0 0 8px 0; padding-left: 18px; font-size: 0.85rem; }
.cs-rule-source { margin-top: 6px; color: #444; font-style: italic; }
.cs-chart-title { font-size: 0.9rem; font-weight: 600; margin: 2px 0 0 6px; }
.cs-chart-unit { font-size: 0.75rem; color: #666; font-weight: 400; margin-left: 6px; }
.cs-card { border: 1px solid #e3e3e3; border-radius: 6px; padding: 6px; background: #fff; }
.cs-table { border-collapse: collapse; font-size: 0.85rem; }
.cs-table th, .cs-table td { border-bottom: 1px solid #e6e6e6; padding: 4px 8px; text-align: left; vertical-align: top; }
.cs-table th { background: #f3f4f6; font-weight: 600; }
.cs-table td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.cs-table tr.cs-split td { border-top: 2px solid #bbb; }
.cs-table td.better { background: #e3f4e8; } .cs-table td.worse { background: #fbe4e1; }
.cs-code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.82rem; }
.cs-editor textarea { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace !important;
  font-size: 0.85rem !important; line-height: 1.35 !important; white-space: pre; }
.cs-listing { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.8rem;
  border: 1px solid #e3e3e3; border-radius: 6px; background: #fcfcfc; max-height: 520px; overflow: auto; }
.cs-line { white-space: pre; padding: 0 8px; }
.cs-lineno { display: inline-block; width: 3.2em; color: #999; text-align: right; margin-right: 10px; user-select: none; }
.cs-line.cs-bad { background: #fde7e4; }
.cs-line-msg { white-space: pre-wrap; padding: 1px 8px 3px 4.6em; color: #b3261e; background: #fff4f2; font-family: system-ui, sans-serif; }
.cs-gap { color: #bbb; padding: 0 8px; }
.cs-ok { color: #1e7b3c; font-weight: 600; }
.cs-bad-text { color: #b3261e; font-weight: 600; }
.cs-diff td { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.78rem; }
.cs-classroom { font-size: 1.35rem; line-height: 1.5; }
.cs-classroom h1 { font-size: 2.3rem; line-height: 1.2; margin: 0.2em 0; }
.cs-classroom h2 { font-size: 1.8rem; margin: 0.3em 0; }
.cs-classroom .v-btn { font-size: 1.15rem !important; height: 48px !important; text-transform: none; }
.cs-classroom .v-label, .cs-classroom .v-radio label { font-size: 1.25rem !important; }
.cs-quote { border-left: 6px solid #1f5fa8; padding: 8px 18px; margin: 12px 0; background: #f4f7fc; font-style: italic; }
.cs-cite { font-size: 1rem; color: #555; font-style: normal; margin-top: 4px; }
.cs-outcome { font-size: 1.5rem; font-weight: 600; }
.cs-doc { max-width: 980px; font-size: 0.95rem; line-height: 1.5; }
.cs-doc table { border-collapse: collapse; font-size: 0.82rem; }
.cs-doc th, .cs-doc td { border: 1px solid #e3e3e3; padding: 4px 6px; vertical-align: top; }
.cs-doc code { font-size: 0.85em; background: #f4f4f4; padding: 0 3px; border-radius: 3px; }
"""

CSS += """
.cs-results table { border-collapse: collapse; font-size: 0.84rem; margin: 6px 0; }
.cs-results th, .cs-results td { border-bottom: 1px solid #e6e6e6; padding: 4px 8px; text-align: left; vertical-align: top; }
.cs-results th { background: #f3f4f6; font-weight: 600; }
.cs-results td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.cs-results tr.split td { border-top: 2px solid #999; }
.cs-results .better { background: #e3f4e8; } .cs-results .worse { background: #fbe4e1; }
.cs-results .tag { font-size: 0.78em; padding: 1px 6px; border-radius: 8px; margin-left: 4px; color: #fff; }
.cs-results .tag.better { background: #2a8a4a; } .cs-results .tag.worse { background: #c0392b; }
.cs-results .tag.unclear { background: #999; }
.cs-results.findings li { margin: 3px 0; font-size: 0.9rem; }
.cs-validation { font-size: 0.9rem; margin-bottom: 8px; }
.cs-predict .v-btn { font-size: 1.2rem !important; height: 52px !important; text-transform: none; padding: 0 22px !important; }
.cs-classroom blockquote { font-size: 1.35rem; }
.cs-doc-section h3, .cs-doc-section h4 { margin-top: 0.8em; }
"""
