// gridcare web app, first screen: the district at a glance.
//
// Vietnamese first, English on request (the button sets ?lang=en on API
// calls).  The chart is drawn as SVG by Preact: for each commune the bar
// is its customers and the orange part those who use a smartphone (the
// campaign's target population).  Clicking a commune lists its villages.
import { h, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';

const html = htm.bind(h);

const T = {
  vi: {
    title: 'Chăm sóc khách hàng – Điện lực',
    lang: 'English',
    rulesTitle: 'Ba điều cần nhớ',
    rules: ['Không cung cấp thông tin cá nhân.', 'Không bấm vào đường link lạ.',
      'Không liên kết tài khoản ngân hàng với ứng dụng lạ.'],
    areas: 'Khách hàng theo xã',
    customers: 'khách hàng', phone: 'dùng điện thoại thông minh',
    village: 'Thôn / khu vực', total: 'Tổng',
    loading: 'Đang tải…', failed: 'Không tải được dữ liệu.',
  },
  en: {
    title: 'Customer care – Power company',
    lang: 'Tiếng Việt',
    rulesTitle: 'Three rules',
    rules: ['Never give out personal information.', 'Never tap unknown links.',
      'Never link your bank account to an unknown app.'],
    areas: 'Customers by commune',
    customers: 'customers', phone: 'use a smartphone',
    village: 'Village', total: 'Total',
    loading: 'Loading…', failed: 'Could not load data.',
  },
};

// 1.160.460: dot as thousands separator, as Vietnamese readers expect.
const fmt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

function Chart({ communes, t, onPick }) {
  const max = Math.max(1, ...communes.map((c) => c.customers));
  const rowH = 30, left = 92, width = 190;
  return html`<svg class="chart" viewBox="0 0 ${left + width + 50} ${communes.length * rowH + 4}"
      role="img" aria-label=${t.areas}>
    ${communes.map((c, i) => {
      const w = (c.customers / max) * width;
      const p = (c.smartphone_customers / max) * width;
      return html`<g class="row" data-code=${c.code} onClick=${() => onPick(c)}
          transform="translate(0 ${i * rowH})">
        <text x="0" y="19">${c.name}</text>
        <rect class="bar" x=${left} y="4" width=${w} height="22" rx="3" />
        <rect class="phone" x=${left} y="4" width=${p} height="22" rx="3" />
        <text x=${left + w + 4} y="19">${fmt(c.customers)}</text>
      </g>`;
    })}
  </svg>`;
}

function App() {
  const [lang, setLang] = useState(new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'vi');
  const [root, setRoot] = useState(null);
  const [picked, setPicked] = useState(null);
  const [error, setError] = useState(false);
  const t = T[lang];

  useEffect(() => {
    fetch(`/api/v1/areas?lang=${lang}`)
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then((d) => { setRoot(d.areas[0] || null); setError(false); })
      .catch(() => setError(true));
    document.documentElement.lang = lang;
    document.title = t.title;
  }, [lang]);

  const communes = root ? root.children : [];
  const village = picked && communes.find((c) => c.code === picked.code);
  return html`
    <header><h1>${t.title}</h1>
      <button onClick=${() => setLang(lang === 'vi' ? 'en' : 'vi')}>${t.lang}</button></header>
    <section><h2>${t.rulesTitle}</h2>
      <ol class="rules">${t.rules.map((r) => html`<li>${r}</li>`)}</ol></section>
    <section><h2>${t.areas}${root ? ` – ${root.name}` : ''}</h2>
      ${error && html`<p class="error">${t.failed}</p>`}
      ${!root && !error && html`<p>${t.loading}</p>`}
      ${root && html`<p class="total" id="total">${t.total}: ${fmt(root.customers)} ${t.customers}, ${fmt(root.smartphone_customers)} ${t.phone}</p>
        <p class="legend"><span class="sw-bar"></span>${t.customers}
          <span class="sw-phone"></span>${t.phone}</p>
        <${Chart} communes=${communes} t=${t} onPick=${setPicked} />`}
      ${village && html`<h2 id="villages">${village.name}</h2><table>
        <tr><th>${t.village}</th><th class="n">${t.customers}</th><th class="n">${t.phone}</th></tr>
        ${village.children.map((v) => html`<tr><td>${v.name}</td>
          <td class="n">${fmt(v.customers)}</td><td class="n">${fmt(v.smartphone_customers)}</td></tr>`)}
      </table>`}
    </section>`;
}

const mount = document.getElementById('app');
mount.textContent = ''; // drop the "loading" placeholder of index.html
render(html`<${App} />`, mount);
