// The report's only stylesheet, inlined in a <style> element whose hash the page's Content-Security-Policy
// names: no other style, no script, no font, image or request can run or load.
export const STYLE = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa;
  --critical: #8b0000; --high: #cf222e; --medium: #9a6700; --low: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 17px; margin: 0; }
h4 { font-size: 14px; margin: 12px 0 4px; }
p { margin: 6px 0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
code { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.note { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 8px 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; }
td.place { overflow-wrap: anywhere; }
.totals { display: flex; gap: 12px; flex-wrap: wrap; margin: 16px 0; }
.total { border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; min-width: 110px; }
.total b { display: block; font-size: 22px; }
.sev { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; color: #fff; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); }
.sev-medium { background: var(--medium); } .sev-low { background: var(--low); }
.state { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; border: 1px solid var(--line); }
.state-head { background: #ffebe9; border-color: #ff8182; color: #82071e; font-weight: 600; }
.state-gone { background: var(--panel); color: var(--muted); }
.type { border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 16px 0; }
.type > header { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.secret { border-left: 4px solid var(--line); padding: 4px 0 4px 12px; margin: 14px 0; }
.secret.sev-border-critical { border-left-color: var(--critical); } .secret.sev-border-high { border-left-color: var(--high); }
.secret.sev-border-medium { border-left-color: var(--medium); } .secret.sev-border-low { border-left-color: var(--low); }
.secret > header { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; overflow-wrap: anywhere; }
details.playbook { background: var(--panel); border-radius: 6px; padding: 6px 12px; margin: 8px 0; }
details.playbook summary { cursor: pointer; font-weight: 600; }
details.playbook ol { margin: 4px 0 8px; padding-left: 24px; }
.chart { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
.chart svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
.chart svg text.count { fill: var(--fg); font-weight: 600; }
.chart svg .axis { stroke: var(--line); }
.bar-critical { fill: var(--critical); } .bar-high { fill: var(--high); } .bar-medium { fill: var(--medium); } .bar-low { fill: var(--low); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
`;
