// The dashboard's provisions, one module each: it registers its pages (registry.js), and its
// message files are i18n/<name>/<lang>.json. A new provision adds its module, its three message
// files and one line here. (The pages every agreement has are pages.js and compose.js.)
export const PROVISIONS = [
  'inventory', // counting: overview, inventory (New START's central limits)
  'reconciliation', // data exchanges reconciled
  'inspections', // inspections and exhibitions
  'commission', // the commission's sessions, agenda and decisions
  'escrow', // escrowed declarations
  'talks', // multi-party talks: rounds, texts and their marks, glossary, action items
  'ceasefire', // the joint ceasefire register: commitments, claims and answers, reports
  'exchange', // mediated prisoner exchanges: lists without names, counts that reconcile
  'protocols', // any declared protocol: its subjects, timelines, deadlines
  'launches', // the 1988 launch notifications on a map
  'hotline', // the military line: three states per message, escalation, the live flash alert
  'incidents', // the line's incidents on a map, both sides' statements side by side
];
