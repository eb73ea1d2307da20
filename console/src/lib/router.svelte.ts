/** A hash router: `#/t/acme/messages?contact=...` -> { parts: ['t','acme','messages'], query }. */
function parse() {
  const [path = '', search = ''] = location.hash.replace(/^#/, '').split('?');
  return {
    parts: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(search),
  };
}

export const route = $state(parse());

addEventListener('hashchange', () => Object.assign(route, parse()));

export const go = (path: string) => {
  location.hash = path;
};
