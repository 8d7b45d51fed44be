// The map test page (MapBrowserTest): Plesetsk, an area in the Barents Sea and a 50 km circle
// at the Kura range on Kamchatka, labelled in the language the query names.
import { drawMap } from '/assets/map.js';

const WORDS = {
  en: { launch: 'Launch sites', area: 'Launch areas at sea', impact: 'Impact areas', plesetsk: 'Plesetsk',
    barents: 'Barents Sea', kura: 'Kura', attribution: 'Boundaries: Natural Earth', title: 'Launches' },
  ru: { launch: 'Места пуска', area: 'Районы пуска в море', impact: 'Районы падения', plesetsk: 'Плесецк',
    barents: 'Баренцево море', kura: 'Кура', attribution: 'Границы: Natural Earth', title: 'Пуски' },
  ar: { launch: 'مواقع الإطلاق', area: 'مناطق الإطلاق في البحر', impact: 'مناطق السقوط', plesetsk: 'بليسيتسك',
    barents: 'بحر بارنتس', kura: 'كورا', attribution: 'الحدود: Natural Earth', title: 'عمليات الإطلاق' },
};

const violations = [];
document.addEventListener('securitypolicyviolation', e => violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.cspViolations = violations;

const lang = new URLSearchParams(location.search).get('lang') ?? 'en';
const w = WORDS[lang];
document.documentElement.lang = lang;
document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';

const kura = { lat: 57.3, lon: 160.9 };
const layers = [
  { name: w.launch, cls: 'launch', features: [
    { geo: { lat: 62.93, lon: 40.58 }, label: w.plesetsk, tooltip: w.plesetsk + ' 62.93° 40.58°' },
    { geo: { site: 'Plesetsk' }, label: 'no geometry' },
  ] },
  { name: w.area, cls: 'claim', features: [
    { geo: { polygon: [{ lat: 71.5, lon: 36 }, { lat: 71.5, lon: 44 }, { lat: 73.5, lon: 44 }, { lat: 73.5, lon: 36 }] },
      label: w.barents, tooltip: w.barents },
  ] },
  { name: w.impact, cls: 'impact', features: [
    { geo: { circle: { center: kura, radius: 50, unit: 'km' } }, tooltip: w.kura + ' 50 km' },
    { geo: kura, label: w.kura, tooltip: w.kura },
  ] },
];

drawMap(document.getElementById('map'), layers, { title: w.title, attribution: w.attribution, width: 1000 })
  .then(result => {
    window.mapResult = result;
    document.body.dataset.ready = 'yes';
  })
  .catch(e => {
    document.body.dataset.error = String(e);
  });
