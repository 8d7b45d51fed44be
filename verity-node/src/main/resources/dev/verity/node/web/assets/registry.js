// The dashboard's page registry (issue 12): every page registers itself here, and the navigation,
// the routes and the titles are built from it. A provision's pages live in their own module,
// listed once in provisions.js; nothing else names them.
//
//   register({ id: 'escrow', nav: 'nav.escrow', order: 80, render: escrow,
//     applies: agr => agr.declarationMode === 'escrow' });
//
// id: the hash route (#/escrow/...); nav: the label key of its navigation link (none: reached
// from another page, then parent names the link that stays highlighted); applies(agr): whether
// the page concerns the node's agreement (else its link is hidden); role: the only role that
// may use it.
const pages = new Map();
const fieldTools = new Map();

export function register(page) {
  if (pages.has(page.id)) throw new Error('page registered twice: ' + page.id);
  pages.set(page.id, { order: 50, applies: () => true, ...page });
}

export const pageById = id => pages.get(id);

/** The pages with a navigation link, in their order. */
export const navPages = () => [...pages.values()].filter(p => p.nav)
  .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));

/** Whether a page shows for this agreement and session. */
export const shown = (p, agr, session) =>
  p.applies(agr) && (!p.role || p.role === session?.role);

/**
 * A tool beside one compose field (e.g. filling a selection's checkpoints from the logs):
 * make(input, errorBox) gives an element; registered by the provision that knows the field.
 */
export function registerFieldTool(type, field, make) {
  fieldTools.set(type + '/' + field, make);
}

export const fieldTool = (type, field) => fieldTools.get(type + '/' + field);
