// The Connect Center war room. No data is in the page: it reads the aggregates API with the
// user's bearer token. The token comes from the URL fragment (#token=…, which browsers never send
// to a server, and which is removed from the address bar at once) or from the paste box, and is
// kept in sessionStorage (gone when the tab closes). Live updates are server-sent events read
// with fetch, because EventSource cannot send an Authorization header.
/* global document, location, history, sessionStorage, localStorage, AbortController, URLSearchParams, TextDecoderStream */
'use strict';

(() => {
  const TOKEN_KEY = 'cc.dashboard.token';
  const LANG_KEY = 'cc.dashboard.lang';
  const T = {
    en: {
      title: 'War room', signOut: 'Sign out', pasteToken: 'Paste your access token', connect: 'Connect',
      reportsToday: 'Reports today', reportsWindow: 'Reports, last {n} days', activeCases: 'Open cases', overdueCases: 'Overdue cases',
      silentBlocks: 'Silent blocks', trend: 'Reports per day', channelMix: 'Channel mix', byActivity: 'Most active', byOverdue: 'Most overdue cases',
      overdueQueue: 'Overdue queue', silentList: 'Blocks silent for {n} days', updated: 'Updated', unit: 'Unit', reports: 'Reports',
      active: 'Open', overdue: 'Overdue', reference: 'Reference', category: 'Category', desk: 'Desk', late: 'Overdue by', none: 'Nothing to show',
      never: 'never', days: 'd', live: 'live', connecting: 'connecting…', offline: 'reconnecting…', unauthorised: 'The token was refused: sign in again.',
      forbidden: 'This token may not see that unit.', whatsapp: 'WhatsApp', sms: 'SMS', app: 'App', lang: 'हिन्दी',
      'bdo-conduct': 'BDO conduct', 'co-conduct': 'CO conduct', 'office-bearer-conduct': 'Office-bearer conduct', 'government-service': 'Government service', organisational: 'Organisational', other: 'Other',
    },
    hi: {
      title: 'वॉर रूम', signOut: 'साइन आउट', pasteToken: 'अपना एक्सेस टोकन चिपकाएँ', connect: 'जोड़ें',
      reportsToday: 'आज की रिपोर्ट', reportsWindow: 'रिपोर्ट, पिछले {n} दिन', activeCases: 'खुले मामले', overdueCases: 'समय-सीमा पार मामले',
      silentBlocks: 'निष्क्रिय प्रखंड', trend: 'प्रतिदिन रिपोर्ट', channelMix: 'माध्यम', byActivity: 'सबसे सक्रिय', byOverdue: 'सबसे अधिक लंबित',
      overdueQueue: 'लंबित मामलों की कतार', silentList: '{n} दिन से निष्क्रिय प्रखंड', updated: 'अद्यतन', unit: 'इकाई', reports: 'रिपोर्ट',
      active: 'खुले', overdue: 'लंबित', reference: 'संदर्भ', category: 'श्रेणी', desk: 'डेस्क', late: 'देरी', none: 'कुछ नहीं',
      never: 'कभी नहीं', days: 'दिन', live: 'लाइव', connecting: 'जुड़ रहा है…', offline: 'फिर से जुड़ रहा है…', unauthorised: 'टोकन अस्वीकार हुआ: फिर से साइन इन करें।',
      forbidden: 'यह टोकन उस इकाई को नहीं देख सकता।', whatsapp: 'व्हाट्सऐप', sms: 'एसएमएस', app: 'ऐप', lang: 'English',
      'bdo-conduct': 'बीडीओ का आचरण', 'co-conduct': 'सीओ का आचरण', 'office-bearer-conduct': 'पदाधिकारी का आचरण', 'government-service': 'सरकारी सेवा', organisational: 'संगठनात्मक', other: 'अन्य',
    },
  };
  const $ = (id) => document.getElementById(id);
  let lang = localStorage.getItem(LANG_KEY) === 'hi' ? 'hi' : 'en';
  let view = null;
  let controller = null;
  let retry = 0;

  const t = (key, n) => (T[lang][key] ?? T.en[key] ?? key).replace('{n}', String(n ?? ''));
  const nf = () => new Intl.NumberFormat(lang === 'hi' ? 'hi-IN' : 'en-IN');
  const num = (n) => nf().format(n);
  const nameOf = (u) => (lang === 'hi' && u.nameHi ? u.nameHi : u.nameEn) || u.unitCode;
  const el = (tag, props = {}, children = []) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
    for (const child of children) node.append(child);
    return node;
  };
  const duration = (ms) => {
    const h = Math.floor(ms / 3600000);
    return h >= 48 ? `${Math.floor(h / 24)} ${t('days')}` : `${h} h ${Math.floor((ms % 3600000) / 60000)} m`;
  };

  function readToken() {
    const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function setStatus(state, key) {
    const status = $('status');
    status.dataset.state = state;
    status.textContent = t(key);
  }

  function showSignin(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    controller?.abort();
    $('board').hidden = true;
    $('signout').hidden = true;
    $('signin').hidden = false;
    $('signin-error').textContent = message ? t(message) : '';
    setStatus('idle', 'connecting');
    $('status').textContent = '';
  }

  function applyLabels() {
    document.documentElement.lang = lang;
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n, view?.range ? dayCount() : '');
    $('lang').textContent = t('lang');
  }

  const dayCount = () => view.trend.length;

  function table(node, headings, rows) {
    node.replaceChildren();
    if (rows.length === 0) {
      node.append(el('tr', {}, [el('td', { class: 'empty', text: t('none') })]));
      return;
    }
    node.append(el('tr', {}, headings.map(([key, numeric]) => el('th', { text: t(key), ...(numeric ? { class: 'num' } : {}) }))));
    for (const cells of rows) node.append(el('tr', {}, cells.map(([value, numeric]) => el('td', { text: String(value), ...(numeric ? { class: 'num' } : {}) }))));
  }

  function render() {
    if (!view) return;
    applyLabels();
    $('unit-name').textContent = nameOf(view.unit);
    $('c-today').textContent = num(view.today.reports);
    $('c-window').textContent = num(view.reports);
    $('c-active').textContent = num(view.active);
    $('c-overdue').textContent = num(view.overdue);
    $('c-silent').textContent = num(view.silentBlocks.count);
    document.querySelector('[data-i18n="reportsWindow"]').textContent = t('reportsWindow', dayCount());
    document.querySelector('[data-i18n="silentList"]').textContent = t('silentList', view.silentBlocks.days);

    const max = Math.max(1, ...view.trend.map((d) => d.reports));
    $('trend').replaceChildren(
      ...view.trend.map((d) => {
        const fill = el('span', { class: 'fill', style: `height:${Math.round((d.reports / max) * 100)}%` });
        return el('div', { class: 'col', title: `${d.day}: ${d.reports}` }, [el('span', { class: 'n', text: num(d.reports) }), fill, el('span', { class: 'd', text: d.day.slice(8) })]);
      }),
    );

    const total = Object.values(view.channelMix).reduce((a, b) => a + b, 0);
    const mix = el('div', { class: 'mix' });
    for (const channel of ['whatsapp', 'sms', 'app']) {
      const n = view.channelMix[channel] ?? 0;
      const share = total === 0 ? 0 : Math.round((n / total) * 100);
      mix.append(el('span', { text: t(channel) }), el('div', { class: 'track' }, [el('span', { style: `width:${share}%` })]), el('span', { class: 'num', text: `${num(n)}`, 'data-channel': channel }));
    }
    $('channels').replaceChildren(mix);

    table($('by-activity'), [['unit'], ['reports', true]], view.byActivity.slice(0, 12).map((u) => [[nameOf(u)], [num(u.reports), true]]));
    table($('by-overdue'), [['unit'], ['overdue', true], ['active', true]], view.byOverdue.slice(0, 12).map((u) => [[nameOf(u)], [num(u.overdue), true], [num(u.active), true]]));
    table(
      $('queue'),
      [['reference'], ['category'], ['unit'], ['desk'], ['late', true]],
      view.overdueQueue.slice(0, 25).map((c) => [[c.reference], [t(c.category)], [nameOf(c.unit)], [nameOf(c.desk)], [duration(c.overdueMs), true]]),
    );
    const silent = $('silent');
    silent.replaceChildren();
    if (view.silentBlocks.units.length === 0) silent.append(el('li', { class: 'empty', text: t('none') }));
    for (const u of view.silentBlocks.units) {
      silent.append(el('li', {}, [document.createTextNode(nameOf(u)), el('span', { class: 'days', text: u.silentDays === null ? t('never') : `${u.silentDays} ${t('days')}` })]));
    }
    $('updated').textContent = new Date(view.at).toLocaleTimeString(lang === 'hi' ? 'hi-IN' : 'en-IN');
  }

  async function connect() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) return showSignin();
    $('signin').hidden = true;
    $('signout').hidden = false;
    $('board').hidden = false;
    setStatus('idle', 'connecting');
    controller = new AbortController();
    const params = new URLSearchParams(location.search);
    const query = new URLSearchParams();
    for (const key of ['unit', 'days']) if (params.get(key)) query.set(key, params.get(key));
    try {
      const response = await fetch(`/v1/aggregates/live?${query}`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal, cache: 'no-store' });
      if (response.status === 401) return showSignin('unauthorised');
      if (response.status === 403) return showSignin('forbidden');
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      setStatus('live', 'live');
      retry = 0;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
          if (data) {
            view = JSON.parse(data);
            render();
          }
        }
      }
      throw new Error('stream ended');
    } catch {
      if (controller.signal.aborted) return;
      setStatus('error', 'offline');
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 500 * 2 ** retry);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('lang').addEventListener('click', () => {
      lang = lang === 'en' ? 'hi' : 'en';
      localStorage.setItem(LANG_KEY, lang);
      applyLabels();
      render();
    });
    $('signout').addEventListener('click', () => showSignin());
    $('token-save').addEventListener('click', () => {
      const value = $('token-input').value.trim();
      if (!value) return;
      sessionStorage.setItem(TOKEN_KEY, value);
      $('token-input').value = '';
      connect();
    });
    applyLabels();
    if (readToken()) connect();
    else showSignin();
  });
})();
